from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages

from igfsession.agenda.models import LiveState, Part, Slot
from igfsession.models import Session
from tests.admin_helpers import admin_url
from tests.factories import (
    DAY3_START,
    make_output,
    make_part,
    make_session,
    make_slot,
)

DASH = "\u2013"  # the en dash between a start and an end


@pytest.mark.django_db
def test_admin_index_lists_session_models_for_organiser(organiser_client):
    response = organiser_client.get("/admin/")

    app = next(app for app in response.context["app_list"] if app["app_label"] == "igfsession")
    # The live states are listed apart, with the technical records (test_run_session.py).
    assert [model["object_name"] for model in app["models"]] == [
        "Part",
        "Session",
        "Slot",
    ]


# --- Local times in the lists --------------------------------------------------------------


@pytest.mark.django_db
def test_session_changelist_shows_dates_and_deadline_in_venue_time(organiser_client):
    session = make_session(declaration_deadline=datetime(2015, 10, 31, 2, 59, tzinfo=UTC))
    make_part(session=session)
    make_part(
        session=session,
        starts_at=DAY3_START + timedelta(days=1),
        ends_at=DAY3_START + timedelta(days=1, hours=3),
    )

    html = organiser_client.get(admin_url(Session, "changelist")).content.decode()

    assert f"Thu 12 Nov 2015 16:30 {DASH} Fri 13 Nov 2015 19:30 (America/Fortaleza)" in html
    assert "Fri 30 Oct 2015 23:59 (America/Fortaleza)" in html


@pytest.mark.django_db
def test_part_changelist_shows_window_in_venue_time_and_utc(organiser_client):
    make_part()

    html = organiser_client.get(admin_url(Part, "changelist")).content.decode()

    assert f"Thu 12 Nov 2015 16:30 {DASH} 18:00 (America/Fortaleza)" in html
    assert f"Thu 12 Nov 2015 19:30 {DASH} 21:00 UTC" in html


@pytest.mark.django_db
def test_slot_changelist_shows_window_in_venue_time_and_utc(organiser_client):
    make_slot()

    html = organiser_client.get(admin_url(Slot, "changelist")).content.decode()

    assert f"Thu 12 Nov 2015 16:30 {DASH} 16:40 (America/Fortaleza)" in html
    assert f"Thu 12 Nov 2015 19:30 {DASH} 19:40 UTC" in html


# --- Session → parts → slots ---------------------------------------------------------------


@pytest.mark.django_db
def test_session_change_page_links_each_part_to_its_page(organiser_client):
    part = make_part(title="Day 3: output presentations")

    html = organiser_client.get(admin_url(Session, "change", part.session.pk)).content.decode()

    assert "Day 3: output presentations" in html
    assert f'href="{admin_url(Part, "change", part.pk)}" class="inlinechangelink"' in html


@pytest.mark.django_db
def test_part_change_page_lists_its_slots(organiser_client):
    slot = make_slot(title="Opening remarks")

    html = organiser_client.get(admin_url(Part, "change", slot.part.pk)).content.decode()

    assert 'value="Opening remarks"' in html
    assert f'href="{admin_url(Slot, "change", slot.pk)}" class="inlinechangelink"' in html


# --- Sessions: the current one -------------------------------------------------------------


@pytest.mark.django_db
def test_session_form_second_current_session_rejected_beside_is_current(organiser_client):
    make_session(name="IGF 2015", is_current=True)
    session = make_session(name="IGF 2016", year=2016)
    data = {
        "name": session.name,
        "slug": session.slug,
        "year": "2016",
        "meeting_name": session.meeting_name,
        "description": "",
        "city": session.city,
        "country": "",
        "venue": "",
        "time_zone": session.time_zone,
        "webcast_url": "",
        "transcript_url": "",
        "remote_participation_url": "",
        "declaration_deadline_0": "",
        "declaration_deadline_1": "",
        "is_current": "on",
        "parts-TOTAL_FORMS": "0",
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "1000",
    }

    response = organiser_client.post(admin_url(Session, "change", session.pk), data)

    assert response.context["adminform"].form.errors == {
        "is_current": [
            "“IGF 2015” is the current session. Only one session can be current: untick it "
            "there first, or use the action “Make the selected session the current one” in "
            "the list of sessions."
        ]
    }


@pytest.mark.django_db
def test_session_action_make_current_moves_current_flag(organiser_client):
    old = make_session(name="IGF 2015", is_current=True)
    new = make_session(name="IGF 2016", year=2016)

    response = organiser_client.post(
        admin_url(Session, "changelist"),
        {"action": "make_current", "_selected_action": [new.pk]},
    )

    assert response.status_code == 302
    assert list(Session.objects.filter(is_current=True)) == [new]
    old.refresh_from_db()
    assert old.is_current is False
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "“IGF 2016” is now the current session."
    ]


@pytest.mark.django_db
def test_session_action_make_current_with_two_selected_changes_nothing(organiser_client):
    old = make_session(is_current=True)
    other = make_session()

    response = organiser_client.post(
        admin_url(Session, "changelist"),
        {"action": "make_current", "_selected_action": [old.pk, other.pk]},
    )

    assert list(Session.objects.filter(is_current=True)) == [old]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Select exactly one session to make it the current one."
    ]


# --- Live state ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_live_state_form_slot_mode_without_slot_rejected_beside_slot(organiser_client):
    session = make_session()

    response = organiser_client.post(
        admin_url(LiveState, "add"), {"session": session.pk, "mode": "slot", "slot": ""}
    )

    assert response.context["adminform"].form.errors == {
        "slot": ["Choose the slot that is on now, or choose another mode."]
    }


@pytest.mark.django_db
def test_live_state_form_slot_of_other_session_rejected_beside_slot(organiser_client):
    session = make_session(name="IGF 2016")
    slot = make_slot(part=make_part(session=make_session(name="IGF 2015")), title="Opening")

    response = organiser_client.post(
        admin_url(LiveState, "add"), {"session": session.pk, "mode": "slot", "slot": slot.pk}
    )

    assert response.context["adminform"].form.errors == {
        "slot": ["“Opening” is a slot of IGF 2015, not of IGF 2016."]
    }


@pytest.mark.django_db
def test_live_state_form_saved_records_who_changed_it(organiser_client, organiser):
    slot = make_slot()

    response = organiser_client.post(
        admin_url(LiveState, "add"),
        {"session": slot.part.session.pk, "mode": "slot", "slot": slot.pk},
    )

    assert response.status_code == 302
    state = LiveState.objects.get()
    assert (state.session, state.mode, state.slot, state.changed_by) == (
        slot.part.session,
        "slot",
        slot,
        organiser,
    )


# --- Queries -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_slot_changelist_queries_same_for_any_number_of_rows(
    organiser_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        output = make_output()
        make_slot(part=make_part(session=output.session), coalition=output.coalition, output=output)
    url = admin_url(Slot, "changelist")
    organiser_client.get(url)  # warm any per-process caches

    with django_assert_num_queries(6):
        response = organiser_client.get(url)

    assert len(response.context["cl"].result_list) == rows
