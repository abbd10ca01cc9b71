"""Many people submitting at once: exactly the expected rows, never a duplicate (PostgreSQL).

Every thread must finish within ``JOIN_TIMEOUT``: a hung one fails its test instead of hanging
the run. The helper's own tests need no database and run everywhere.
"""

import threading
import time
from datetime import UTC, datetime

import pytest
from django.db import connection, connections

from feedback import services
from feedback.models import Rating, Response
from feedback.respondent import token_hash
from tests.factories import make_issue, make_output, make_session, make_sheet

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL; SQLite serialises writers (.ci/run runs these)",
)

# Seconds for all the threads together to finish: a hung one fails its test, the run goes on.
JOIN_TIMEOUT = 60


def _sheet_with_issues(count):
    output = make_output(session=make_session())
    issues = [make_issue(output=output, position=n) for n in range(count)]
    return make_sheet(output=output, opens_at=datetime(2015, 1, 1, tzinfo=UTC)), issues


def _run_together(count, work, *, timeout=JOIN_TIMEOUT):
    """Run ``work(0)`` … ``work(count - 1)`` in ``count`` threads released at once; the
    exceptions they raised. Every thread must have finished within ``timeout`` seconds:
    one still running fails the test (a daemon thread, so it cannot hold up the run's exit)."""
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

    threads = [
        threading.Thread(target=runner, args=(n,), name=f"worker-{n}", daemon=True)
        for n in range(count)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    for thread in threads:
        assert not thread.is_alive(), f"{thread.name} still running after {timeout} s"
    return errors


def test_run_together_returns_what_the_threads_raised():
    def work(index):
        if index == 1:
            raise ValueError(f"worker {index} failed")

    errors = _run_together(3, work, timeout=10)

    assert [repr(error) for error in errors] == ["ValueError('worker 1 failed')"]


def test_run_together_with_a_thread_still_running_after_the_timeout_fails():
    release = threading.Event()

    def work(index):
        if index == 2:
            release.wait(timeout=30)

    try:
        with pytest.raises(AssertionError) as hung:
            _run_together(3, work, timeout=0.5)
    finally:
        release.set()

    assert str(hung.value).splitlines()[0] == "worker-2 still running after 0.5 s"


@postgresql_only
@pytest.mark.django_db(transaction=True)
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


@postgresql_only
@pytest.mark.django_db(transaction=True)
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
