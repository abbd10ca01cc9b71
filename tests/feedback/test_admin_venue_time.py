"""Organisers type a rating sheet's times in the venue's time zone (the session's), labelled."""

from datetime import UTC, datetime

import pytest

from feedback.models import RatingSheet
from tests.admin_helpers import admin_url
from tests.factories import make_output, make_session, make_sheet

pytestmark = pytest.mark.django_db

# 16:30 in João Pessoa (America/Fortaleza, UTC-3) is 19:30 UTC.
VENUE_1630 = datetime(2015, 11, 12, 19, 30, tzinfo=UTC)


def _data(output, **changes):
    data = {
        "output": output.pk,
        "code": "pal",
        "results_visibility": RatingSheet.ResultsVisibility.AFTER_SUBMIT,
        "opens_at_0": "2015-11-12",
        "opens_at_1": "16:30:00",
        "closes_at_0": "",
        "closes_at_1": "",
    }
    data.update(changes)
    return data


def test_times_typed_on_the_add_page_are_the_venues(organiser_client):
    output = make_output(session=make_session(time_zone="America/Fortaleza"))

    response = organiser_client.post(admin_url(RatingSheet, "add"), _data(output))

    assert response.status_code == 302
    assert RatingSheet.objects.get().opens_at == VENUE_1630


def test_times_typed_are_those_of_the_sheets_own_session(organiser_client):
    make_session(is_current=True, time_zone="Europe/Zurich")
    output = make_output(session=make_session(time_zone="Asia/Tokyo"))
    sheet = make_sheet(output=output, code="pal")

    organiser_client.post(
        admin_url(RatingSheet, "change", sheet.pk), _data(output, opens_at_1="09:00:00")
    )

    sheet.refresh_from_db()
    assert sheet.opens_at == datetime(2015, 11, 12, 0, 0, tzinfo=UTC)


def test_change_page_shows_venue_times_and_names_the_zone(organiser_client):
    output = make_output(session=make_session(time_zone="America/Fortaleza"))
    sheet = make_sheet(output=output, code="pal", opens_at=VENUE_1630)

    response = organiser_client.get(admin_url(RatingSheet, "change", sheet.pk))

    html = response.content.decode()
    assert 'name="opens_at_1" value="16:30:00"' in html
    assert html.count("In the venue's time zone: America/Fortaleza.") == 2
    assert "are in UTC" not in html
