"""Every results page asks the database a fixed number of times whatever the number of
responses: the same literal at 10 and at 1,000 responses (counted with the results not cached
yet; within RESULTS_FRESH_SECONDS a page reads them from the cache with fewer queries)."""

import pytest
from django.test import Client

from tests.factories import make_coalition, make_coordinator, make_organiser, make_session
from tests.feedback.results_helpers import respond, respondent_client, results_sheet

pytestmark = pytest.mark.django_db

SIZES = [10, 1000]


@pytest.fixture
def sheets():
    """Two closed sheets of the current session (public results) with ``n`` responses each."""
    session = make_session(is_current=True)
    coalition = make_coalition(name="DC on Libraries", acronym="DC-PAL", slug="dc-pal")
    pal = results_sheet(session, code="pal", titles=("Access", "Skills", "Privacy"), closed=True)
    pal.output.coalition = coalition
    pal.output.save()
    other = results_sheet(session, code="irpc", titles=("Rights",), closed=True)
    return pal, other


def _fill(sheets, n):
    pal, other = sheets
    groups = ["civil_society", "government", "academia", ""]
    for index, group in enumerate(groups):
        respond(
            pal,
            {"Access": "5", "Skills": str(1 + index), "Privacy": "confusion"},
            n=n // len(groups),
            comments={"Access": "Yes.", "Skills": "Hm."},
            stakeholder_group=group,
            overall_comment="Thanks.",
        )
    respond(other, {"Rights": "4"}, n=n)


def _visitor(who, pal):
    if who == "respondent":
        client, token = respondent_client("me")
        respond(pal, {"Access": "4"}, hashes=[token])
        return client
    client = Client()
    if who == "organiser":
        client.force_login(make_organiser())
    elif who == "coordinator":
        client.force_login(make_coordinator(pal.output.coalition))
    return client


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize(("who", "queries"), [("anonymous", 6), ("respondent", 7)])
def test_results_overview_queries_are_fixed(sheets, django_assert_num_queries, n, who, queries):
    _fill(sheets, n)
    visitor = _visitor(who, sheets[0])

    # The current session (the footer's too); the sheets, their issues; the marks, those of
    # withdrawn responses to take away, the respondents (the withheld list reads the same results
    # from the cache); a respondent: the sheets they sent.
    with django_assert_num_queries(queries):
        response = visitor.get("/feedback/results/")

    assert len(response.context["rows"]) == 4


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize(
    ("who", "queries"),
    # Logged in: one more for the header's user menu (the coalitions the user coordinates). An
    # organiser: two more for what looks scripted (feedback.integrity: responses, their marks).
    [("anonymous", 19), ("respondent", 22), ("coordinator", 23), ("organiser", 24)],
)
def test_results_sheet_page_queries_are_fixed(sheets, django_assert_num_queries, n, who, queries):
    _fill(sheets, n)
    visitor = _visitor(who, sheets[0])

    # The sheet; the session's sheets and their issues; its parts (for the periods); marks and
    # respondents in total and per breakdown, and the withdrawn responses' marks to take away
    # (13); the comments, the overall comments; the footer's session. A respondent: whether
    # they sent it (twice: the page's check and the results' list) and their own marks; signed
    # in: the session and the user, and a coordinator's coalitions.
    with django_assert_num_queries(queries):
        response = visitor.get("/feedback/results/pal/")

    assert response.context["result"].respondents == n // 4 * 4 + (who == "respondent")


@pytest.mark.parametrize("n", SIZES)
def test_results_projector_queries_are_fixed(sheets, django_assert_num_queries, n):
    _fill(sheets, n)
    visitor = _visitor("organiser", sheets[0])

    # The session and the user; the current session; the sheets, their issues; marks, withdrawn
    # responses' marks, respondents.
    with django_assert_num_queries(8):
        response = visitor.get("/feedback/results/projector/")

    # Access, Skills, Rights; Privacy has only Confusion marks: no controversy to rank it by.
    assert [row.issue.title for row in response.context["rows"]] == ["Skills", "Access", "Rights"]
