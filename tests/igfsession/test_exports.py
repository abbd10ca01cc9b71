"""/agenda.ics, per-slot .ics, /agenda/schedule.xml and .json: exact values and the standards."""

import json
import os
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import time_machine
from django.conf import settings

from igfsession.agenda import services
from igfsession.agenda.models import Part, Slot
from tests.factories import make_slot
from tests.igfsession.helpers import BEFORE_THE_SESSION, DAY4_START, make_agenda

pytestmark = pytest.mark.django_db

FRAB = Path(settings.BASE_DIR).parent / "shared" / "standards" / "frab"


def _guid(slot) -> str:
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "urn:igf-dc-session")
    return str(uuid.uuid5(namespace, f"slot/{slot.pk}"))


def _standard(name: str) -> Path:
    """A frab/c3voc schema from ``FRAB``; where it is absent, a skip, or a failure in CI.

    Like the HTML check (tests/test_html_validity.py), CI is told by a non-empty ``CI``
    (``.ci/run`` exports ``CI=true``): there the exports must be validated, never skipped.
    """
    path = FRAB / name
    if not path.is_file():
        reason = (
            f"{path} is absent. Get the c3voc schedule schemas, schedule.schema.json and "
            "schedule.xml.xsd, from the validator/ folder of the voc/schedule repository "
            "(https://github.com/voc/schedule: validator/json/schema.json saved as "
            "schedule.schema.json, and validator/xsd/schedule.xml.xsd) and place them in "
            f"../shared/standards/frab/ beside the project ({FRAB})"
        )
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must validate the exports against them.", pytrace=False)
        pytest.skip(f"{reason}.")
    return path


@pytest.fixture
def agenda():
    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        session, day3, day4, slots = make_agenda(slots=2)
        intro = make_slot(
            part=day4,
            kind=Slot.Kind.INTRODUCTION,
            title="Introdução: a coalizão",
            speakers="Nnenna Nwakanma",
            starts_at=DAY4_START,
            ends_at=DAY4_START + timedelta(minutes=7),
        )
        day4.room = "Room 2"
        day4.save()
    return session, day3, day4, [*slots, intro]


def _calendar(client, url):
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "text/calendar; charset=utf-8",
    )
    return response.content, icalendar.Calendar.from_ical(response.content)


def test_agenda_ics_has_one_event_per_slot_in_utc(client, agenda):
    _session, _day3, _day4, slots = agenda

    body, calendar = _calendar(client, "/agenda.ics")

    events = calendar.walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [_guid(slot) for slot in slots]
    assert (calendar["VERSION"], calendar["PRODID"]) == (
        "2.0",
        "-//IGF Dynamic Coalitions//igf-dc-session 0.1.0//EN",
    )
    # 16:30 on 12 Nov 2015 in João Pessoa is 19:30 UTC.
    assert b"\r\nDTSTART:20151112T193000Z\r\nDTEND:20151112T194000Z\r\n" in body
    assert b"\r\nDTSTART:20151113T120000Z\r\nDTEND:20151113T120700Z\r\n" in body


def test_agenda_ics_event_carries_summary_description_location_url(client, agenda):
    _session, _day3, _day4, slots = agenda

    _body, calendar = _calendar(client, "/agenda.ics")

    event = calendar.walk("VEVENT")[0]
    times = ("DTSTART", "DTEND", "DTSTAMP")
    assert {key: str(value) for key, value in event.items() if key not in times} == {
        "UID": _guid(slots[0]),
        "SUMMARY": "Public access in libraries",
        "DESCRIPTION": (
            "Output presentation\n"
            "Speakers: Christina de Castell, Stuart Hamilton\n"
            "Coalition: Dynamic Coalition on Public Access in Libraries\n"
            "Output: Statement of Principles on Public Access in Libraries\n"
            "Rating sheet: http://testserver/feedback/pal/\n"
            "Webcast: https://webcast.example.org/igf2015\n"
            "Transcript: https://transcript.example.org/igf2015"
        ),
        "LOCATION": "Main Meeting Room, João Pessoa",
        "URL": f"http://testserver/agenda/#slot-{slots[0].pk}",
    }
    assert event.decoded("DTSTAMP").isoformat() == "2015-11-10T12:00:00+00:00"


def test_slot_ics_has_that_slot_only(client, agenda):
    _session, _day3, _day4, slots = agenda

    response = client.get(f"/agenda/slots/{slots[2].pk}.ics")

    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [
        "Introdução: a coalizão"
    ]
    assert response["Content-Disposition"] == f'inline; filename="igf2015-slot-{slots[2].pk}.ics"'


def test_slot_ics_unknown_slot_is_404(client, agenda):
    assert client.get("/agenda/slots/999999.ics").status_code == 404


