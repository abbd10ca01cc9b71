"""/agenda/ marks the slot on now (class, aria-current, a badge) and links to it from the top;
agenda.js keeps it up to date from now.json (tests/browser/test_agenda_on_now.py)."""

from datetime import UTC, datetime

import pytest
import time_machine

from igfsession.agenda import services
from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

DURING_SLOT_2 = datetime(2015, 11, 12, 19, 45, tzinfo=UTC)  # 16:45 in João Pessoa
BADGE = '<span class="badge text-bg-danger on-now-badge">On now</span>'


def _get(client, at):
    with time_machine.travel(at, tick=False):
        return client.get("/agenda/").content.decode()


def test_agenda_marks_the_slot_on_now_and_links_to_it(client):
    _session, _day3, _day4, slots = make_agenda(slots=3)

    html = _get(client, DURING_SLOT_2)

    assert (
        f'<strong>On now:</strong> <a href="#slot-{slots[1].pk}" dir="auto">Slot 2</a></p>' in html
    )
    assert f'<li id="slot-{slots[1].pk}" class="on-now" aria-current="time">' in html
    assert f'<li id="slot-{slots[0].pk}"><span class="slot-time">' in html
    assert (
        f'<strong dir="auto">Slot 2</strong> <span class="kind">Discussion</span> {BADGE}' in html
    )
    assert html.count('aria-current="time"') == 1
    assert html.count(BADGE) == 1 + 1  # the slot's, and the one in the script's <template>


def test_agenda_follows_the_slot_the_organisers_started(client):
    session, _day3, _day4, slots = make_agenda(slots=3)
    with time_machine.travel(DURING_SLOT_2, tick=False):
        services.live_state_start_slot(session=session, slot=slots[2])

    html = _get(client, DURING_SLOT_2)

    assert f'<li id="slot-{slots[2].pk}" class="on-now" aria-current="time">' in html
    assert html.count('aria-current="time"') == 1


def test_agenda_with_nothing_on_says_so_and_marks_no_slot(client):
    make_agenda(slots=3)

    html = _get(client, BEFORE_THE_SESSION)

    assert 'data-ended="The session has ended.">Nothing is on right now.</p>' in html
    assert 'aria-current="time"' not in html


def test_agenda_after_the_session_says_it_has_ended(client):
    session, _day3, _day4, _slots = make_agenda(slots=3)
    services.live_state_end(session=session)

    html = _get(client, DURING_SLOT_2)

    assert 'data-ended="The session has ended.">The session has ended.</p>' in html
    assert 'aria-current="time"' not in html


def test_agenda_polls_now_json_like_the_now_page(client, settings):
    settings.AGENDA_POLL_SECONDS = 7
    make_agenda(slots=1)

    html = _get(client, BEFORE_THE_SESSION)

    assert (
        '<p id="agenda-now" class="agenda-now" role="status" data-src="/agenda/now.json" ' in html
    )
    assert 'data-poll-seconds="7"' in html


def test_agenda_validator_changes_when_the_slot_on_now_changes(client):
    _session, _day3, _day4, _slots = make_agenda(slots=3)
    with time_machine.travel(DURING_SLOT_2, tick=False):
        first = client.get("/agenda/")
    with time_machine.travel(datetime(2015, 11, 12, 19, 55, tzinfo=UTC), tick=False):
        later = client.get("/agenda/", headers={"if-none-match": first["ETag"]})

    assert (later.status_code, "<strong>On now:</strong>" in later.content.decode()) == (200, True)


@pytest.mark.parametrize("slot_count", [3, 60])
def test_agenda_queries_are_fixed_with_a_slot_on_now(client, django_assert_num_queries, slot_count):
    make_agenda(slots=slot_count, minutes=10)

    with time_machine.travel(DURING_SLOT_2, tick=False), django_assert_num_queries(7):
        response = client.get("/agenda/")

    assert response.content.decode().count('aria-current="time"') == 1
