"""Nothing a participant marked is ever lost: hidden issues keep their ratings.

A resubmitted sheet (online) and a corrected paper sheet replace only the ratings of the issues
the sheet shows now; a rating given to an issue that was hidden since stays exactly as it was,
and counts again once the issue is shown again. Run on SQLite and on PostgreSQL (.ci/run).
"""

from datetime import UTC, datetime

import pytest
from django.db.models import Count

from coalitions.services import issue_hide, issue_show
from feedback import services
from feedback.models import Rating, Response
from tests.factories import make_issue, make_organiser, make_output, make_session, make_sheet

pytestmark = pytest.mark.django_db

OPENED = datetime(2015, 11, 1, tzinfo=UTC)


@pytest.fixture
def organiser():
    return make_organiser(username="secretariat")


@pytest.fixture
def sheet():
    output = make_output(session=make_session(is_current=True), title="Principles")
    for n in (1, 2, 3):
        make_issue(output=output, position=n, title=f"Principle {n}")
    return make_sheet(output=output, code="pal", opens_at=OPENED)


def issues(sheet):
    return list(sheet.output.issues.order_by("position"))


def counts(issue) -> dict[str, int]:
    """The issue's marks over the counted responses, as results will count them."""
    rows = (
        Rating.objects.filter(issue=issue, response__in=Response.objects.counted())
        .order_by()
        .values("mark")
        .annotate(n=Count("pk"))
    )
    return {row["mark"]: row["n"] for row in rows}


def marks_of(response) -> dict[str, tuple[str, str]]:
    return {
        rating.issue.title: (rating.mark, rating.comment)
        for rating in response.ratings.select_related("issue")
    }


def test_online_resubmission_keeps_the_rating_of_an_issue_hidden_since(client, sheet, organiser):
    first, second, third = issues(sheet)
    client.post(
        "/feedback/pal/",
        {
            f"mark_{first.pk}": "5",
            f"mark_{second.pk}": "2",
            f"comment_{second.pk}": "Too vague.",
            f"mark_{third.pk}": "4",
        },
    )
    issue_hide(issue=second, user=organiser)

    # The sheet now shows two issues; the participant changes one and leaves one out.
    response = client.post("/feedback/pal/", {f"mark_{first.pk}": "3"})

    stored = Response.objects.get()
    assert response.status_code == 302
    assert marks_of(stored) == {"Principle 1": ("3", ""), "Principle 2": ("2", "Too vague.")}


def test_online_hidden_then_shown_again_the_old_rating_counts_again(client, sheet, organiser):
    first, second, _third = issues(sheet)
    client.post("/feedback/pal/", {f"mark_{first.pk}": "5", f"mark_{second.pk}": "confusion"})
    issue_hide(issue=second, user=organiser)
    client.post("/feedback/pal/", {f"mark_{first.pk}": "4"})

    issue_show(issue=second, user=organiser)
    page = client.get("/feedback/pal/")

    assert counts(second) == {"confusion": 1}
    assert counts(first) == {"4": 1}
    # The participant sees their old mark again on the issue shown again.
    assert page.context["form"].initial[f"mark_{second.pk}"] == "confusion"


def test_service_resubmission_keeps_hidden_issue_rating_and_replaces_shown_ones(sheet, organiser):
    first, second, third = issues(sheet)
    at = datetime(2015, 11, 12, 20, tzinfo=UTC)
    services.response_submit(
        sheet=sheet,
        respondent_hash="a" * 64,
        answers={first.pk: ("5", ""), second.pk: ("1", "No."), third.pk: ("4", "")},
        profile={},
        at=at,
    )
    issue_hide(issue=third, user=organiser)

    response = services.response_submit(
        sheet=sheet, respondent_hash="a" * 64, answers={second.pk: ("2", "")}, profile={}, at=at
    )

    assert marks_of(response) == {"Principle 2": ("2", ""), "Principle 3": ("4", "")}


