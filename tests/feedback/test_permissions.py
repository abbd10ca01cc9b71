from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from feedback.models import RatingSheet
from feedback.permissions import can_see_sheet_results
from tests.factories import make_response, make_sheet, make_user

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
