"""/agenda/now.json and /agenda/now/: the live state, and without it the clock."""

from datetime import UTC, datetime

import pytest
import time_machine

from igfsession.agenda import services
from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

DURING_SLOT_1 = datetime(2015, 11, 12, 19, 35, tzinfo=UTC)  # 16:35 in João Pessoa
DURING_SLOT_2 = datetime(2015, 11, 12, 19, 45, tzinfo=UTC)


@pytest.fixture
def agenda():
    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        return make_agenda(slots=3)


def _get_json(client, at):
    with time_machine.travel(at, tick=False):
        response = client.get("/agenda/now.json")
    assert response.status_code == 200
    return response.json()


def test_now_json_follows_the_clock_without_live_state(client, agenda):
    _session, _day3, _day4, slots = agenda
    first, second = slots[0].pk, slots[1].pk

    with time_machine.travel(DURING_SLOT_1, tick=False):
        response = client.get("/agenda/now.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "session": {
            "name": "IGF 2015 — Main Session on Dynamic Coalitions",
            "time_zone": "America/Fortaleza",
            "agenda_url": "http://testserver/agenda/",
            "webcast_url": "https://webcast.example.org/igf2015",
            "transcript_url": "https://transcript.example.org/igf2015",
            "remote_participation_url": None,
        },
        "mode": "clock",
        "now": {
            "id": first,
            "title": "Public access in libraries",
            "kind": "presentation",
            "kind_label": "Output presentation",
            "starts": "2015-11-12T16:30:00-03:00",
            "ends": "2015-11-12T16:40:00-03:00",
            "speakers": "Christina de Castell, Stuart Hamilton",
            "room": "Main Meeting Room",
            "url": f"http://testserver/agenda/#slot-{first}",
            "ics_url": f"http://testserver/agenda/slots/{first}.ics",
            "coalition": {
                "name": "Dynamic Coalition on Public Access in Libraries",
                "acronym": "DC-PAL",
                "url": "http://testserver/coalitions/dc-pal/",
            },
            "output": {
                "title": "Statement of Principles on Public Access in Libraries",
                "url": "http://testserver/coalitions/dc-pal/outputs/principles/",
            },
            "sheet_url": "http://testserver/feedback/pal/",
        },
        "next": {
            "id": second,
            "title": "Slot 2",
            "kind": "discussion",
            "kind_label": "Discussion",
            "starts": "2015-11-12T16:40:00-03:00",
            "ends": "2015-11-12T16:50:00-03:00",
            "speakers": "",
            "room": "Main Meeting Room",
            "url": f"http://testserver/agenda/#slot-{second}",
            "ics_url": f"http://testserver/agenda/slots/{second}.ics",
            "coalition": None,
            "output": None,
            "sheet_url": None,
        },
        # The clock last changed now/next when slot 1 started.
        "updated": "2015-11-12T16:30:00-03:00",
        "debate_item": None,
    }


def test_now_json_time_zone_16_30_in_joao_pessoa_is_19_30_utc(client, agenda):
    data = _get_json(client, DURING_SLOT_1)

    starts = datetime.fromisoformat(data["now"]["starts"])
    assert (starts.astimezone(UTC), data["now"]["starts"]) == (
        datetime(2015, 11, 12, 19, 30, tzinfo=UTC),
        "2015-11-12T16:30:00-03:00",
    )


def test_now_json_moves_on_with_the_clock(client, agenda):
    _session, _day3, _day4, slots = agenda

    data = _get_json(client, DURING_SLOT_2)

    assert (data["mode"], data["now"]["id"], data["next"]["id"], data["updated"]) == (
        "clock",
        slots[1].pk,
        slots[2].pk,
        "2015-11-12T16:40:00-03:00",
    )


def test_now_json_before_the_session_shows_the_first_slot_as_next(client, agenda):
    _session, _day3, _day4, slots = agenda

    data = _get_json(client, datetime(2015, 11, 11, 12, 0, tzinfo=UTC))

    assert (data["now"], data["next"]["id"]) == (None, slots[0].pk)


def test_now_json_follows_the_live_state_set_by_organisers(client, agenda, organiser):
    session, _day3, _day4, slots = agenda
    with time_machine.travel(datetime(2015, 11, 12, 19, 36, tzinfo=UTC), tick=False):
        services.live_state_start_slot(session=session, slot=slots[2], user=organiser)

    data = _get_json(client, DURING_SLOT_1)

    assert (data["mode"], data["now"]["id"], data["next"], data["updated"]) == (
        "slot",
        slots[2].pk,
        None,
        "2015-11-12T16:36:00-03:00",
    )


def test_now_json_after_the_session_ended_by_organisers_shows_nothing(client, agenda):
    session, _day3, _day4, _slots = agenda
    with time_machine.travel(DURING_SLOT_2, tick=False):
        services.live_state_end(session=session)

    data = _get_json(client, DURING_SLOT_2)

    assert (data["mode"], data["now"], data["next"]) == ("ended", None, None)


def test_now_json_is_cacheable_for_ten_seconds_at_most(client, agenda):
    with time_machine.travel(DURING_SLOT_1, tick=False):
        response = client.get("/agenda/now.json")

    assert response["Cache-Control"] == "public, max-age=10"
    assert response["Last-Modified"] == "Thu, 12 Nov 2015 19:30:00 GMT"


def test_now_json_without_current_session_is_404(client, db):
    assert client.get("/agenda/now.json").status_code == 404


def test_now_page_shows_the_state_at_load_and_what_to_poll(client, agenda):
    _session, _day3, _day4, _slots = agenda

    with time_machine.travel(DURING_SLOT_1, tick=False):
        response = client.get("/agenda/now/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-src="/agenda/now.json"' in html
    assert '<h3 class="h4" data-f="title" dir="auto">Public access in libraries</h3>' in html
    assert '<h3 class="h4" data-f="title" dir="auto">Slot 2</h3>' in html
    assert (
        '<a class="btn btn-primary btn-sm" data-f="sheet" href="/feedback/pal/">'
        "Rate this output</a>" in html
    )
    assert (
        '<a class="btn btn-outline-primary btn-sm" href="https://webcast.example.org/igf2015">'
        in html
    )
    assert (
        'Last change: <time id="now-updated" datetime="2015-11-12T16:30:00-03:00">'
        "12 November 2015, 16:30</time>" in html
    )
    assert '<script src="/static/js/agenda.js" defer></script>' in html
    assert '<template id="live-slot-template">' in html


def test_now_page_after_the_session_says_so(client, agenda):
    session, _day3, _day4, _slots = agenda
    services.live_state_end(session=session)

    response = client.get("/agenda/now/")

    html = response.content.decode()
    assert (
        '<div id="now-slot" data-empty="Nothing is on right now." '
        'data-ended="The session has ended."><p>The session has ended.</p></div>' in html
    )
