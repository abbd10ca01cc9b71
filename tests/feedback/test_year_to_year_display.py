"""Year to year: an issue derived from an earlier session's shows, on the output page and in the
report, that issue's figures beside this year's and the coalition's earlier answer — as the
visitor may see them — in a fixed number of queries."""

from datetime import UTC, datetime

import pytest

from feedback.models import IssueAnswer
from tests.factories import make_issue, make_session
from tests.feedback.answers_helpers import answers_sheet, role_client
from tests.feedback.results_helpers import Visibility, has_class, page, rate, results_sheet, text

pytestmark = pytest.mark.django_db

REPORT = "/coalitions/dc-pal/report/"
PUBLISHED = datetime(2015, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def years(session):
    """2015's sheet (closed, public) and this year's, whose Access is redrafted from 2015's."""
    current = answers_sheet(session)
    earlier_session = make_session(year=2015, slug="igf-2015", name="IGF 2015")
    before = results_sheet(
        earlier_session,
        code="pal15",
        titles=("Access then", "Other"),
        closed=True,
        visibility=Visibility.AFTER_CLOSE,
        coalition=current.output.coalition,
        title="Principles 2015",
    )
    then = before.output.issues.get(title="Access then")
    rate(before, "Access then", (4, 3, 0, 0, 2, 3))  # 12 marks: 7 of 9 agree, 3 confused
    IssueAnswer.objects.create(
        issue=then,
        version=1,
        decision="clarify",
        reply="We will reword it.",
        published_at=PUBLISHED,
    )
    access = current.output.issues.get(title="Access")
    access.derived_from = then
    access.save()
    rate(current, "Access", (10, 3, 2, 0, 0, 1))  # 16 marks: 13 of 15 agree, 1 confused
    return current, before


def year_to_year(html) -> list[str]:
    return [text(block) for block in html.xpath(f"//*[{has_class('year-to-year')}]")]


def test_output_page_shows_last_years_figures_and_answer(years):
    current, _before = years
    response = role_client("anonymous", None)[0].get(current.output.get_absolute_url())
    assert year_to_year(page(response)) == [
        "Derived from an issue of IGF 2015: Access then "
        "agreement 78% → 87%, confusion 25% → 6% "
        "The coalition's answer then (2 December 2015): Clarify the wording. We will reword it."
    ]


def test_report_shows_last_years_figures_and_answer(years):
    response = role_client("anonymous", None)[0].get(REPORT)
    assert year_to_year(page(response)) == [
        "Derived from an issue of IGF 2015: Access then "
        "agreement 78% → 87%, confusion 25% → 6% "
        "The coalition's answer then (2 December 2015): Clarify the wording. We will reword it."
    ]


def test_this_years_figures_withheld_shows_last_years_only(session, years):
    current, _before = years
    current.closes_at = None
    current.save()
    response = role_client("participant", None)[0].get(current.output.get_absolute_url())
    assert year_to_year(page(response)) == [
        "Derived from an issue of IGF 2015: Access then "
        "agreement then 78%, confusion then 25% "
        "The coalition's answer then (2 December 2015): Clarify the wording. We will reword it."
    ]


def test_last_years_figures_kept_back_by_the_same_rule(years):
    current, before = years
    before.results_visibility = Visibility.STAFF_ONLY
    before.save()
    shown = year_to_year(page(role_client("anonymous", None)[0].get(REPORT)))
    assert shown == [
        "Derived from an issue of IGF 2015: Access then "
        "The coalition's answer then (2 December 2015): Clarify the wording. We will reword it."
    ]
    coordinator = role_client("coordinator", current.output.coalition)[0]
    assert "agreement 78% → 87%" in year_to_year(page(coordinator.get(REPORT)))[0]


def test_an_issue_derived_within_the_same_session_shows_nothing(session, years):
    current, _before = years
    skills = current.output.issues.get(title="Skills")
    skills.derived_from = current.output.issues.get(title="Privacy")
    skills.save()
    response = role_client("anonymous", None)[0].get(current.output.get_absolute_url())
    assert len(year_to_year(page(response))) == 1


@pytest.mark.parametrize("n", [1, 10])
def test_year_to_year_queries_are_fixed(years, django_assert_num_queries, n):
    current, before = years
    for k in range(n):
        then = make_issue(output=before.output, position=10 + k, title=f"Then {k}")
        IssueAnswer.objects.create(
            issue=then, version=1, decision="keep", reply="", published_at=PUBLISHED
        )
        make_issue(output=current.output, position=10 + k, title=f"Now {k}", derived_from=then)
    client = role_client("anonymous", None)[0]
    # The earlier issues, their sheets, the earlier session's results (cached after the first
    # request), their answers; the output page also reads this year's sheet and results.
    for url, queries in ((current.output.get_absolute_url(), 10), (REPORT, 9)):
        client.get(url)
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert len(year_to_year(page(response))) == n + 1
