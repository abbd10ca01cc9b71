"""The organisers' slot and part forms: times inside their part, outputs of the right coalition
and session, each error beside its field."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from igfsession.agenda.models import Part, Slot
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
# Organisers type times at the venue: the factories' sessions are in João Pessoa.
VENUE = ZoneInfo("America/Fortaleza")


def typed(moment, fmt):
    """A moment as an organiser types it in the admin: in the venue's time zone."""
    return moment.astimezone(VENUE).strftime(fmt)


# --- The slot form -------------------------------------------------------------------------


def slot_form_data(part, *, starts_at, ends_at, coalition=None, output=None):
    return {
        "part": part.pk,
        "kind": Slot.Kind.PRESENTATION,
        "title": "Presentation",
        "speakers": "",
        "description": "",
        "starts_at_0": typed(starts_at, "%Y-%m-%d"),
        "starts_at_1": typed(starts_at, "%H:%M:%S"),
        "ends_at_0": typed(ends_at, "%Y-%m-%d"),
        "ends_at_1": typed(ends_at, "%H:%M:%S"),
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
        "starts_at_1": "16:30:00",
        "ends_at_0": "2015-11-12",
        "ends_at_1": typed(new_end, "%H:%M:%S"),
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
        "slots-0-starts_at_1": "17:30:00",
        "slots-0-ends_at_0": "2015-11-12",
        "slots-0-ends_at_1": "17:40:00",
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
