"""The agenda in other formats: iCalendar (RFC 5545), the frab/c3voc conference schedule (XML and
JSON, read by Giggity, ConfClerk, EventFahrplan and recording pipelines) and the JSON of one slot
used by ``/agenda/now.json``.

Every function takes ``absolute``, a callable that turns a site path into an absolute URL
(``request.build_absolute_uri``): calendar and conference apps need full links.
"""

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from datetime import datetime

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from igfsession.models import Session, watch_links

from . import links
from .models import Part, Slot
from .selectors import AgendaDay, AgendaVersion

Absolute = Callable[[str], str]

GENERATOR = "igf-dc-session"
GENERATOR_VERSION = "0.1.0"
FRAB_SCHEMA = "https://c3voc.de/schedule/schema.json"
# Stable identifiers: the same slot always gets the same UUID (iCalendar UID, frab guid).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:igf-dc-session")
TIMESLOT_MINUTES = 5


def slot_guid(slot: Slot) -> str:
    return str(uuid.uuid5(NAMESPACE, f"slot/{slot.pk}"))


def room_guid(session: Session, name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"session/{session.pk}/room/{name}"))


def room_name(session: Session, part: Part) -> str:
    return part.room or session.venue or _("Main room")


def iso(session: Session, moment: datetime | None) -> str | None:
    """ISO 8601 in the venue's time zone, with its offset: 2015-11-12T16:30:00-03:00."""
    return session.local(moment).replace(microsecond=0).isoformat() if moment else None


def _absolute_or_none(absolute: Absolute, path: str | None) -> str | None:
    return absolute(path) if path else None


def _speakers(slot: Slot) -> list[str]:
    return [name.strip() for name in slot.speakers.split(",") if name.strip()]


def _minutes(slot: Slot) -> str:
    minutes = slot.duration_minutes
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --------------------------------------------------------------------------------------------
# One slot as JSON (now.json)
# --------------------------------------------------------------------------------------------


def session_json(session: Session, absolute: Absolute) -> dict:
    return {
        "name": session.name,
        "time_zone": session.time_zone,
        "agenda_url": absolute(reverse("igfsession:agenda")),
        "webcast_url": session.webcast_url or None,
        "transcript_url": session.transcript_url or None,
        "remote_participation_url": session.remote_participation_url or None,
    }


def debate_item_json(item, absolute: Absolute) -> dict | None:
    """The debate item being discussed (``feedback.services.current_debate_item``), or None."""
    if item is None:
        return None
    return {
        "issue": item.issue.title,
        "coalition": item.issue.output.coalition.name,
        "url": absolute(f"{reverse('feedback:debate')}#item-{item.pk}"),
    }


def slot_json(session: Session, slot: Slot | None, absolute: Absolute) -> dict | None:
    """A slot fetched ``with_links()``, or None."""
    if slot is None:
        return None
    coalition = slot.coalition
    output = slot.output
    return {
        "id": slot.pk,
        "title": slot.title,
        "kind": slot.kind,
        "kind_label": str(slot.get_kind_display()),
        "starts": iso(session, slot.starts_at),
        "ends": iso(session, slot.ends_at),
        "speakers": slot.speakers,
        "room": room_name(session, slot.part),
        "url": absolute(slot.get_absolute_url()),
        "ics_url": absolute(reverse("igfsession:slot-ics", kwargs={"pk": slot.pk})),
        "coalition": None
        if coalition is None
        else {
            "name": coalition.name,
            "acronym": coalition.acronym,
            "url": _absolute_or_none(absolute, links.coalition_url(coalition)),
        },
        "output": None
        if output is None
        else {
            "title": output.title,
            "url": _absolute_or_none(absolute, links.output_url(output)),
        },
        "sheet_url": _absolute_or_none(absolute, links.sheet_url(output)),
    }


# --------------------------------------------------------------------------------------------
# iCalendar
# --------------------------------------------------------------------------------------------


