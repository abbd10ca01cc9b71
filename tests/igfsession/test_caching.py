"""Validators on every public agenda page and export: 304 while nothing changed, 200 after."""

from datetime import UTC, datetime

import pytest
import time_machine

from igfsession.agenda import services
from tests.igfsession.helpers import make_agenda

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/agenda/",
    "/agenda/now/",
    "/agenda/now.json",
    "/agenda.ics",
    "/agenda/schedule.xml",
    "/agenda/schedule.json",
]


@pytest.fixture
def agenda():
    return make_agenda(slots=3)


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

    assert again.status_code == 304


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_page_after_an_admin_change_is_200_with_a_new_etag(client, agenda, url):
    _session, _day3, _day4, slots = agenda
    first = client.get(url)
    slots[0].title = "Public access in libraries: the Lyon Declaration"
    slots[0].save()  # as the admin's change form does

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/now.json", "/agenda/schedule.json"])
def test_public_page_after_a_slot_is_deleted_is_200(client, agenda, url):
    _session, _day3, _day4, slots = agenda
    first = client.get(url)
    slots[2].delete()

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200


@pytest.mark.parametrize("url", ["/", "/agenda/now/", "/agenda/now.json"])
def test_now_pages_after_a_live_state_change_are_200(client, agenda, url):
    session, _day3, _day4, slots = agenda
    first = client.get(url)
    services.live_state_start_slot(session=session, slot=slots[1])

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200


def test_now_json_when_the_clock_moves_to_the_next_slot_is_200(client, agenda):
    with time_machine.travel(datetime(2015, 11, 12, 19, 35, tzinfo=UTC), tick=False):
        first = client.get("/agenda/now.json")
    with time_machine.travel(datetime(2015, 11, 12, 19, 38, tzinfo=UTC), tick=False):
        same = client.get("/agenda/now.json", headers={"if-none-match": first["ETag"]})
    with time_machine.travel(datetime(2015, 11, 12, 19, 41, tzinfo=UTC), tick=False):
        moved = client.get("/agenda/now.json", headers={"if-none-match": first["ETag"]})

    assert (same.status_code, moved.status_code) == (304, 200)


def test_slot_ics_conditional_get_is_304_then_200_after_a_change(client, agenda):
    _session, _day3, _day4, slots = agenda
    url = f"/agenda/slots/{slots[0].pk}.ics"
    first = client.get(url)
    same = client.get(url, headers={"if-none-match": first["ETag"]})
    slots[0].speakers = "Loida Garcia-Febo"
    slots[0].save()

    changed = client.get(url, headers={"if-none-match": first["ETag"]})

    assert (first.status_code, same.status_code, changed.status_code) == (200, 304, 200)


def test_agenda_and_exports_cache_for_a_minute_now_pages_for_ten_seconds(client, agenda):
    max_ages = {url: client.get(url)["Cache-Control"] for url in PUBLIC_URLS}

    assert max_ages == {
        "/": "public, max-age=10",
        "/agenda/": "public, max-age=60",
        "/agenda/now/": "public, max-age=10",
        "/agenda/now.json": "public, max-age=10",
        "/agenda.ics": "public, max-age=60",
        "/agenda/schedule.xml": "public, max-age=60",
        "/agenda/schedule.json": "public, max-age=60",
    }


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/schedule.json"])
def test_public_page_after_a_coalition_is_renamed_is_200(client, agenda, url):
    from coalitions.models import Coalition

    first = client.get(url)
    coalition = Coalition.objects.get(acronym="DC-PAL")
    coalition.name = "Dynamic Coalition on Public Access in Libraries (renamed)"
    coalition.save()

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert "(renamed)" in again.content.decode()


def test_public_page_after_a_sheet_is_closed_is_200(client, agenda):
    from feedback.models import RatingSheet
    from feedback.services import sheet_close_now

    first = client.get("/agenda/schedule.json")
    sheet_close_now(sheets=RatingSheet.objects.all())

    again = client.get("/agenda/schedule.json", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
