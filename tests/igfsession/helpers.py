"""Agenda builders for the igfsession tests (extra to tests/factories.py)."""

from datetime import UTC, datetime, timedelta

from igfsession.agenda.models import Part, Slot
from tests.factories import (
    DAY3_START,
    make_coalition,
    make_output,
    make_part,
    make_session,
    make_sheet,
    make_slot,
)

# 16:30 on Thursday 12 Nov 2015 in João Pessoa (UTC-3) is 19:30 UTC: DAY3_START.
DAY4_START = datetime(2015, 11, 13, 12, 0, tzinfo=UTC)  # 09:00 in João Pessoa
BEFORE_THE_SESSION = datetime(2015, 11, 10, 12, 0, tzinfo=UTC)


def make_agenda(*, slots: int = 3, minutes: int = 10, **session_fields):
    """The current session with a Day 3 presentations part holding ``slots`` slots of
    ``minutes`` each from 16:30 local, and a Day 4 introductions part.

    The first slot presents DC-PAL's final output, which has the rating sheet "pal".
    Returns (session, day3, day4, [slots]).
    """
    values = {
        "name": "IGF 2015 — Main Session on Dynamic Coalitions",
        "slug": "igf2015",
        "year": 2015,
        "meeting_name": "10th Internet Governance Forum",
        "city": "João Pessoa",
        "time_zone": "America/Fortaleza",
        "webcast_url": "https://webcast.example.org/igf2015",
        "transcript_url": "https://transcript.example.org/igf2015",
        "is_current": True,
    }
    values.update(session_fields)
    session = make_session(**values)
    day3 = make_part(
        session=session,
        kind=Part.Kind.PRESENTATIONS,
        title="Day 3: output presentations",
        room="Main Meeting Room",
        starts_at=DAY3_START,
        ends_at=DAY3_START + timedelta(minutes=max(90, slots * minutes)),
    )
    day4 = make_part(
        session=session,
        kind=Part.Kind.INTRODUCTIONS,
        title="Day 4: coalition introductions",
        room="Main Meeting Room",
        starts_at=DAY4_START,
        ends_at=DAY4_START + timedelta(minutes=60),
    )
    coalition = make_coalition(
        name="Dynamic Coalition on Public Access in Libraries", acronym="DC-PAL", slug="dc-pal"
    )
    output = make_output(
        coalition=coalition,
        session=session,
        title="Statement of Principles on Public Access in Libraries",
        slug="principles",
        summary="Libraries give everyone access to the Internet.",
    )
    make_sheet(output=output, code="pal")
    made = []
    for index in range(slots):
        start = DAY3_START + timedelta(minutes=index * minutes)
        fields = {"title": f"Slot {index + 1}", "kind": Slot.Kind.DISCUSSION}
        if index == 0:
            fields = {
                "title": "Public access in libraries",
                "kind": Slot.Kind.PRESENTATION,
                "speakers": "Christina de Castell, Stuart Hamilton",
                "coalition": coalition,
                "output": output,
            }
        made.append(
            make_slot(
                part=day3, starts_at=start, ends_at=start + timedelta(minutes=minutes), **fields
            )
        )
    return session, day3, day4, made
