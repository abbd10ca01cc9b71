"""Validators on every public agenda page and export: 304 while nothing changed, 200 after.

After a change, the page that answers 200 also carries the change: the new text is in it and the
old text is not. The agenda is built before the session and looked at during its first slot
(16:35 in João Pessoa), with the clock frozen: every change is made a minute later, so that it
gets its own ``updated_at``.
"""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from lxml import html

from igfsession.agenda import services
from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

DURING_SLOT_1 = datetime(2015, 11, 12, 19, 35, tzinfo=UTC)  # 16:35 in João Pessoa

PUBLIC_URLS = [
    "/",
    "/agenda/",
    "/agenda/now/",
    "/agenda/now.json",
    "/agenda.ics",
    "/agenda/schedule.xml",
    "/agenda/schedule.json",
]
NOW_URLS = ["/", "/agenda/now/", "/agenda/now.json"]

OLD_TITLE = "Public access in libraries"
NEW_TITLE = "Libraries and the Lyon Declaration"
OLD_NAME = "Dynamic Coalition on Public Access in Libraries"
NEW_NAME = "Dynamic Coalition on Libraries and Development"


@pytest.fixture
def agenda():
    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        return make_agenda(slots=3)


@pytest.fixture
def clock(agenda):
    """Frozen during the first slot; ``clock.shift(timedelta(...))`` moves it on."""
    with time_machine.travel(DURING_SLOT_1, tick=False) as traveller:
        yield traveller


def _counts(response, *texts) -> tuple[int, ...]:
    body = response.content.decode()
    return tuple(body.count(text) for text in texts)


def _now_and_next(url, response) -> tuple[str | None, str | None]:
    """The titles of the slots on now and next, as the page or now.json shows them; on a page
    without a slot there, what it says instead."""
    if url == "/agenda/now.json":
        data = response.json()
        return tuple(data[key]["title"] if data[key] else None for key in ("now", "next"))
    sections = {"/": ("home-now", "home-next"), "/agenda/now/": ("now-h", "next-h")}[url]
    document = html.fromstring(response.content)
    titles = []
    for heading in sections:
        section = document.xpath(f'//section[@aria-labelledby="{heading}"]')[0]
        found = section.xpath(".//h3") or section.xpath(".//p")
        titles.append(found[0].text_content())
    return tuple(titles)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_conditional_get_with_unchanged_etag_is_304(client, agenda, url):
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (first.status_code, again.status_code, again.content) == (200, 304, b"")
    assert first["Cache-Control"].startswith("public, max-age=")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_conditional_get_with_unchanged_last_modified_is_304(client, agenda, url):
    first = client.get(url)

    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert (first.status_code, again.status_code, again.content) == (200, 304, b"")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_after_an_admin_change_shows_the_new_title(client, agenda, clock, url):
    _session, _day3, _day4, slots = agenda
    first = client.get(url)
    clock.shift(timedelta(minutes=1))
    slots[0].title = NEW_TITLE
    slots[0].save()  # as the admin's change form does

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (first.status_code, again.status_code) == (200, 200)
    assert again["ETag"] != first["ETag"]
    # The agenda names the slot on now twice: in its list and in the "On now:" line at the top.
    times = 2 if url == "/agenda/" else 1
    assert (_counts(first, OLD_TITLE, NEW_TITLE), _counts(again, OLD_TITLE, NEW_TITLE)) == (
        (times, 0),
        (0, times),
    )


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/now.json", "/agenda/schedule.json"])
def test_public_page_after_a_slot_is_deleted_no_longer_shows_it(client, agenda, clock, url):
    _session, _day3, _day4, slots = agenda
    first = client.get(url)
    clock.shift(timedelta(minutes=1))
    slots[1].delete()  # "Slot 2", next at 16:35

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (first.status_code, again.status_code) == (200, 200)
    assert (_counts(first, "Slot 2"), _counts(again, "Slot 2")) == ((1,), (0,))


def test_now_json_after_the_next_slot_is_deleted_shows_the_one_after(client, agenda, clock):
    _session, _day3, _day4, slots = agenda
    first = client.get("/agenda/now.json")
    clock.shift(timedelta(minutes=1))
    slots[1].delete()

    again = client.get("/agenda/now.json", headers={"if-none-match": first["ETag"]})

    assert (_now_and_next("/agenda/now.json", first), _now_and_next("/agenda/now.json", again)) == (
        (OLD_TITLE, "Slot 2"),
        (OLD_TITLE, "Slot 3"),
    )


