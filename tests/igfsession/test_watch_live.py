"""The "Watch live" block on the agenda and the now page: the session's webcast, transcript and
remote-participation links, or a line saying where they will appear."""

import re
from datetime import UTC, datetime

import pytest
import time_machine

from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

PAGES = ["/agenda/", "/agenda/now/"]
NO_LINKS_YET = (
    '<p class="mb-0">The webcast, the live transcript and the link to take part remotely will '
    "appear here when the organisers add them, before the session starts.</p>"
)


def _block(html: str) -> str:
    start = html.index('<section id="watch-live" class="watch-live mb-4"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_block_lists_every_link_of_the_session(client, url):
    make_agenda(slots=1, remote_participation_url="https://remote.example.org/igf2015")

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        block = _block(client.get(url).content.decode())

    assert block == (
        '<section id="watch-live" class="watch-live mb-4" aria-labelledby="watch-live-h">\n'
        '<h2 id="watch-live-h" class="h4">Watch live</h2>\n'
        '<ul class="list-inline mb-0">\n'
        '<li class="list-inline-item"><a class="btn btn-outline-primary btn-sm" '
        'href="https://webcast.example.org/igf2015">Watch the webcast</a></li>\n'
        '<li class="list-inline-item"><a href="https://transcript.example.org/igf2015">'
        "Read the live transcript</a></li>\n"
        '<li class="list-inline-item"><a href="https://remote.example.org/igf2015">'
        "Take part remotely</a></li>\n"
        "</ul>\n\n\n"
    )


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_block_with_some_links_says_the_others_will_come(client, url):
    make_agenda(slots=1, transcript_url="")

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        block = _block(client.get(url).content.decode())

    assert ('href="https://webcast.example.org/igf2015"' in block, "transcript" in block) == (
        True,
        False,
    )
    assert (
        '<p class="small mb-0">Any link still missing will appear here when the organisers add '
        "it.</p>" in block
    )


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_block_without_links_says_where_they_will_appear(client, url):
    make_agenda(slots=1, webcast_url="", transcript_url="")

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        html = client.get(url).content.decode()

    assert NO_LINKS_YET in _block(html)
    assert '<a href="https://' not in _block(html)


def test_watch_live_block_comes_before_what_is_on_now(client):
    make_agenda(slots=1)

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        html = client.get("/agenda/now/").content.decode()

    assert html.index('id="watch-live"') < html.index('<h2 id="now-h">')


# Issue 12 (helper B): a part's own links, shown instead of the session's where it has them.
DURING_DAY_3 = time_machine.travel(datetime(2015, 11, 12, 19, 45, tzinfo=UTC), tick=False)
PART_WEBCAST = "https://webcast.example.org/igf2015-day3"
PART_REMOTE = "https://remote.example.org/igf2015-day3"


def _links(html: str) -> list[str]:
    return re.findall(r'href="(https://[^"]+)"', html)


def _part_line(html: str, part) -> str:
    start = html.index(f'<section id="part-{part.pk}" class="part"')
    return html[start : html.index('<ol class="slots">', start)]


def _with_part_links(day3):
    day3.webcast_url, day3.remote_participation_url = PART_WEBCAST, PART_REMOTE
    day3.save()


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_shows_the_links_of_the_part_on_now_falling_back_to_the_sessions(client, url):
    _session, day3, _day4, _slots = make_agenda(slots=3)
    _with_part_links(day3)

    with DURING_DAY_3:
        block = _block(client.get(url).content.decode())

    # The part's webcast and remote link; the session's transcript, which the part lacks.
    assert _links(block) == [PART_WEBCAST, "https://transcript.example.org/igf2015", PART_REMOTE]
    assert "Any link still missing" not in block


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_shows_the_sessions_links_when_the_part_on_now_has_none(client, url):
    make_agenda(slots=3)

    with DURING_DAY_3:
        block = _block(client.get(url).content.decode())

    assert _links(block) == [
        "https://webcast.example.org/igf2015",
        "https://transcript.example.org/igf2015",
    ]


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_shows_the_sessions_links_when_nothing_is_on(client, url):
    _session, day3, _day4, _slots = make_agenda(slots=3)
    _with_part_links(day3)

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        block = _block(client.get(url).content.decode())

    assert _links(block) == [
        "https://webcast.example.org/igf2015",
        "https://transcript.example.org/igf2015",
    ]


def test_the_agenda_shows_each_parts_links_where_it_has_them(client):
    _session, day3, day4, _slots = make_agenda(slots=3)
    _with_part_links(day3)

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        html = client.get("/agenda/").content.decode()

    assert _part_line(html, day3).count('<p class="mb-1 part-watch-live">') == 1
    assert _links(_part_line(html, day3)) == [
        PART_WEBCAST,
        "https://transcript.example.org/igf2015",
        PART_REMOTE,
    ]
    assert _links(_part_line(html, day4)) == [
        "https://webcast.example.org/igf2015",
        "https://transcript.example.org/igf2015",
    ]


@pytest.mark.parametrize(("url", "queries"), [("/agenda/", 7), ("/agenda/now/", 6)])
@pytest.mark.parametrize("slot_count", [3, 40])
def test_part_links_cost_no_query(client, django_assert_num_queries, url, queries, slot_count):
    # The same counts as without part links (test_agenda_on_now, test_now_debate): the part on
    # now comes with its slot, each part with the agenda's own query.
    _session, day3, day4, _slots = make_agenda(slots=slot_count)
    _with_part_links(day3)
    _with_part_links(day4)

    with DURING_DAY_3, django_assert_num_queries(queries):
        response = client.get(url)

    assert _links(_block(response.content.decode()))[0] == PART_WEBCAST


def test_the_calendar_and_the_conference_schedule_carry_the_parts_webcast(client):
    _session, day3, _day4, slots = make_agenda(slots=1)
    _with_part_links(day3)

    ics = client.get(f"/agenda/slots/{slots[0].pk}.ics").content.decode().replace("\r\n ", "")
    schedule = client.get("/agenda/schedule.json").json()
    events = [
        event
        for day in schedule["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    day3_links = [link for link in events[0]["links"] if link["title"] == "Webcast"]

    assert f"Webcast: {PART_WEBCAST}" in ics
    assert "Transcript: https://transcript.example.org/igf2015" in ics
    assert day3_links == [{"type": "media", "title": "Webcast", "url": PART_WEBCAST}]
