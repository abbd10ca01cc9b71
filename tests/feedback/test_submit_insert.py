"""A first submission is one INSERT; one that meets the respondent's own earlier response (a
double click that lost the race) updates that one instead (response_submit)."""

from datetime import UTC, datetime

import pytest
from django.db.models import QuerySet

from feedback import services
from feedback.models import Rating, Response
from feedback.respondent import token_hash
from tests.factories import make_issue, make_output, make_session, make_sheet

pytestmark = pytest.mark.django_db


def _sheet_with_issues(count):
    output = make_output(session=make_session())
    issues = [make_issue(output=output, position=n) for n in range(count)]
    return make_sheet(output=output, opens_at=datetime(2015, 1, 1, tzinfo=UTC)), issues


def _submit(sheet, issues, mark, group):
    return services.response_submit(
        sheet=sheet,
        respondent_hash=token_hash("double-click"),
        answers={issue.pk: (mark, "") for issue in issues},
        profile={"stakeholder_group": group},
    )


def test_a_submission_that_missed_its_own_earlier_response_updates_it(monkeypatch):
    sheet, issues = _sheet_with_issues(3)
    first = _submit(sheet, issues, "5", "academia")
    real_get, missed = QuerySet.get, []

    def get_that_misses_once(self, *args, **kwargs):
        # As if the other submission committed between this one's look-up and its INSERT.
        if self.model is Response and not missed:
            missed.append(kwargs)
            raise Response.DoesNotExist
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "get", get_that_misses_once)
    second = _submit(sheet, issues, "2", "technical")

    assert len(missed) == 1
    assert second.pk == first.pk
    assert list(Response.objects.values_list("pk", "stakeholder_group")) == [
        (first.pk, "technical")
    ]
    assert sorted(Rating.objects.values_list("issue_id", "mark", "stakeholder_group")) == [
        (issue.pk, "2", "technical") for issue in issues
    ]
    stored = Response.objects.get()
    assert (stored.created_at, stored.filled_in_at) == (first.created_at, first.filled_in_at)
