"""The organisers' review of declarations: accept, send back with a note, a new declaration waits
again; only accepted declarations get their Day 3 slot and their rating sheet."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from coalitions.models import DeclarationReview, Output
from coalitions.permissions import can_review_declaration
from coalitions.services import (
    declaration_accept,
    declaration_send_back,
    output_status_declare,
)
from feedback.models import RatingSheet
from igfsession.agenda import services as agenda
from igfsession.agenda.models import Part, Slot
from tests.factories import (
    DAY3_START,
    make_coalition,
    make_coordinator,
    make_output,
    make_part,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db

AT = datetime(2015, 11, 2, 12, 0, tzinfo=UTC)


def waiting_output(**fields):
    return make_output(review_state=Output.Review.WAITING, **fields)


def test_declaration_accept_records_who_and_when(organiser):
    output = waiting_output(status=Output.Status.FINAL)

    declaration_accept(output=output, user=organiser, at=AT)

    output.refresh_from_db()
    assert (output.review_state, output.review_note, output.reviewed_by, output.reviewed_at) == (
        "accepted",
        "",
        organiser,
        AT,
    )
    assert list(DeclarationReview.objects.values_list("output", "status", "action", "note")) == [
        (output.pk, "final", "accepted", "")
    ]


def test_declaration_send_back_keeps_the_note(organiser):
    output = waiting_output(status=Output.Status.WORK_IN_PROGRESS)

    declaration_send_back(output=output, user=organiser, note="  Add a summary.  ", at=AT)

    output.refresh_from_db()
    assert (output.review_state, output.review_note, output.reviewed_at) == (
        "sent_back",
        "Add a summary.",
        AT,
    )
    assert list(DeclarationReview.objects.values_list("action", "note", "reviewed_by")) == [
        ("sent_back", "Add a summary.", organiser.pk)
    ]


@pytest.mark.parametrize("note", ["", "   ", None])
def test_declaration_send_back_without_a_note_is_refused(organiser, note):
    output = waiting_output(status=Output.Status.FINAL)

    with pytest.raises(ValidationError) as error:
        declaration_send_back(output=output, user=organiser, note=note)

    assert error.value.message_dict == {
        "note": ["Tell the coalition what to change: the note is shown in its portal."]
    }
    output.refresh_from_db()
    assert (output.review_state, DeclarationReview.objects.count()) == ("waiting", 0)


@pytest.mark.parametrize("action", ["accept", "send back"])
def test_declaration_review_by_a_non_organiser_is_refused(coalition, action):
    output = waiting_output(coalition=coalition, status=Output.Status.FINAL)
    coordinator = make_coordinator(coalition)

    with pytest.raises(PermissionDenied):
        if action == "accept":
            declaration_accept(output=output, user=coordinator)
        else:
            declaration_send_back(output=output, user=coordinator, note="No.")

    output.refresh_from_db()
    assert (output.review_state, DeclarationReview.objects.count()) == ("waiting", 0)


def test_declaration_review_of_a_draft_is_refused(organiser):
    output = waiting_output(status=Output.Status.DRAFT)

    with pytest.raises(ValidationError) as error:
        declaration_accept(output=output, user=organiser)

    assert error.value.messages == ["This output is a draft: there is no declaration to review."]
    assert DeclarationReview.objects.count() == 0


@pytest.mark.parametrize(
    "role,expected",
    [("anonymous", False), ("outsider", False), ("coordinator", False), ("staff", True)],
)
def test_can_review_declaration_role_matrix(coalition, role, expected):
    output = make_output(coalition=coalition)
    user = {
        "anonymous": AnonymousUser,
        "outsider": make_user,
        "coordinator": lambda: make_coordinator(coalition),
        "staff": lambda: make_user(is_staff=True),
    }[role]()

    assert can_review_declaration(user, output) is expected


@pytest.mark.parametrize("reviewed", ["accepted", "sent_back"])
def test_a_new_declaration_waits_again(coalition, reviewed):
    output = make_output(coalition=coalition, status=Output.Status.WORK_IN_PROGRESS)
    Output.objects.filter(pk=output.pk).update(review_state=reviewed)
    output.refresh_from_db()
    coordinator = make_coordinator(coalition)

    output_status_declare(output=output, user=coordinator, status=Output.Status.FINAL)

    output.refresh_from_db()
    assert (output.status, output.review_state) == ("final", "waiting")


def test_declaring_the_same_status_after_a_send_back_waits_again(coalition, organiser):
    output = waiting_output(coalition=coalition, status=Output.Status.FINAL)
    declaration_send_back(output=output, user=organiser, note="Fix the title.")

    output_status_declare(
        output=output, user=make_coordinator(coalition), status=Output.Status.FINAL
    )

    output.refresh_from_db()
    assert output.review_state == "waiting"


def test_declaring_the_same_status_again_keeps_an_acceptance(coalition, organiser):
    output = make_output(coalition=coalition, status=Output.Status.FINAL)

    output_status_declare(
        output=output, user=make_coordinator(coalition), status=Output.Status.FINAL
    )

    output.refresh_from_db()
    assert output.review_state == "accepted"


def _session_with_built_slots():
    """A session whose presentations part organisers filled from the declarations (one
    accepted final output), so that the agenda follows later declarations."""
    session = make_session()
    part = make_part(
        session=session,
        kind=Part.Kind.PRESENTATIONS,
        starts_at=DAY3_START,
        ends_at=DAY3_START + timedelta(minutes=60),
    )
    make_output(session=session, coalition=make_coalition(name="DC Alpha"))
    agenda.slots_build_from_declarations(session=session)
    return session, part


def _presenting(part):
    return list(
        part.slots.filter(kind=Slot.Kind.PRESENTATION)
        .order_by("starts_at")
        .values_list("coalition__name", flat=True)
    )


def test_slot_and_sheet_appear_only_once_the_declaration_is_accepted(organiser):
    session, part = _session_with_built_slots()
    output = waiting_output(
        session=session, coalition=make_coalition(name="DC Bravo"), status="wip"
    )

    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)
    before = (_presenting(part), RatingSheet.objects.filter(output=output).count())
    declaration_accept(output=output, user=organiser)

    assert before == (["DC Alpha"], 0)
    assert (_presenting(part), RatingSheet.objects.filter(output=output).count()) == (
        ["DC Alpha", "DC Bravo"],
        1,
    )


def test_sending_back_an_accepted_declaration_takes_its_slot_away(organiser):
    session, part = _session_with_built_slots()
    output = Output.objects.get(session=session)

    declaration_send_back(output=output, user=organiser, note="The file is missing.")

    assert _presenting(part) == []
