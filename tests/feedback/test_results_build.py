"""The results built from the database: counted responses only, hidden issues for those who may
see them, breakdown cells with small ones suppressed in public, fixed queries."""

from datetime import UTC, datetime, timedelta

import pytest

from feedback.models import Rating, Response
from feedback.results.build import compute, present, result_sheets
from feedback.results.queries import Period, session_periods
from tests.factories import (
    make_issue,
    make_organiser,
    make_output,
    make_part,
    make_session,
    make_sheet,
)

pytestmark = pytest.mark.django_db

DAY3 = datetime(2015, 11, 12, 19, 30, tzinfo=UTC)  # 16:30 in João Pessoa
DAY4 = datetime(2015, 11, 13, 13, 0, tzinfo=UTC)


@pytest.fixture
def session():
    session = make_session(is_current=True)
    make_part(session=session, starts_at=DAY3, ends_at=DAY3 + timedelta(minutes=90))
    make_part(session=session, starts_at=DAY4, ends_at=DAY4 + timedelta(minutes=90))
    return session


@pytest.fixture
def sheet(session):
    output = make_output(session=session, title="Principles")
    for n, title in enumerate(["Access", "Skills", "Privacy"], start=1):
        make_issue(output=output, position=n, title=title, is_hidden=title == "Privacy")
    return make_sheet(output=output, code="pal")


def respond(sheet, marks: dict[str, str], n=1, **profile):
    """``n`` counted responses giving ``marks`` ({issue title: mark}), in bulk."""
    issues = {issue.title: issue for issue in sheet.output.issues.all()}
    start = Response.objects.count()
    responses = Response.objects.bulk_create(
        [Response(sheet=sheet, respondent_hash=f"{start + i:064x}", **profile) for i in range(n)]
    )
    Rating.objects.bulk_create(
        [
            # The response's stakeholder group, as the services copy it.
            Rating(
                response=response,
                issue=issues[title],
                mark=mark,
                stakeholder_group=response.stakeholder_group,
            )
            for response in responses
            for title, mark in marks.items()
        ]
    )
    return responses


def by_title(result):
    return {item.issue.title: item for item in result.issues}


def test_results_count_only_counted_responses_and_say_what_was_skipped(session, sheet):
    respond(sheet, {"Access": "5", "Skills": "confusion"}, n=3, stakeholder_group="academia")
    respond(sheet, {"Access": "2"}, n=1, stakeholder_group="media")
    withdrawn = respond(sheet, {"Access": "1", "Skills": "1"}, n=2)
    Response.objects.filter(pk__in=[r.pk for r in withdrawn]).update(withdrawn_at=DAY4)

    (result,) = compute(session, result_sheets(session))

    issues = by_title(result)
    assert result.respondents == 4
    assert {title: item.stats["marks"] for title, item in issues.items()} == {
        "Access": 4,
        "Skills": 3,
        "Privacy": 0,
    }
    assert (issues["Access"].stats["strong_agreement"], issues["Access"].stats["disagreement"]) == (
        3,
        1,
    )
    assert (issues["Skills"].stats["confusion"], issues["Skills"].stats["skipped"]) == (3, 1)
    assert issues["Skills"].stats["mean"] is None  # Confusion never enters a number
    assert issues["Privacy"].stats["skipped"] == 4


def test_results_hidden_issue_is_for_exact_viewers_only(session, sheet):
    respond(sheet, {"Access": "4", "Privacy": "4"}, n=2)

    (result,) = compute(session, result_sheets(session))

    assert [item.issue.title for item in present(result, exact=True).issues] == [
        "Access",
        "Skills",
        "Privacy",
    ]
    assert [item.issue.title for item in present(result, exact=False).issues] == [
        "Access",
        "Skills",
    ]
    assert by_title(present(result, exact=True))["Privacy"].stats["agreement"] == 2


def test_results_balance_reads_the_stakeholder_groups(session, sheet):
    respond(sheet, {"Access": "5"}, n=5, stakeholder_group="government")
    respond(sheet, {"Access": "2"}, n=5, stakeholder_group="civil_society")
    respond(sheet, {"Access": "5"}, n=20)  # no group given: left out of the balance

    (result,) = compute(session, result_sheets(session))

    stats = by_title(result)["Access"].stats
    assert (
        stats["agreement_pct"],
        stats["balanced_agreement_pct"],
        stats["groups_for_balance"],
    ) == (
        83.33333333333333,
        50.0,
        2,
    )