def test_paper_correction_keeps_the_rating_of_an_issue_hidden_since(sheet, organiser):
    first, second, third = issues(sheet)
    paper = services.paper_response_save(
        sheet=sheet,
        answers={
            first.pk: ("5", ""),
            second.pk: ("confusion", "Which libraries?"),
            third.pk: ("3", ""),
        },
        profile={"stakeholder_group": "academia"},
        entered_by=organiser,
        entry_key="0" * 32,
    )
    issue_hide(issue=second, user=organiser)

    services.paper_response_save(
        sheet=sheet,
        answers={first.pk: ("4", "")},
        profile={"stakeholder_group": "academia"},
        entered_by=organiser,
        response=paper,
    )

    assert marks_of(paper) == {
        "Principle 1": ("4", ""),
        "Principle 2": ("confusion", "Which libraries?"),
    }
    issue_show(issue=second, user=organiser)
    assert counts(second) == {"confusion": 1}


def test_paper_correction_through_the_entry_page_keeps_hidden_issue_rating(
    client, sheet, organiser
):
    first, second, third = issues(sheet)
    client.force_login(organiser)
    client.post(
        "/feedback/pal/enter/",
        {f"mark_{first.pk}": "5", f"mark_{second.pk}": "1", f"mark_{third.pk}": "2"},
    )
    paper = Response.objects.get(channel="paper")
    issue_hide(issue=second, user=organiser)

    response = client.post(f"/feedback/pal/enter/{paper.pk}/", {f"mark_{first.pk}": "4"})

    assert response.status_code == 302
    assert marks_of(paper) == {"Principle 1": ("4", ""), "Principle 2": ("1", "")}


@pytest.mark.parametrize(
    ("opens_at", "closes_at"),
    [
        (None, None),  # not open yet: no opening time
        (datetime(2015, 11, 20, tzinfo=UTC), None),  # not open yet: opens later
        (OPENED, datetime(2015, 11, 12, tzinfo=UTC)),  # closed
    ],
    ids=["no-opening-time", "opens-later", "closed"],
)
def test_submission_service_refuses_a_sheet_that_is_not_open(sheet, opens_at, closes_at):
    sheet.opens_at, sheet.closes_at = opens_at, closes_at
    services.sheet_save(sheet=sheet)
    first = issues(sheet)[0]

    with pytest.raises(services.SheetNotOpen):
        services.response_submit(
            sheet=sheet,
            respondent_hash="b" * 64,
            answers={first.pk: ("5", "")},
            profile={"stakeholder_group": "media"},
            at=datetime(2015, 11, 13, tzinfo=UTC),
        )

    assert (Response.objects.count(), Rating.objects.count()) == (0, 0)


def test_paper_entry_service_still_takes_sheets_typed_in_after_closing(sheet, organiser):
    sheet.closes_at = datetime(2015, 11, 12, tzinfo=UTC)
    services.sheet_save(sheet=sheet)
    first = issues(sheet)[0]

    paper = services.paper_response_save(
        sheet=sheet,
        answers={first.pk: ("5", "")},
        profile={},
        entered_by=organiser,
        at=datetime(2015, 11, 14, tzinfo=UTC),
    )

    assert (paper.channel, paper.created_at, marks_of(paper)) == (
        "paper",
        datetime(2015, 11, 14, tzinfo=UTC),
        {"Principle 1": ("5", "")},
    )


def test_every_rating_carries_its_responses_stakeholder_group_after_a_change(sheet, organiser):
    first, second, _third = issues(sheet)
    services.response_submit(
        sheet=sheet,
        respondent_hash="c" * 64,
        answers={first.pk: ("5", ""), second.pk: ("4", "")},
        profile={"stakeholder_group": "academia"},
    )
    issue_hide(issue=second, user=organiser)

    response = services.response_submit(
        sheet=sheet,
        respondent_hash="c" * 64,
        answers={first.pk: ("3", "")},
        profile={"stakeholder_group": "media"},
    )

    # The hidden issue's rating too: the results' balance reads the group from each rating.
    assert sorted(response.ratings.values_list("issue__title", "stakeholder_group")) == [
        ("Principle 1", "media"),
        ("Principle 2", "media"),
    ]
