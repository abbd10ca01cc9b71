from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages

from igfsession.agenda.models import LiveState, Part, Slot
from igfsession.models import Session
from tests.admin_helpers import admin_url
from tests.factories import (
    DAY3_START,
    make_coalition,
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
    assert [model["object_name"] for model in app["models"]] == [
        "LiveState",
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


# --- The slot form -------------------------------------------------------------------------


def slot_form_data(part, *, starts_at, ends_at, coalition=None, output=None):
    return {
        "part": part.pk,
        "kind": Slot.Kind.PRESENTATION,
        "title": "Presentation",
        "speakers": "",
        "description": "",
        "starts_at_0": starts_at.strftime("%Y-%m-%d"),
        "starts_at_1": starts_at.strftime("%H:%M:%S"),
        "ends_at_0": ends_at.strftime("%Y-%m-%d"),
        "ends_at_1": ends_at.strftime("%H:%M:%S"),
        "coalition": coalition.pk if coalition else "",
        "output": output.pk if output else "",
    }


@pytest.mark.django_db
def test_slot_form_output_of_other_coalition_rejected_beside_output(organiser_client, coalition):
    part = make_part()
    other = make_coalition(name="Dynamic Coalition on Internet Rights", acronym="IRPC")
    output = make_output(coalition=other, session=part.session, title="Charter")
    data = slot_form_data(
        part,
        starts_at=DAY3_START,
        ends_at=DAY3_START + timedelta(minutes=10),
        coalition=coalition,
        output=output,
    )

    response = organiser_client.post(admin_url(Slot, "add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "output": [
            "“Charter” is an output of Dynamic Coalition on Internet Rights (IRPC), not of "
            "Dynamic Coalition on Public Access in Libraries (DC-PAL). Choose an output of "
            "Dynamic Coalition on Public Access in Libraries (DC-PAL), or change the coalition."
        ]
    }
    assert Slot.objects.count() == 0


@pytest.mark.django_db
def test_slot_form_output_of_other_session_rejected_beside_output(organiser_client, coalition):
    part = make_part(session=make_session(name="IGF 2015"))
    output = make_output(
        coalition=coalition, session=make_session(name="IGF 2016"), title="Charter"
    )
    data = slot_form_data(
        part,
        starts_at=DAY3_START,
        ends_at=DAY3_START + timedelta(minutes=10),
        coalition=coalition,
        output=output,
    )

    response = organiser_client.post(admin_url(Slot, "add"), data)

    assert response.context["adminform"].form.errors == {
        "output": ["“Charter” is an output for IGF 2016, but this slot is part of IGF 2015."]
    }


@pytest.mark.django_db
def test_slot_form_outside_part_window_rejected_beside_times(organiser_client):
    part = make_part(title="Day 3")
    data = slot_form_data(
        part,
        starts_at=DAY3_START - timedelta(minutes=30),
        ends_at=DAY3_START + timedelta(minutes=100),
    )

    response = organiser_client.post(admin_url(Slot, "add"), data)

    assert response.status_code == 200
    window = (
        f"Thu 12 Nov 2015 16:30 {DASH} 18:00 (America/Fortaleza), "
        f"that is Thu 12 Nov 2015 19:30 {DASH} 21:00 UTC."
    )
    assert response.context["adminform"].form.errors == {
        "starts_at": [f"The slot must start within its part “Day 3”, which runs {window}"],
        "ends_at": [f"The slot must end within its part “Day 3”, which runs {window}"],
    }
    assert Slot.objects.count() == 0


@pytest.mark.django_db
def test_slot_form_ending_before_start_rejected_beside_end(organiser_client):
    part = make_part()
    data = slot_form_data(part, starts_at=DAY3_START + timedelta(minutes=20), ends_at=DAY3_START)

    response = organiser_client.post(admin_url(Slot, "add"), data)

    assert response.context["adminform"].form.errors == {
        "ends_at": ["The slot must end after it starts."]
    }


@pytest.mark.django_db
def test_slot_form_output_without_coalition_takes_outputs_coalition(organiser_client, coalition):
    part = make_part()
    output = make_output(coalition=coalition, session=part.session)
    data = slot_form_data(
        part,
        starts_at=DAY3_START,
        ends_at=DAY3_START + timedelta(minutes=10),
        output=output,
    )

    response = organiser_client.post(admin_url(Slot, "add"), data)

    assert response.status_code == 302
    slot = Slot.objects.get()
    assert (slot.coalition, slot.output) == (coalition, output)
    assert (slot.starts_at, slot.ends_at) == (DAY3_START, DAY3_START + timedelta(minutes=10))


@pytest.mark.django_db
def test_part_form_shrinking_window_rejects_slot_now_outside(organiser_client):
    part = make_part(title="Day 3")
    slot = make_slot(
        part=part,
        starts_at=DAY3_START + timedelta(minutes=60),
        ends_at=DAY3_START + timedelta(minutes=70),
    )
    new_end = DAY3_START + timedelta(minutes=30)
    data = {
        "session": part.session.pk,
        "kind": part.kind,
        "title": part.title,
        "description": "",
        "room": "",
        "starts_at_0": "2015-11-12",
        "starts_at_1": "19:30:00",
        "ends_at_0": "2015-11-12",
        "ends_at_1": new_end.strftime("%H:%M:%S"),
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "1",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
        "slots-0-id": slot.pk,
        "slots-0-part": part.pk,
        "slots-0-kind": slot.kind,
        "slots-0-title": slot.title,
        "slots-0-speakers": "",
        "slots-0-starts_at_0": "2015-11-12",
        "slots-0-starts_at_1": "20:30:00",
        "slots-0-ends_at_0": "2015-11-12",
        "slots-0-ends_at_1": "20:40:00",
        "slots-0-coalition": "",
        "slots-0-output": "",
    }

    response = organiser_client.post(admin_url(Part, "change", part.pk), data)

    assert response.status_code == 200
    window = (
        f"Thu 12 Nov 2015 16:30 {DASH} 17:00 (America/Fortaleza), "
        f"that is Thu 12 Nov 2015 19:30 {DASH} 20:00 UTC."
    )
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors == [
        {
            "starts_at": [f"The slot must start within its part “Day 3”, which runs {window}"],
            "ends_at": [f"The slot must end within its part “Day 3”, which runs {window}"],
        }
    ]
    part.refresh_from_db()
    assert part.ends_at == DAY3_START + timedelta(minutes=90)


@pytest.mark.django_db
def test_part_form_ending_before_start_rejected_beside_end(organiser_client):
    session = make_session()
    data = {
        "session": session.pk,
        "kind": Part.Kind.DEBATE,
        "title": "Debate",
        "description": "",
        "room": "",
        "starts_at_0": "2015-11-13",
        "starts_at_1": "12:00:00",
        "ends_at_0": "2015-11-13",
        "ends_at_1": "11:00:00",
        "slots-TOTAL_FORMS": "0",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
    }

    response = organiser_client.post(admin_url(Part, "add"), data)

    assert response.context["adminform"].form.errors == {
        "ends_at": ["The part must end after it starts."]
    }


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