def _ics_description(session: Session, slot: Slot, absolute: Absolute) -> str:
    lines = [str(slot.get_kind_display())]
    if slot.speakers:
        lines.append(_("Speakers: %(names)s") % {"names": slot.speakers})
    if slot.coalition:
        lines.append(_("Coalition: %(name)s") % {"name": slot.coalition.name})
    if slot.output:
        lines.append(_("Output: %(title)s") % {"title": slot.output.title})
    sheet = links.sheet_url(slot.output)
    if sheet:
        lines.append(_("Rating sheet: %(url)s") % {"url": absolute(sheet)})
    watch = watch_links(session, slot.part)
    if watch["webcast_url"]:
        lines.append(_("Webcast: %(url)s") % {"url": watch["webcast_url"]})
    if watch["transcript_url"]:
        lines.append(_("Transcript: %(url)s") % {"url": watch["transcript_url"]})
    if slot.description:
        lines.extend(["", slot.description])
    return "\n".join(lines)


def _ics_event(session: Session, slot: Slot, absolute: Absolute) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", slot_guid(slot))
    event.add("dtstamp", slot.updated_at)
    # Stored in UTC, written in UTC (…Z): no VTIMEZONE needed, every client converts.
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", slot.title)
    event.add("description", _ics_description(session, slot, absolute))
    event.add("location", ", ".join(v for v in (room_name(session, slot.part), session.city) if v))
    event.add("url", absolute(slot.get_absolute_url()))
    return event


def agenda_ics(session: Session, slots: Iterable[Slot], absolute: Absolute) -> bytes:
    """The session's slots (fetched ``with_links()``) as one calendar, one VEVENT each."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//IGF Dynamic Coalitions//{GENERATOR} {GENERATOR_VERSION}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", session.name)
    calendar.add("x-wr-timezone", session.time_zone)
    for slot in slots:
        calendar.add_component(_ics_event(session, slot, absolute))
    return calendar.to_ical()


# --------------------------------------------------------------------------------------------
# frab / c3voc conference schedule
# --------------------------------------------------------------------------------------------


def conference_acronym(session: Session) -> str:
    """The session's slug as a frab acronym: lowercase letters, digits and underscores."""
    acronym = re.sub(r"[^a-z0-9_]", "_", session.slug.lower())
    return acronym if len(acronym) >= 4 else f"{acronym}_igf"


def _event_slug(acronym: str, slot: Slot) -> str:
    title = slugify(slot.title)[:60].strip("-_")
    return f"{acronym}-slot-{slot.pk}" + (f"-{title}" if title else "")


def _event_links(session: Session, slot: Slot, absolute: Absolute) -> list[dict]:
    """Links a conference app shows with the event: the rating sheet first, then watch/read."""
    found = []
    sheet = links.sheet_url(slot.output)
    if sheet:
        found.append({"type": "related", "title": _("Rating sheet"), "url": absolute(sheet)})
    watch = watch_links(session, slot.part)
    if watch["webcast_url"]:
        found.append({"type": "media", "title": _("Webcast"), "url": watch["webcast_url"]})
    if watch["transcript_url"]:
        found.append({"type": "related", "title": _("Transcript"), "url": watch["transcript_url"]})
    output = _absolute_or_none(absolute, links.output_url(slot.output))
    if output:
        found.append({"type": "paper", "title": _("Output document"), "url": output})
    return found


def _event(session: Session, slot: Slot, acronym: str, absolute: Absolute) -> dict:
    """One event, in the JSON form; the XML is written from the same values."""
    output = slot.output
    event = {
        "guid": slot_guid(slot),
        "id": slot.pk,
        "date": iso(session, slot.starts_at),
        "start": session.local(slot.starts_at).strftime("%H:%M"),
        "end": iso(session, slot.ends_at),
        "duration": _minutes(slot),
        "room": room_name(session, slot.part),
        "slug": _event_slug(acronym, slot),
        "url": absolute(slot.get_absolute_url()),
        "title": slot.title,
        "subtitle": slot.coalition.name if slot.coalition else "",
        "track": str(slot.part.get_kind_display()),
        "type": slot.kind,
        "language": output.language if output else settings.LANGUAGE_CODE,
        "abstract": output.summary if output else "",
        "description": slot.description,
        "persons": [{"name": name} for name in _speakers(slot)],
        "links": _event_links(session, slot, absolute),
    }
    sheet = links.sheet_url(output)
    if sheet:
        event["feedback_url"] = absolute(sheet)
    return event


