from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from feedback.models import RatingSheet
from feedback.permissions import (
    can_see_exact_results,
    can_see_sheet_results,
    sheets_with_visible_results,
)
from tests.factories import make_coordinator, make_response, make_sheet, make_user

pytestmark = pytest.mark.django_db

DURING = datetime(2015, 11, 12, 20, 0, tzinfo=UTC)
CLOSES = datetime(2015, 12, 31, tzinfo=UTC)
AFTER = datetime(2016, 1, 2, tzinfo=UTC)
Visibility = RatingSheet.ResultsVisibility


@pytest.mark.parametrize(
    "visibility,who,at,expected",
    [
        (Visibility.AFTER_SUBMIT, "stranger", DURING, False),
        (Visibility.AFTER_SUBMIT, "respondent", DURING, True),
        (Visibility.AFTER_SUBMIT, "stranger", AFTER, True),
        (Visibility.AFTER_SUBMIT, "staff", DURING, True),
        (Visibility.AFTER_CLOSE, "respondent", DURING, False),
        (Visibility.AFTER_CLOSE, "stranger", AFTER, True),
        (Visibility.STAFF_ONLY, "respondent", AFTER, False),
        (Visibility.STAFF_ONLY, "staff", DURING, True),
    ],
)
def test_can_see_sheet_results_role_matrix(visibility, who, at, expected):
    sheet = make_sheet(closes_at=CLOSES, results_visibility=visibility)
    make_response(sheet=sheet, respondent_hash="r" * 64)
    user = make_user(is_staff=True) if who == "staff" else AnonymousUser()
    respondent_hash = "r" * 64 if who == "respondent" else None

    assert can_see_sheet_results(user, sheet, respondent_hash, at=at) is expected


@pytest.mark.parametrize(
    "visibility", [Visibility.AFTER_SUBMIT, Visibility.AFTER_CLOSE, Visibility.STAFF_ONLY]
)
def test_coordinators_see_their_own_sheets_results_at_any_time_not_others(visibility):
    sheet = make_sheet(closes_at=CLOSES, results_visibility=visibility)
    other = make_sheet(closes_at=CLOSES, results_visibility=visibility)
    coordinator = make_coordinator(sheet.output.coalition)

    seen = (
        can_see_sheet_results(coordinator, sheet, None, at=DURING),
        can_see_sheet_results(coordinator, other, None, at=DURING),
        can_see_exact_results(coordinator, sheet),
        can_see_exact_results(coordinator, other),
    )

    assert seen == (True, False, True, False)


@pytest.mark.parametrize("who", ["stranger", "respondent", "coordinator", "staff"])
def test_sheets_with_visible_results_is_the_predicate_for_many_sheets(
    who, django_assert_num_queries
):
    open_sent = make_sheet(code="sent", closes_at=CLOSES)
    open_unsent = make_sheet(code="unsent", closes_at=CLOSES)
    closed = make_sheet(code="closed", closes_at=datetime(2015, 11, 12, 12, tzinfo=UTC))
    kept = make_sheet(code="kept", closes_at=CLOSES, results_visibility=Visibility.STAFF_ONLY)
    make_response(sheet=open_sent, respondent_hash="r" * 64)
    user = {
        "stranger": AnonymousUser,
        "respondent": AnonymousUser,
        "coordinator": lambda: make_coordinator(kept.output.coalition),
        "staff": lambda: make_user(is_staff=True),
    }[who]()
    respondent_hash = "r" * 64 if who == "respondent" else None
    sheets = [open_sent, open_unsent, closed, kept]
    for sheet in sheets:
        sheet.output.coalition  # noqa: B018 (joined beforehand, as the pages do)

    one_by_one = [
        sheet.code
        for sheet in sheets
        if can_see_sheet_results(user, sheet, respondent_hash, DURING)
    ]
    # The sheets the respondent sent: one query (a coordinator's coalitions are read once per
    # user, already by the loop above).
    with django_assert_num_queries(1 if who == "respondent" else 0):
        together = sheets_with_visible_results(user, respondent_hash, sheets, at=DURING)

    assert [sheet.code for sheet in together] == one_by_one
    assert (
        one_by_one
        == {
            "stranger": ["closed"],
            "respondent": ["sent", "closed"],
            "coordinator": ["closed", "kept"],
            "staff": ["sent", "unsent", "closed", "kept"],
        }[who]
    )