@pytest.mark.parametrize("url", NOW_URLS)
def test_now_pages_after_a_live_state_change_show_the_started_slot(client, agenda, clock, url):
    session, _day3, _day4, slots = agenda
    first = client.get(url)
    clock.shift(timedelta(minutes=1))
    services.live_state_start_slot(session=session, slot=slots[1])

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (first.status_code, again.status_code) == (200, 200)
    assert (_now_and_next(url, first), _now_and_next(url, again)) == (
        (OLD_TITLE, "Slot 2"),
        ("Slot 2", "Slot 3"),
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/", ("The session has ended.", "Nothing more is planned.")),
        ("/agenda/now/", ("The session has ended.", "Nothing more is planned.")),
        ("/agenda/now.json", (None, None)),
    ],
)
def test_now_pages_after_the_session_is_ended_say_so(client, agenda, clock, url, shown):
    session, _day3, _day4, _slots = agenda
    first = client.get(url)
    clock.shift(timedelta(minutes=1))
    services.live_state_end(session=session)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (first.status_code, again.status_code) == (200, 200)
    assert (_now_and_next(url, first), _now_and_next(url, again)) == (
        (OLD_TITLE, "Slot 2"),
        shown,
    )


def test_now_json_when_the_clock_moves_to_the_next_slot_shows_it(client, agenda):
    with time_machine.travel(datetime(2015, 11, 12, 19, 35, tzinfo=UTC), tick=False):
        first = client.get("/agenda/now.json")
    with time_machine.travel(datetime(2015, 11, 12, 19, 38, tzinfo=UTC), tick=False):
        same = client.get("/agenda/now.json", headers={"if-none-match": first["ETag"]})
    with time_machine.travel(datetime(2015, 11, 12, 19, 41, tzinfo=UTC), tick=False):
        moved = client.get("/agenda/now.json", headers={"if-none-match": first["ETag"]})

    assert (same.status_code, moved.status_code) == (304, 200)
    assert (_now_and_next("/agenda/now.json", first), _now_and_next("/agenda/now.json", moved)) == (
        (OLD_TITLE, "Slot 2"),
        ("Slot 2", "Slot 3"),
    )
    assert moved.json()["updated"] == "2015-11-12T16:40:00-03:00"


def test_slot_ics_conditional_get_is_304_then_200_with_the_new_speakers(client, agenda, clock):
    _session, _day3, _day4, slots = agenda
    url = f"/agenda/slots/{slots[0].pk}.ics"
    first = client.get(url)
    same = client.get(url, headers={"if-none-match": first["ETag"]})
    clock.shift(timedelta(minutes=1))
    slots[0].speakers = "Loida Garcia-Febo"
    slots[0].save()

    changed = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (first.status_code, same.status_code, changed.status_code) == (200, 304, 200)
    descriptions = [
        str(icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]["DESCRIPTION"])
        for response in (first, changed)
    ]
    assert [text.splitlines()[1] for text in descriptions] == [
        "Speakers: Christina de Castell, Stuart Hamilton",
        "Speakers: Loida Garcia-Febo",
    ]


def test_exports_cache_for_a_minute_pages_showing_what_is_on_now_for_ten_seconds(client, agenda):
    max_ages = {url: client.get(url)["Cache-Control"] for url in PUBLIC_URLS}

    assert max_ages == {
        "/": "public, max-age=10",
        "/agenda/": "public, max-age=10",
        "/agenda/now/": "public, max-age=10",
        "/agenda/now.json": "public, max-age=10",
        "/agenda.ics": "public, max-age=60",
        "/agenda/schedule.xml": "public, max-age=60",
        "/agenda/schedule.json": "public, max-age=60",
    }


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/now.json", "/agenda/schedule.json"])
def test_public_page_after_a_coalition_is_renamed_shows_the_new_name(client, agenda, clock, url):
    from coalitions.models import Coalition

    first = client.get(url)
    clock.shift(timedelta(minutes=1))
    coalition = Coalition.objects.get(acronym="DC-PAL")
    coalition.name = NEW_NAME
    coalition.save()

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (first.status_code, again.status_code) == (200, 200)
    assert (_counts(first, OLD_NAME, NEW_NAME), _counts(again, OLD_NAME, NEW_NAME)) == (
        (1, 0),
        (0, 1),
    )


def test_schedule_json_after_a_sheet_is_closed_has_a_new_version(client, agenda, clock):
    from feedback.models import RatingSheet
    from feedback.services import sheet_close_now

    first = client.get("/agenda/schedule.json")
    clock.shift(timedelta(minutes=1))
    closed = sheet_close_now(sheets=RatingSheet.objects.all())

    again = client.get("/agenda/schedule.json", headers={"if-none-match": first["ETag"]})

    assert (closed, first.status_code, again.status_code) == (1, 200, 200)
    assert again["ETag"] != first["ETag"]
    assert (first.json()["schedule"]["version"], again.json()["schedule"]["version"]) == (
        "2015-11-10T12:00:00+00:00",
        "2015-11-12T19:36:00+00:00",
    )
    assert again["Last-Modified"] == "Thu, 12 Nov 2015 19:36:00 GMT"