def _schedule(
    session: Session, days: list[AgendaDay], version: AgendaVersion, absolute: Absolute
) -> dict:
    acronym = conference_acronym(session)
    rooms: list[str] = []
    json_days = []
    for day in days:
        day_rooms: dict[str, list[dict]] = {}
        for part in day.parts:
            name = room_name(session, part)
            if name not in rooms:
                rooms.append(name)
            events = day_rooms.setdefault(name, [])
            events.extend(_event(session, slot, acronym, absolute) for slot in part.slots.all())
        json_days.append(
            {
                "index": day.index,
                "date": day.date.isoformat(),
                "day_start": iso(session, day.starts_at),
                "day_end": iso(session, day.ends_at),
                "rooms": day_rooms,
            }
        )
    conference = {
        "acronym": acronym,
        "title": session.name,
        "description": session.description,
        "start": days[0].date.isoformat(),
        "end": days[-1].date.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": f"00:{TIMESLOT_MINUTES:02d}",
        "time_zone_name": session.time_zone,
        "url": absolute(reverse("igfsession:agenda")),
        "tracks": [{"name": str(label), "slug": kind} for kind, label in Part.Kind.choices],
        "rooms": [{"name": name, "guid": room_guid(session, name)} for name in rooms],
        "days": json_days,
    }
    return {
        "version": version.last_modified.isoformat(),
        "base_url": absolute("/"),
        "conference": conference,
    }


def schedule_json(
    session: Session, days: list[AgendaDay], version: AgendaVersion, absolute: Absolute
) -> str:
    document = {
        "$schema": FRAB_SCHEMA,
        "generator": {"name": GENERATOR, "version": GENERATOR_VERSION},
        "schedule": _schedule(session, days, version, absolute),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _text(parent: ET.Element, tag: str, value, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if value is not None:
        element.text = str(value)
    return element


# Event fields written as plain XML elements, in this order (the XSD takes any order).
_XML_EVENT_FIELDS = (
    "room",
    "title",
    "subtitle",
    "type",
    "date",
    "start",
    "duration",
    "abstract",
    "slug",
    "track",
    "language",
    "description",
)


def schedule_xml(
    session: Session, days: list[AgendaDay], version: AgendaVersion, absolute: Absolute
) -> bytes:
    schedule = _schedule(session, days, version, absolute)
    conference = schedule["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", {"name": GENERATOR, "version": GENERATOR_VERSION})
    _text(root, "url", absolute(reverse("igfsession:schedule-xml")))
    _text(root, "version", schedule["version"])
    xml_conference = ET.SubElement(root, "conference")
    _text(xml_conference, "title", conference["title"])
    _text(xml_conference, "acronym", conference["acronym"])
    _text(xml_conference, "start", conference["start"])
    _text(xml_conference, "end", conference["end"])
    _text(xml_conference, "days", conference["daysCount"])
    _text(xml_conference, "timeslot_duration", conference["timeslot_duration"])
    _text(xml_conference, "base_url", schedule["base_url"])
    _text(xml_conference, "url", conference["url"])
    _text(xml_conference, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        _text(xml_conference, "track", None, name=track["name"], slug=track["slug"])
    for day in conference["days"]:
        xml_day = ET.SubElement(
            root,
            "day",
            {
                "index": str(day["index"]),
                "date": day["date"],
                "start": day["day_start"],
                "end": day["day_end"],
            },
        )
        for name, events in day["rooms"].items():
            xml_room = ET.SubElement(
                xml_day, "room", {"name": name, "guid": room_guid(session, name)}
            )
            for event in events:
                xml_event = ET.SubElement(
                    xml_room, "event", {"id": str(event["id"]), "guid": event["guid"]}
                )
                for tag in _XML_EVENT_FIELDS:
                    _text(xml_event, tag, event[tag])
                persons = ET.SubElement(xml_event, "persons")
                for person in event["persons"]:
                    _text(persons, "person", person["name"])
                xml_links = ET.SubElement(xml_event, "links")
                for link in event["links"]:
                    _text(xml_links, "link", link["title"], href=link["url"], type=link["type"])
                _text(xml_event, "url", event["url"])
                if "feedback_url" in event:
                    _text(xml_event, "feedback_url", event["feedback_url"])
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
