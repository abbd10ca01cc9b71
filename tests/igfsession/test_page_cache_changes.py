"""A cached public page goes stale when what it shows changes: through a service, an admin save,
an update that sends no signal, or the clock (the next slot boundary, the venue's midnight, the
now page's countdown). The next GET then has the new ETag and the new body, and is cached again.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from igfsession import page_cache
from igfsession.agenda import services
from tests.factories import make_organiser
from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

DURING_SLOT_1 = datetime(2015, 11, 12, 19, 35, 30, tzinfo=UTC)  # 16:35:30; slot 2 at 16:40
NOW_JSON_QUERIES = 6


@pytest.fixture
def agenda():
    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        return make_agenda(slots=3)


@pytest.fixture
def clock(agenda):
    with time_machine.travel(DURING_SLOT_1, tick=False) as traveller:
        yield traveller


def _warm(client, url):
    client.get(url)
    return client.get(url)


def _titles(response) -> tuple[str | None, str | None]:
    data = response.json()
    return tuple(data[key]["title"] if data[key] else None for key in ("now", "next"))


def test_live_control_changing_the_slot_on_now_shows_in_the_next_get(
    client, agenda, clock, django_assert_num_queries
):
    _session, _day3, _day4, slots = agenda
    before = _warm(client, "/agenda/now.json")
    organiser = Client()
    organiser.force_login(make_organiser(username="secretariat"))
    clock.shift(timedelta(seconds=20))

    started = organiser.post("/agenda/control/start/", {"slot": slots[1].pk})
    # Rendered again: a slot started by hand needs neither the clock's boundaries nor the slot
    # running at this time.
    with django_assert_num_queries(NOW_JSON_QUERIES - 2):
        after = client.get("/agenda/now.json", headers={"if-none-match": before["ETag"]})
    with django_assert_num_queries(0):
        cached = client.get("/agenda/now.json", headers={"if-none-match": after["ETag"]})

    assert (started.status_code, after.status_code, cached.status_code) == (302, 200, 304)
    assert after["ETag"] != before["ETag"]
    assert (_titles(before), _titles(after)) == (
        ("Public access in libraries", "Slot 2"),
        ("Slot 2", "Slot 3"),
    )


@pytest.mark.parametrize("url", ["/", "/agenda/", "/agenda/now/", "/agenda/now.json"])
def test_slot_title_edited_shows_in_the_next_get(client, agenda, clock, url):
    _session, _day3, _day4, slots = agenda
    before = _warm(client, url)
    clock.shift(timedelta(seconds=20))
    slots[0].title = "Libraries and the Lyon Declaration"
    slots[0].save()  # as the admin's change form does

    after = client.get(url)

    assert after["ETag"] != before["ETag"]
    assert (before.content.decode().count("Lyon"), after.content.decode().count("Lyon")) == (
        0,
        2 if url == "/agenda/" else 1,
    )


def test_session_ended_through_the_service_shows_in_the_next_get(client, agenda, clock):
    session, _day3, _day4, _slots = agenda
    _warm(client, "/agenda/now.json")

    services.live_state_end(session=session)
    after = client.get("/agenda/now.json")

    assert (after.json()["mode"], _titles(after)) == ("ended", (None, None))


def test_debate_stopped_by_an_update_shows_in_the_next_get(client, django_assert_num_queries):
    """``debate_stop`` writes with an UPDATE, which sends no signal: it forgets the pages."""
    from feedback import services as feedback_services
    from feedback.models import DebateItem
    from tests.factories import make_session
    from tests.feedback.debate_helpers import debate_world

    session = make_session(is_current=True)
    _pal, _irpc, organiser = debate_world(session)
    item = DebateItem.objects.get(issue__title="Rights")
    feedback_services.debate_item_start(item=item, user=organiser)
    during = _warm(client, "/agenda/now.json")

    feedback_services.debate_stop(session=session, user=organiser)
    with django_assert_num_queries(NOW_JSON_QUERIES):
        after = client.get("/agenda/now.json")

    assert (during.json()["debate_item"]["issue"], after.json()["debate_item"]) == ("Rights", None)


def test_sheet_closed_by_an_update_gives_the_schedule_a_new_version(client, agenda, clock):
    from feedback.models import RatingSheet
    from feedback.services import sheet_close_now

    before = _warm(client, "/agenda/schedule.json")
    clock.shift(timedelta(seconds=30))
    sheet_close_now(sheets=RatingSheet.objects.all())

    after = client.get("/agenda/schedule.json")

    assert (before.json()["schedule"]["version"], after.json()["schedule"]["version"]) == (
        "2015-11-10T12:00:00+00:00",
        "2015-11-12T19:36:00+00:00",
    )


def test_now_json_crossing_a_slot_boundary_shows_the_new_slot_on_now(
    client, agenda, django_assert_num_queries
):
    with time_machine.travel(DURING_SLOT_1, tick=False):
        before = _warm(client, "/agenda/now.json")
    last_second = datetime(2015, 11, 12, 19, 39, 59, tzinfo=UTC)
    with time_machine.travel(last_second, tick=False), django_assert_num_queries(0):
        just_before = client.get("/agenda/now.json")
    boundary = datetime(2015, 11, 12, 19, 40, tzinfo=UTC)
    with time_machine.travel(boundary, tick=False), django_assert_num_queries(NOW_JSON_QUERIES):
        moved = client.get("/agenda/now.json", headers={"if-none-match": before["ETag"]})

    assert (just_before.content, moved.status_code) == (before.content, 200)
    assert moved["ETag"] != before["ETag"]
    assert (_titles(before), _titles(moved)) == (
        ("Public access in libraries", "Slot 2"),
        ("Slot 2", "Slot 3"),
    )


def test_now_page_countdown_is_kept_only_until_its_minute_changes(client, agenda):
    with time_machine.travel(DURING_SLOT_1, tick=False):
        before = _warm(client, "/agenda/now/")
    with time_machine.travel(datetime(2015, 11, 12, 19, 36, 1, tzinfo=UTC), tick=False):
        after = client.get("/agenda/now/")

    assert (
        before.content.decode().count("starts in 4 min"),
        after.content.decode().count("starts in 3 min"),
    ) == (1, 1)


def test_home_page_shows_today_from_the_venue_midnight(client, agenda):
    # 23:59:30 on Wednesday 11 November in João Pessoa, then half a minute after its midnight.
    with time_machine.travel(datetime(2015, 11, 12, 2, 59, 30, tzinfo=UTC), tick=False):
        before = _warm(client, "/")
    with time_machine.travel(datetime(2015, 11, 12, 3, 0, 30, tzinfo=UTC), tick=False):
        after = client.get("/")

    headings = [
        response.content.decode().count('<h2 id="home-parts" class="h3">Today</h2>')
        for response in (before, after)
    ]
    assert headings == [0, 1]


def test_change_inside_a_transaction_forgets_the_pages_again_on_commit(
    monkeypatch, django_capture_on_commit_callbacks
):
    """A page rendered from the data before the commit must not be kept after it."""
    bumps = []
    monkeypatch.setattr(page_cache, "_bump", lambda: bumps.append("bump"))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page_cache.forget()
        inside = list(bumps)

    assert (inside, bumps, len(callbacks)) == (["bump"], ["bump", "bump"], 1)
