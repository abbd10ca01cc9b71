"""The results are recomputed at most once per 10 s, whatever arrives; what decides who sees
what (a sheet opened or closed, an issue hidden) forgets them at once."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import translation

from coalitions.services import issue_hide
from feedback.results import (
    RESULTS_FRESH_SECONDS,
    forget_session_results,
    session_results,
    visible_results,
)
from feedback.services import sheet_close_now
from tests.factories import (
    make_issue,
    make_organiser,
    make_output,
    make_rating,
    make_response,
    make_session,
    make_sheet,
)

pytestmark = pytest.mark.django_db

T0 = datetime(2015, 11, 12, 21, 0, tzinfo=UTC)


@pytest.fixture
def sheet():
    output = make_output(session=make_session(is_current=True))
    make_issue(output=output, title="Access")
    return make_sheet(output=output, code="pal")


def rate(sheet, mark="5"):
    make_rating(response=make_response(sheet=sheet), issue=sheet.output.issues.get(), mark=mark)


def marks(results):
    return [item.stats["marks"] for result in results for item in result.issues]


def test_results_repeat_within_ten_seconds_from_the_cache_without_a_query(
    sheet, django_assert_num_queries
):
    rate(sheet)
    with time_machine.travel(T0, tick=False):
        first = session_results(sheet.output.session)
    rate(sheet)

    with time_machine.travel(T0 + timedelta(seconds=9), tick=False), django_assert_num_queries(0):
        again = session_results(sheet.output.session)
    with time_machine.travel(T0 + timedelta(seconds=RESULTS_FRESH_SECONDS), tick=False):
        later = session_results(sheet.output.session)

    assert (marks(first), marks(again), marks(later)) == ([1], [1], [2])


def test_results_stale_copy_served_while_another_request_recomputes(sheet):
    session = sheet.output.session
    rate(sheet)
    with time_machine.travel(T0, tick=False):
        session_results(session)
    rate(sheet)
    cache.add(f"results:v1:{session.pk}:0:overview:all:lock", 1)

    with time_machine.travel(T0 + timedelta(seconds=30), tick=False):
        served = session_results(session)

    assert marks(served) == [1]


def test_results_sheet_closed_forgets_the_cached_results(sheet, django_capture_on_commit_callbacks):
    session = sheet.output.session
    respondent = make_response(sheet=sheet, respondent_hash="r" * 64)
    make_rating(response=respondent, issue=sheet.output.issues.get())
    session_results(session)

    with django_capture_on_commit_callbacks(execute=True):
        sheet_close_now(sheets=[sheet])

    # A stranger sees the results of a closed sheet at once, not 10 s later.
    assert [v.sheet.code for v in visible_results(AnonymousUser(), None, session)] == ["pal"]


def test_results_issue_hidden_forgets_the_cached_results(sheet, django_capture_on_commit_callbacks):
    session = sheet.output.session
    session_results(session)

    with django_capture_on_commit_callbacks(execute=True):
        issue_hide(issue=sheet.output.issues.get(), user=make_organiser())

    (result,) = session_results(session)
    assert [item.hidden for item in result.issues] == [True]


def test_results_forget_drops_every_kind(sheet, django_assert_num_queries):
    session = sheet.output.session
    session_results(session)
    session_results(session, breakdowns=True, codes=["pal"])

    forget_session_results(session.pk)

    # Recomputed: the sheets with their issues, then the marks, those of withdrawn responses and
    # the respondents; and with breakdowns, also the session's parts and the marks and
    # respondents per cell of the others.
    with django_assert_num_queries(5):
        session_results(session)
    with django_assert_num_queries(15):
        session_results(session, breakdowns=True, codes=["pal"])


def test_results_of_some_sheets_are_computed_and_kept_apart(sheet):
    other = make_sheet(output=make_output(session=sheet.output.session), code="irpc")
    make_issue(output=other.output, title="Universality")

    some = session_results(sheet.output.session, breakdowns=True, codes=["irpc"])
    everything = session_results(sheet.output.session, breakdowns=True)

    assert [r.sheet.code for r in some] == ["irpc"]
    assert sorted(r.sheet.code for r in everything) == ["irpc", "pal"]


def test_results_cached_labels_are_shown_in_each_readers_language(sheet, django_assert_num_queries):
    with translation.override("fr"):
        (first,) = session_results(sheet.output.session, breakdowns=True)
        french = str(first.respondent_cells["stakeholder_group"][0].label)
    with translation.override("es"), django_assert_num_queries(0):  # from the cache
        (again,) = session_results(sheet.output.session, breakdowns=True)
        spanish = str(again.respondent_cells["stakeholder_group"][0].label)

    assert (french, spanish) == ("Gouvernement", "Gobierno")
