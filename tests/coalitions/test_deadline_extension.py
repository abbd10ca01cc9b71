"""Organisers give one coalition more time to declare: its output's "declaration deadline
extended to" beats the session's deadline for that output only (permission, service, messages,
the portal's dates)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from coalitions.models import Output
from coalitions.permissions import can_declare_output_status
from coalitions.services import declaration_closed_message, output_status_declare
from tests.coalitions.test_one_write_path import inline_data
from tests.factories import make_coordinator, make_output

pytestmark = pytest.mark.django_db

DEADLINE = datetime(2015, 10, 20, 15, 0, tzinfo=UTC)
EXTENDED = datetime(2015, 10, 27, 15, 0, tzinfo=UTC)
BETWEEN = datetime(2015, 10, 23, 12, 0, tzinfo=UTC)
AFTER = datetime(2015, 10, 28, 12, 0, tzinfo=UTC)


@pytest.fixture
def deadline(session):
    session.declaration_deadline = DEADLINE
    session.save()
    return session


@pytest.fixture
def extended(output, deadline):
    output.declaration_deadline_extended_to = EXTENDED
    output.save()
    return output


@pytest.fixture
def others(deadline, other_coalition):
    return make_output(coalition=other_coalition, session=deadline, status="draft")


def test_with_the_extension_ahead_the_coalition_declares_after_the_session_deadline(
    extended, coordinator
):
    assert can_declare_output_status(coordinator, extended, at=BETWEEN) is True

    output_status_declare(output=extended, user=coordinator, status="final", at=BETWEEN)

    extended.refresh_from_db()
    assert (extended.status, extended.status_changed_at, extended.review_state) == (
        "final",
        BETWEEN,
        "waiting",
    )


def test_other_coalitions_cannot_declare_after_the_session_deadline(
    extended, others, other_coordinator
):
    assert can_declare_output_status(other_coordinator, others, at=BETWEEN) is False

    with pytest.raises(ValidationError) as error:
        output_status_declare(output=others, user=other_coordinator, status="final", at=BETWEEN)

    assert error.value.message_dict == {
        "status": [
            "The declaration deadline passed on 20 October 2015, 12:00 (America/Fortaleza). "
            "Declarations are read-only now; write to the organisers if your output's status "
            "must change."
        ]
    }
    others.refresh_from_db()
    assert others.status == "draft"


def test_after_the_extension_the_coalition_cannot_declare_and_is_told_its_own_deadline(
    extended, coordinator
):
    with pytest.raises(ValidationError) as error:
        output_status_declare(output=extended, user=coordinator, status="final", at=AFTER)

    assert error.value.message_dict["status"] == [
        "The declaration deadline passed on 27 October 2015, 12:00 (America/Fortaleza). "
        "Declarations are read-only now; write to the organisers if your output's status "
        "must change."
    ]
    assert (
        declaration_closed_message(extended.session, output=extended)
        == (error.value.message_dict["status"][0])
    )


@pytest.mark.parametrize(
    "extension,expected",
    [
        (None, DEADLINE),
        (EXTENDED, EXTENDED),
        (DEADLINE - timedelta(days=1), DEADLINE),  # earlier than the session's: no effect
    ],
)
def test_output_declaration_deadline_is_the_later_of_the_two(output, deadline, extension, expected):
    output.declaration_deadline_extended_to = extension

    assert output.declaration_deadline == expected
    assert output.declarations_open(at=DEADLINE - timedelta(seconds=1)) is True


def test_a_session_without_a_deadline_stays_open_whatever_the_extension(output):
    output.declaration_deadline_extended_to = EXTENDED

    assert (output.declaration_deadline, output.declarations_open(at=AFTER)) == (None, True)


@pytest.mark.parametrize(
    "role,expected", [("coordinator", True), ("other coordinator", False), ("organiser", True)]
)
def test_can_declare_with_an_extension_role_matrix(extended, other_coalition, role, expected):
    user = {
        "coordinator": lambda: make_coordinator(extended.coalition),
        "other coordinator": lambda: make_coordinator(other_coalition),
        "organiser": lambda: make_coordinator(other_coalition, is_staff=True),
    }[role]()

    assert can_declare_output_status(user, extended, at=BETWEEN) is expected


def test_the_portal_says_declare_by_the_extended_deadline(coordinator_client, extended):
    page = coordinator_client.get("/coalitions/dc-pal/manage/").content.decode()

    assert "by 27 October 2015, 12:00 (America/Fortaleza)" in page
    assert "20 October 2015" not in page


def test_the_admin_edits_the_extension_in_the_venue_time(organiser_client, output, deadline):
    data = inline_data(output, [], declaration_deadline_extended_to_0="2015-10-27")
    data["declaration_deadline_extended_to_1"] = "12:00:00"  # in João Pessoa: 15:00 UTC

    response = organiser_client.post(f"/admin/coalitions/output/{output.pk}/change/", data)

    assert response.status_code == 302
    output.refresh_from_db()
    assert output.declaration_deadline_extended_to == EXTENDED
    assert Output.objects.get(pk=output.pk).status == "draft"


def test_the_admin_change_page_shows_the_review_and_the_extension_in_venue_time(
    organiser_client, extended
):
    Output.objects.filter(pk=extended.pk).update(status="final", review_state="sent_back")

    page = organiser_client.get(f"/admin/coalitions/output/{extended.pk}/change/")

    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="/admin/coalitions/output/{extended.pk}/review-declaration/"' in html
    assert 'value="12:00:00"' in html  # 15:00 UTC, shown at the venue
    assert "In the venue's time zone: America/Fortaleza." in html
