"""Times for a remote participant: every time names its zone by the venue's city, and the next
slot on the now page says when it starts ("starts in 2 h 10 min", plain text)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from igfsession.templatetags.times import starts_in
from tests.factories import DAY3_START
from tests.igfsession.helpers import make_agenda

pytestmark = pytest.mark.django_db

AT = datetime(2015, 11, 12, 17, 20, tzinfo=UTC)  # 14:20 in João Pessoa: 2 h 10 min before 16:30


@pytest.mark.parametrize(
    ("before", "text"),
    [
        (timedelta(hours=2, minutes=10), "starts in 2 h 10 min"),
        (timedelta(minutes=9, seconds=30), "starts in 9 min"),
        (timedelta(seconds=20), "starts in less than a minute"),
        (timedelta(hours=26), "starts in 26 h 0 min"),
        (timedelta(seconds=-1), ""),
    ],
)
def test_starts_in_says_how_long_in_hours_and_minutes(before, text):
    with time_machine.travel(AT, tick=False):
        assert starts_in(AT + before) == text


def test_now_page_says_when_the_next_slot_starts_in_plain_text(client):
    make_agenda(slots=2)

    with time_machine.travel(AT, tick=False):
        html = client.get("/agenda/now/").content.decode()

    next_slot = html[
        html.index('<div id="next-slot"') : html.index(
            "</section>", html.index('<div id="next-slot"')
        )
    ]
    assert (
        '<p class="mb-1 starts-in" data-row="starts-in"><strong data-f="starts-in">'
        "starts in 2 h 10 min</strong></p>" in next_slot
    )
    assert 'data-in-hours="starts in {hours} h {minutes} min"' in html


def test_agenda_and_now_name_the_venue_city_not_its_zone_id(client):
    make_agenda(slots=2)

    with time_machine.travel(DAY3_START + timedelta(minutes=5), tick=False):
        pages = [client.get(url).content.decode() for url in ("/agenda/", "/agenda/now/")]

    for html in pages:
        assert "Times are the venue&#x27;s, in João Pessoa time." in html or (
            "Times are the venue's, in João Pessoa time." in html
        )
        assert "America/Fortaleza" not in re.sub(r'data-tz="[^"]*"', "", html)


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/now/"])
def test_every_time_range_names_its_zone(client, url):
    make_agenda(slots=2)

    with time_machine.travel(DAY3_START + timedelta(minutes=5), tick=False):
        html = client.get(url).content.decode()

    ranges = re.findall(
        r'<span class="slot-time">.*?</span>( <span class="zone-name">[^<]*</span>)?', html
    )
    assert ranges and set(ranges) == {' <span class="zone-name">(João Pessoa)</span>'}
    # Every slot's <time> keeps a full date-time and HH:MM as its text (the <template> for the
    # script is empty until filled).
    shown = re.sub(r"<template.*?</template>", "", html, flags=re.S)
    times = re.findall(r'<time (?!id="now-updated")[^>]*datetime="([^"]*)">([^<]*)</time>', shown)
    assert times
    for stamp, text in times:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d", stamp)
        assert re.fullmatch(r"\d\d:\d\d", text)