def test_results_breakdown_cells_every_value_with_small_ones_suppressed_in_public(session, sheet):
    respond(sheet, {"Access": "5"}, n=6, stakeholder_group="academia", attendance="room")
    typist = make_organiser()
    respond(
        sheet,
        {"Access": "1"},
        n=2,
        stakeholder_group="government",
        channel="paper",
        entered_by=typist,
    )

    (result,) = compute(session, result_sheets(session), breakdowns=True)
    exact = by_title(present(result, exact=True))["Access"].breakdowns
    public = by_title(present(result, exact=False))["Access"].breakdowns

    def shown(cells):
        return {cell.value: (cell.respondents, cell.suppressed) for cell in cells}

    assert shown(exact["stakeholder_group"]) == {
        "government": (2, False),
        "intergovernmental": (0, False),
        "civil_society": (0, False),
        "private_sector": (0, False),
        "technical": (0, False),
        "academia": (6, False),
        "media": (0, False),
        "other": (0, False),
        "": (0, False),
    }
    assert shown(public["stakeholder_group"]) == {
        "government": (None, True),
        "intergovernmental": (None, True),
        "civil_society": (None, True),
        "private_sector": (None, True),
        "technical": (None, True),
        "academia": (6, False),
        "media": (None, True),
        "other": (None, True),
        "": (None, True),
    }
    assert [cell.stats for cell in public["stakeholder_group"] if cell.suppressed] == [None] * 8
    academia = next(cell for cell in exact["stakeholder_group"] if cell.value == "academia")
    assert (academia.label, academia.stats["strong_agreement"], academia.stats["marks"]) == (
        "Academia",
        6,
        6,
    )
    assert shown(exact["attendance"]) == {"room": (6, False), "remote": (0, False), "": (2, False)}
    assert shown(exact["channel"]) == {"online": (6, False), "paper": (2, False)}


def test_results_periods_before_during_after_in_venue_time(session, sheet):
    periods = session_periods(session)
    midnight = datetime(2015, 11, 14, 3, 0, tzinfo=UTC)  # the end of 13 Nov in João Pessoa
    respond(sheet, {"Access": "5"}, n=5, filled_in_at=DAY3 - timedelta(seconds=1))
    respond(sheet, {"Access": "4"}, n=3, filled_in_at=DAY3)
    respond(sheet, {"Access": "3"}, n=2, filled_in_at=midnight - timedelta(seconds=1))
    respond(sheet, {"Access": "2"}, n=1, filled_in_at=midnight)

    (result,) = compute(session, result_sheets(session), breakdowns=True)

    assert (periods.starts_at, periods.ends_at) == (DAY3, midnight)
    cells = by_title(result)["Access"].breakdowns["period"]
    assert [(cell.value, cell.respondents, cell.stats["mean"]) for cell in cells] == [
        (Period.BEFORE, 5, 5.0),
        (Period.DURING, 5, 3.6),
        (Period.AFTER, 1, 2.0),
    ]


@pytest.mark.parametrize("responses", [10, 1000])
@pytest.mark.parametrize(("breakdowns", "queries"), [(False, 3), (True, 13)])
def test_results_queries_are_fixed_whatever_the_number_of_responses(
    session, sheet, django_assert_num_queries, responses, breakdowns, queries
):
    second = make_sheet(output=make_output(session=session), code="irpc")
    make_issue(output=second.output, title="Universality")
    respond(sheet, {"Access": "4", "Skills": "5"}, n=responses // 2, stakeholder_group="media")
    respond(second, {"Universality": "2"}, n=responses // 2, region="weog")
    sheets = result_sheets(session)

    # Without breakdowns: the marks per issue and group (from the ratings alone), those of the
    # withdrawn responses to take away, the respondents per sheet. With them: also the session's
    # parts, the marks per cell of the four other breakdowns and the respondents per cell of
    # each of the five.
    with django_assert_num_queries(queries):
        results = compute(session, sheets, breakdowns=breakdowns)

    assert [result.respondents for result in results] == [responses // 2, responses // 2]


def test_results_sheets_are_the_sessions_with_their_issues_in_two_queries(
    session, sheet, django_assert_num_queries
):
    make_sheet(output=make_output(session=make_session()), code="other-year")
    make_organiser()

    with django_assert_num_queries(2):
        sheets = result_sheets(session)
        titles = [[issue.title for issue in s.output.result_issues] for s in sheets]

    assert titles == [["Access", "Skills", "Privacy"]]