def _xml(client):
    from lxml import etree

    response = client.get("/agenda/schedule.xml")
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/xml; charset=utf-8",
    )
    return etree.fromstring(response.content)


def test_schedule_xml_event_values(client, agenda):
    _session, _day3, _day4, slots = agenda

    root = _xml(client)

    event = root.find(f"day/room/event[@id='{slots[0].pk}']")
    values = {child.tag: child.text for child in event if len(child) == 0}
    assert event.get("guid") == _guid(slots[0])
    assert values == {
        "room": "Main Meeting Room",
        "title": "Public access in libraries",
        "subtitle": "Dynamic Coalition on Public Access in Libraries",
        "type": "presentation",
        # 16:30 in João Pessoa = 19:30 UTC.
        "date": "2015-11-12T16:30:00-03:00",
        "start": "16:30",
        "duration": "00:10",
        "abstract": "Libraries give everyone access to the Internet.",
        "slug": f"igf2015-slot-{slots[0].pk}-public-access-in-libraries",
        "track": "Output presentations",
        "language": "en",
        "description": None,
        "url": f"http://testserver/agenda/#slot-{slots[0].pk}",
        "feedback_url": "http://testserver/feedback/pal/",
    }
    assert [(link.get("href"), link.text) for link in event.find("links")] == [
        ("http://testserver/feedback/pal/", "Rating sheet"),
        ("https://webcast.example.org/igf2015", "Webcast"),
        ("https://transcript.example.org/igf2015", "Transcript"),
        ("http://testserver/coalitions/dc-pal/outputs/principles/", "Output document"),
    ]
    assert [person.text for person in event.find("persons")] == [
        "Christina de Castell",
        "Stuart Hamilton",
    ]


def test_schedule_xml_days_and_rooms(client, agenda):
    root = _xml(client)

    days = [
        (day.get("index"), day.get("date"), day.get("start"), day.get("end"))
        for day in root.findall("day")
    ]
    assert days == [
        ("1", "2015-11-12", "2015-11-12T16:30:00-03:00", "2015-11-12T18:00:00-03:00"),
        ("2", "2015-11-13", "2015-11-13T09:00:00-03:00", "2015-11-13T10:00:00-03:00"),
    ]
    assert [room.get("name") for room in root.findall("day/room")] == [
        "Main Meeting Room",
        "Room 2",
    ]
    assert (root.findtext("conference/acronym"), root.findtext("conference/days")) == (
        "igf2015",
        "2",
    )


def _json(client):
    response = client.get("/agenda/schedule.json")
    assert (response.status_code, response["Content-Type"]) == (
        200,
        "application/json; charset=utf-8",
    )
    return json.loads(response.content)


def test_schedule_json_presentation_event(client, agenda):
    _session, _day3, _day4, slots = agenda

    schedule = _json(client)["schedule"]

    event = schedule["conference"]["days"][0]["rooms"]["Main Meeting Room"][0]
    pk = slots[0].pk
    assert event == {
        "guid": _guid(slots[0]),
        "id": pk,
        "date": "2015-11-12T16:30:00-03:00",
        "start": "16:30",
        "end": "2015-11-12T16:40:00-03:00",
        "duration": "00:10",
        "room": "Main Meeting Room",
        "slug": f"igf2015-slot-{pk}-public-access-in-libraries",
        "url": f"http://testserver/agenda/#slot-{pk}",
        "title": "Public access in libraries",
        "subtitle": "Dynamic Coalition on Public Access in Libraries",
        "track": "Output presentations",
        "type": "presentation",
        "language": "en",
        "abstract": "Libraries give everyone access to the Internet.",
        "description": "",
        "persons": [{"name": "Christina de Castell"}, {"name": "Stuart Hamilton"}],
        "links": [
            {"type": "related", "title": "Rating sheet", "url": "http://testserver/feedback/pal/"},
            {"type": "media", "title": "Webcast", "url": "https://webcast.example.org/igf2015"},
            {
                "type": "related",
                "title": "Transcript",
                "url": "https://transcript.example.org/igf2015",
            },
            {
                "type": "paper",
                "title": "Output document",
                "url": "http://testserver/coalitions/dc-pal/outputs/principles/",
            },
        ],
        "feedback_url": "http://testserver/feedback/pal/",
    }


def test_schedule_json_conference(client, agenda):
    conference = _json(client)["schedule"]["conference"]

    assert {key: conference[key] for key in conference if key not in ("days", "tracks")} == {
        "acronym": "igf2015",
        "title": "IGF 2015 — Main Session on Dynamic Coalitions",
        "description": "",
        "start": "2015-11-12",
        "end": "2015-11-13",
        "daysCount": 2,
        "timeslot_duration": "00:05",
        "time_zone_name": "America/Fortaleza",
        "url": "http://testserver/agenda/",
        "rooms": [
            {"name": "Main Meeting Room", "guid": conference["rooms"][0]["guid"]},
            {"name": "Room 2", "guid": conference["rooms"][1]["guid"]},
        ],
    }
    assert [day["rooms"]["Room 2"][0]["slug"] for day in conference["days"][1:]] == [
        f"igf2015-slot-{conference['days'][1]['rooms']['Room 2'][0]['id']}-introducao-a-coalizao"
    ]


