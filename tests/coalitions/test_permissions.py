from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from coalitions import permissions
from coalitions.services import issue_is_protected
from feedback.services import sheet_save
from tests.factories import (
    make_coordinator,
    make_issue,
    make_rating,
    make_response,
    make_sheet,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "other coordinator", "coordinator", "staff", "superuser"]


def _user(role, coalition, other_coalition):
    return {
        "anonymous": lambda: AnonymousUser(),
        "outsider": lambda: make_user(),
        "other coordinator": lambda: make_coordinator(other_coalition),
        "coordinator": lambda: make_coordinator(coalition),
        "staff": lambda: make_user(is_staff=True),
        "superuser": lambda: make_user(is_superuser=True),
    }[role]()


@pytest.mark.parametrize(
    "role,expected",
    zip(ROLES, [False, False, False, True, True, True], strict=True),
)
def test_can_manage_coalition_role_matrix(coalition, other_coalition, role, expected):
    user = _user(role, coalition, other_coalition)

    assert permissions.can_manage_coalition(user, coalition) is expected
    assert permissions.can_edit_coalition(user, coalition) is expected
    assert permissions.can_view_join_requests(user, coalition) is expected


@pytest.mark.parametrize(
    "role,expected",
    zip(ROLES, [False, False, False, True, True, True], strict=True),
)
def test_can_upload_and_preview_role_matrix(output, other_coalition, role, expected):
    user = _user(role, output.coalition, other_coalition)

    assert permissions.can_upload_output_version(user, output) is expected
    assert permissions.can_edit_output(user, output) is expected
    assert permissions.can_preview_rating_sheet(user, output) is expected


@pytest.mark.parametrize(
    "role,before,after",
    [
        ("anonymous", False, False),
        ("outsider", False, False),
        ("other coordinator", False, False),
        ("coordinator", True, False),
        ("staff", True, True),
        ("superuser", True, True),
    ],
)
def test_can_declare_output_status_role_matrix_around_the_deadline(
    output, other_coalition, role, before, after
):
    user = _user(role, output.coalition, other_coalition)
    output.session.declaration_deadline = timezone.now() + timedelta(hours=1)
    allowed_before = permissions.can_declare_output_status(user, output)
    output.session.declaration_deadline = timezone.now() - timedelta(hours=1)
    allowed_after = permissions.can_declare_output_status(user, output)

    assert (allowed_before, allowed_after) == (before, after)


@pytest.mark.parametrize(
    "role,before,after",
    [
        ("anonymous", False, False),
        ("outsider", False, False),
        ("other coordinator", False, False),
        ("coordinator", True, False),
        ("staff", True, True),
        ("superuser", True, True),
    ],
)
def test_can_change_issues_role_matrix_around_the_sheet_opening(
    output, other_coalition, role, before, after
):
    user = _user(role, output.coalition, other_coalition)
    sheet = make_sheet(output=output, opens_at=timezone.now() + timedelta(hours=1))
    allowed_before = permissions.can_change_issues(user, output)
    sheet.opens_at = datetime(2015, 11, 1, tzinfo=UTC)
    sheet_save(sheet=sheet)
    output.refresh_from_db()
    allowed_after = permissions.can_change_issues(user, output)

    assert (allowed_before, allowed_after) == (before, after)


def test_issue_is_protected_once_it_has_a_rating_even_a_withdrawn_one(output, organiser):
    issue = make_issue(output=output)
    other = make_issue(output=output)
    sheet = make_sheet(output=output)
    before = issue_is_protected(issue)
    make_rating(response=make_response(sheet=sheet, withdrawn_at=timezone.now()), issue=issue)

    assert (before, issue_is_protected(issue), issue_is_protected(other)) == (False, True, False)
    assert permissions.can_hide_issue(organiser, issue) is True


def test_coordinated_coalitions_are_read_once_per_user(
    coalition, other_coalition, coordinator, django_assert_num_queries
):
    with django_assert_num_queries(1):
        results = [
            permissions.can_manage_coalition(coordinator, coalition),
            permissions.can_manage_coalition(coordinator, other_coalition),
            permissions.can_manage_coalition(coordinator, coalition),
        ]

    assert results == [True, False, True]


def test_inactive_staff_is_not_an_organiser(db):
    assert permissions.is_organiser(make_user(is_staff=True, is_active=False)) is False
