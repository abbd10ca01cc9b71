"""/agenda/ and /: both days in the venue's time, links, fixed queries, lean markup."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from igfsession.agenda.models import Part, Slot
from tests.factories import DAY3_START, make_part, make_slot
from tests.igfsession.helpers import DAY4_START, make_agenda

pytestmark = pytest.mark.django_db

# The session with its validators, what is on now (the live state, the slot on now, the next
# one, the clock's last boundary), the parts, the slots with their links.
AGENDA_QUERIES = 7


def test_agenda_shows_both_days_in_the_venue_time_zone(client):
    _session, day3, day4, slots = make_agenda(slots=2)
    make_slot(
        part=day4,
        kind=Slot.Kind.INTRODUCTION,
        title="DC-Gender introduces itself",
        starts_at=DAY4_START,
        ends_at=DAY4_START + timedelta(minutes=7),
    )

    response = client.get("/agenda/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="day-1" class="mt-4">Thursday 12 November 2015</h2>' in html
    assert '<h2 id="day-2" class="mt-4">Friday 13 November 2015</h2>' in html
    assert (
        f'<h3 id="part-{day3.pk}-t" class="h4" dir="auto">Day 3: output presentations</h3>\n'
        '<p class="mb-1"><span class="slot-time"><time datetime="2015-11-12T16:30:00-03:00">'
        '16:30</time>\N{EN DASH}<time datetime="2015-11-12T18:00:00-03:00">18:00</time></span> '
        '<span class="zone-name">(João Pessoa)</span> · '
        "Output presentations · <bdi>Main Meeting Room</bdi></p>" in html
    )
    assert (
        f'<li id="slot-{slots[0].pk}"><span class="slot-time">'
        '<time datetime="2015-11-12T16:30:00-03:00">16:30</time>\N{EN DASH}'
        '<time datetime="2015-11-12T16:40:00-03:00">16:40</time></span> '
        '<span class="zone-name">(João Pessoa)</span> '
        '<strong dir="auto">Public access in libraries</strong> '
        '<span class="kind">Output presentation</span>' in html
    )
    assert '<time datetime="2015-11-13T09:00:00-03:00">09:00</time>' in html


def test_agenda_slot_shows_speakers_coalition_output_sheet_and_calendar_links(client):
    _session, _day3, _day4, slots = make_agenda(slots=1)

    html = client.get("/agenda/").content.decode()

    assert (
        '<div class="slot-meta">Speakers: <bdi>Christina de Castell, Stuart Hamilton</bdi><br>'
        'Coalition: <a href="/coalitions/dc-pal/" dir="auto">Dynamic Coalition on Public Access in '
        "Libraries (DC-PAL)</a><br>"
        'Output: <a href="/coalitions/dc-pal/outputs/principles/" dir="auto" lang="en">'
        "Statement of Principles on "
        "Public Access in Libraries</a><br>"
        '<a href="/feedback/pal/">Rate this output</a> · '
        f'<a href="/agenda/slots/{slots[0].pk}.ics">Add to calendar</a></div>' in html
    )
    assert (
        '<a href="https://webcast.example.org/igf2015">Watch the webcast</a> · '
        '<a href="https://transcript.example.org/igf2015">Read the live transcript</a>' in html
    )


def test_agenda_part_and_slot_urls_point_into_the_agenda():
    _session, day3, _day4, slots = make_agenda(slots=1)

    assert (day3.get_absolute_url(), slots[0].get_absolute_url()) == (
        f"/agenda/#part-{day3.pk}",
        f"/agenda/#slot-{slots[0].pk}",
    )


def test_agenda_has_no_inline_script_or_style_and_loads_our_script(client):
    make_agenda(slots=3)

    html = client.get("/agenda/").content.decode()

    # offline.js on every page (issue 15), then the agenda's own.
    assert html.count("<script") == 2
    assert '<script src="/static/js/offline.js" defer></script>' in html
    assert '<script src="/static/js/agenda.js" defer></script>' in html
    assert "style=" not in html
    assert "<style" not in html


def test_agenda_loads_nothing_from_other_hosts(client):
    make_agenda(slots=3)

    html = client.get("/agenda/").content.decode()

    loaded = re.findall(r'<(?:script|img|iframe)[^>]* src="([^"]*)"', html)
    loaded += re.findall(r'<link[^>]* href="([^"]*)"', html)
    # A data: URL (the empty favicon) is inline: it makes no request at all.
    requested = [url for url in loaded if not url.startswith("data:")]
    elsewhere = [url for url in requested if not url.startswith("/") or url.startswith("//")]
    assert (elsewhere, "/static/js/agenda.js" in loaded) == ([], True)


@pytest.mark.parametrize("slot_count", [10, 200])
def test_agenda_queries_do_not_grow_with_slots(client, django_assert_max_num_queries, slot_count):
    make_agenda(slots=slot_count, minutes=1)

    with django_assert_max_num_queries(AGENDA_QUERIES):
        response = client.get("/agenda/")

    assert response.content.decode().count('<li id="slot-') == slot_count


def test_agenda_without_current_session_says_so(client, db):
    response = client.get("/agenda/")

    assert response.status_code == 200
    assert "<p>No session is current yet.</p>" in response.content.decode()


def test_home_shows_now_next_today_and_links(client):
    _session, day3, _day4, _slots = make_agenda(slots=3)

    with time_machine.travel(datetime(2015, 11, 12, 19, 35, tzinfo=UTC), tick=False):
        response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=10"
    assert '<h2 id="home-parts" class="h3">Today</h2>' in html
    assert f'<a href="/agenda/#part-{day3.pk}" dir="auto">Day 3: output presentations</a>' in html
    assert "Day 4: coalition introductions" not in html
    assert '<h3 class="h4" data-f="title" dir="auto">Public access in libraries</h3>' in html
    assert '<h3 class="h4" data-f="title" dir="auto">Slot 2</h3>' in html
    assert '<a class="btn btn-primary" href="/agenda/">Agenda</a>' in html
    assert '<a class="btn btn-outline-primary" href="/feedback/">Rating sheets</a>' in html
    assert (
        '<a class="btn btn-outline-primary" href="https://webcast.example.org/igf2015">Webcast</a>'
        in html
    )
    assert (
        '<li><a href="/feedback/pal/" dir="auto" lang="en">'
        "Statement of Principles on Public Access in Libraries</a> "
        "(<bdi>DC-PAL</bdi>)</li>" in html
    )


def test_home_before_the_session_shows_every_part(client):
    _session, _day3, day4, _slots = make_agenda(slots=1)
    make_part(
        session=day4.session,
        kind=Part.Kind.DEBATE,
        title="Day 4: debate",
        starts_at=DAY4_START + timedelta(hours=1),
        ends_at=DAY4_START + timedelta(hours=2),
    )

    with time_machine.travel(datetime(2015, 11, 10, 12, 0, tzinfo=UTC), tick=False):
        html = client.get("/").content.decode()

    assert '<h2 id="home-parts" class="h3">The session\'s parts</h2>' in html
    assert ("Day 3: output presentations" in html, "Day 4: debate" in html) == (True, True)


def test_home_late_on_day_3_still_shows_today(client):
    make_agenda(slots=1)

    with time_machine.travel(DAY3_START + timedelta(hours=6), tick=False):  # 22:30 local
        html = client.get("/").content.decode()

    assert '<h2 id="home-parts" class="h3">Today</h2>' in html
    assert ("Day 3: output presentations" in html, "Day 4: coalition" in html) == (True, False)


def test_agenda_html_of_the_demo_is_under_40_kb(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())

    response = client.get("/agenda/")

    assert (response.status_code, len(response.content) < 40 * 1024) == (200, True)