def test_schedule_xml_validates_against_the_frab_xsd(client, agenda):
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(_standard("schedule.xml.xsd"))))
    document = etree.fromstring(client.get("/agenda/schedule.xml").content)

    valid = schema.validate(document)

    assert ([str(error) for error in schema.error_log], valid) == ([], True)


def test_schedule_json_validates_against_the_frab_json_schema(client, agenda):
    import jsonschema

    schema = json.loads(_standard("schedule.schema.json").read_text())
    validator = jsonschema.Draft6Validator(
        schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER
    )

    errors = [error.message for error in validator.iter_errors(_json(client))]

    assert errors == []


def _absent_reason(folder: Path, name: str) -> str:
    return (
        f"{folder / name} is absent. Get the c3voc schedule schemas, schedule.schema.json and "
        "schedule.xml.xsd, from the validator/ folder of the voc/schedule repository "
        "(https://github.com/voc/schedule: validator/json/schema.json saved as "
        "schedule.schema.json, and validator/xsd/schedule.xml.xsd) and place them in "
        f"../shared/standards/frab/ beside the project ({folder})"
    )


@pytest.fixture
def absent_frab(monkeypatch, tmp_path):
    """``FRAB`` pointed at a folder that does not exist, whatever this machine has."""
    folder = tmp_path / "no-shared" / "standards" / "frab"
    monkeypatch.setattr(sys.modules[__name__], "FRAB", folder)
    return folder


@pytest.mark.parametrize("name", ["schedule.xml.xsd", "schedule.schema.json"])
def test_frab_schema_absent_outside_ci_skips_saying_how_to_get_it(monkeypatch, absent_frab, name):
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception) as skipped:
        _standard(name)

    assert skipped.value.msg == _absent_reason(absent_frab, name) + "."


@pytest.mark.parametrize("name", ["schedule.xml.xsd", "schedule.schema.json"])
def test_frab_schema_absent_in_ci_fails(monkeypatch, absent_frab, name):
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception) as failed:
        _standard(name)

    assert (failed.value.msg, failed.value.pytrace) == (
        _absent_reason(absent_frab, name) + "; CI must validate the exports against them.",
        False,
    )


@pytest.mark.parametrize("ci", ["true", ""])
def test_frab_schema_present_is_used_in_and_outside_ci(monkeypatch, tmp_path, ci):
    monkeypatch.setattr(sys.modules[__name__], "FRAB", tmp_path)
    monkeypatch.setenv("CI", ci)
    (tmp_path / "schedule.xml.xsd").write_text("<schema/>")

    assert _standard("schedule.xml.xsd") == tmp_path / "schedule.xml.xsd"


@pytest.mark.parametrize(
    ("validation", "name"),
    [
        (test_schedule_xml_validates_against_the_frab_xsd, "schedule.xml.xsd"),
        (test_schedule_json_validates_against_the_frab_json_schema, "schedule.schema.json"),
    ],
)
def test_schedule_validation_in_ci_without_the_schemas_fails(
    client, agenda, monkeypatch, absent_frab, validation, name
):
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception) as failed:
        validation(client, agenda)

    assert failed.value.msg == (
        _absent_reason(absent_frab, name) + "; CI must validate the exports against them."
    )


def test_schedule_exports_without_parts_are_404(client, db):
    make_agenda(slots=0)
    Part.objects.all().delete()

    assert (
        client.get("/agenda/schedule.xml").status_code,
        client.get("/agenda/schedule.json").status_code,
    ) == (404, 404)


def test_time_zone_16_30_in_joao_pessoa_is_19_30_utc_in_json_ics_and_xml(client, agenda):
    _session, _day3, _day4, slots = agenda
    pk = slots[0].pk

    now_json = client.get("/agenda/now.json").json()  # today nothing is on: start it by hand
    services.live_state_start_slot(session=slots[0].part.session, slot=slots[0])
    starts_json = client.get("/agenda/now.json").json()["now"]["starts"]
    ics = client.get(f"/agenda/slots/{pk}.ics").content
    xml_date = _xml(client).find(f"day/room/event[@id='{pk}']").findtext("date")

    assert now_json["now"] is None
    assert starts_json == xml_date == "2015-11-12T16:30:00-03:00"
    assert datetime.fromisoformat(starts_json).astimezone(UTC) == datetime(
        2015, 11, 12, 19, 30, tzinfo=UTC
    )
    assert b"\r\nDTSTART:20151112T193000Z\r\n" in ics
