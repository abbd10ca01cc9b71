"""Many people submitting at once: exactly the expected rows, never a duplicate (PostgreSQL)."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connection, connections

from feedback import services
from feedback.models import Rating, Response
from feedback.respondent import token_hash
from tests.factories import make_issue, make_output, make_session, make_sheet

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need PostgreSQL; SQLite serialises writers (.ci/run runs these)",
    ),
]


def _sheet_with_issues(count):
    output = make_output(session=make_session())
    issues = [make_issue(output=output, position=n) for n in range(count)]
    return make_sheet(output=output, opens_at=datetime(2015, 1, 1, tzinfo=UTC)), issues


def _run_together(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def runner(index):
        try:
            barrier.wait(timeout=30)
            work(index)
        except Exception as exc:  # collected and asserted below, so none is swallowed
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_fifty_people_submitting_at_once_store_fifty_responses():
    sheet, issues = _sheet_with_issues(5)

    def submit(index):
        services.response_submit(
            sheet=sheet,
            respondent_hash=token_hash(f"person-{index}"),
            answers={issue.pk: (str(1 + index % 5), "") for issue in issues},
            profile={"stakeholder_group": "civil_society"},
        )

    errors = _run_together(50, submit)

    assert errors == []
    assert Response.objects.filter(sheet=sheet).count() == 50
    assert Rating.objects.filter(response__sheet=sheet).count() == 250
    assert Rating.objects.filter(mark="5").count() == 50


def test_twenty_resubmissions_of_one_token_store_one_response():
    sheet, issues = _sheet_with_issues(4)
    same = token_hash("one-person-many-clicks")

    def submit(index):
        services.response_submit(
            sheet=sheet,
            respondent_hash=same,
            answers={issue.pk: ("3", f"try {index}") for issue in issues},
            profile={},
        )

    errors = _run_together(20, submit)

    assert errors == []
    assert Response.objects.filter(sheet=sheet).count() == 1
    ratings = list(Rating.objects.filter(response__sheet=sheet).values_list("issue_id", "mark"))
    assert sorted(ratings) == [(issue.pk, "3") for issue in issues]
    assert len(set(Rating.objects.values_list("comment", flat=True))) == 1
