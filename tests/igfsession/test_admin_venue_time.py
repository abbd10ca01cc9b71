"""Organisers type sessions', parts' and slots' times in the venue's time zone, labelled."""

from datetime import UTC, datetime

import pytest

from igfsession.agenda.models import Part, Slot
from igfsession.models import Session
from tests.admin_helpers import admin_url
from tests.factories import DAY3_START, make_part, make_session, make_slot

pytestmark = pytest.mark.django_db


def test_part_add_takes_times_in_its_sessions_zone(organiser_client):
    session = make_session(time_zone="Asia/Tokyo")
    data = {
        "session": session.pk,
        "kind": Part.Kind.DEBATE,
        "title": "Debate",
        "description": "",
        "room": "",
        "starts_at_0": "2015-11-13",
        "starts_at_1": "09:00:00",
        "ends_at_0": "2015-11-13",
        "ends_at_1": "10:30:00",
        "slots-TOTAL_FORMS": "0",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
    }

    response = organiser_client.post(admin_url(Part, "add"), data)

    assert response.status_code == 302
    part = Part.objects.get(title="Debate")
    assert (part.starts_at, part.ends_at) == (
        datetime(2015, 11, 13, 0, 0, tzinfo=UTC),
        datetime(2015, 11, 13, 1, 30, tzinfo=UTC),
    )


def test_slot_change_page_shows_venue_times_and_names_the_zone(organiser_client):
    slot = make_slot(part=make_part(), starts_at=DAY3_START)

    html = organiser_client.get(admin_url(Slot, "change", slot.pk)).content.decode()

    assert 'name="starts_at_1" value="16:30:00"' in html
    assert html.count("In the venue's time zone: America/Fortaleza.") == 2
    assert "are in UTC" not in html


def test_session_change_page_takes_the_deadline_in_its_own_zone(organiser_client):
    session = make_session(
        time_zone="America/Fortaleza", declaration_deadline=datetime(2015, 10, 1, 3, tzinfo=UTC)
    )

    html = organiser_client.get(admin_url(Session, "change", session.pk)).content.decode()

    assert 'name="declaration_deadline_0" value="2015-10-01"' in html
    assert 'name="declaration_deadline_1" value="00:00:00"' in html
    assert "In the venue's time zone: America/Fortaleza." in html
