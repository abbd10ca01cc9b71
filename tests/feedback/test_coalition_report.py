"""The coalition's feedback report, /coalitions/<slug>/report/: who may open it, what it holds
(respondents, per issue its figures, reading, breakdowns, comments by mark and published answer),
links to it only where it opens, and a fixed number of queries."""

from datetime import UTC, datetime

import pytest

from feedback.models import IssueAnswer
from tests.factories import make_issue, make_session
from tests.feedback.answers_helpers import answers_sheet, role_client
from tests.feedback.results_helpers import (
    Visibility,
    breakdown,
    comments_by_mark,
    has_class,
    page,
    rate,
    respond,
    text,
)

pytestmark = pytest.mark.django_db

REPORT = "/coalitions/dc-pal/report/"
PUBLISHED = datetime(2015, 12, 2, 10, 0, tzinfo=UTC)
WITHHELD_QUERIES = 3  # the coalition, the current session, its sheet


def sections(response) -> dict:
    found = {}
    for section in page(response).xpath(f"//section[{has_class('report-issue')}]"):
        found[text(section.find("h2")).split(". ", 1)[1]] = section
    return found


@pytest.mark.parametrize(
    ("closed", "visibility", "role", "status"),
    [
        (True, Visibility.AFTER_CLOSE, "anonymous", 200),
        (True, Visibility.AFTER_CLOSE, "participant", 200),
        (True, Visibility.AFTER_CLOSE, "other coordinator", 200),
        (True, Visibility.STAFF_ONLY, "anonymous", 200),  # the page saying when, no figure
        (True, Visibility.STAFF_ONLY, "participant", 403),
        (True, Visibility.STAFF_ONLY, "other coordinator", 403),
        (True, Visibility.STAFF_ONLY, "coordinator", 200),
        (True, Visibility.STAFF_ONLY, "organiser", 200),
        (False, Visibility.AFTER_CLOSE, "participant", 403),
        (False, Visibility.AFTER_CLOSE, "coordinator", 200),
        (False, Visibility.AFTER_CLOSE, "organiser", 200),
    ],
)
def test_who_may_open_the_report(session, closed, visibility, role, status):
    sheet = answers_sheet(session, closed=closed, visibility=visibility)
    respond(sheet, {"Access": "5"}, n=3)
    client, _user = role_client(role, sheet.output.coalition)
    response = client.get(REPORT)
    assert response.status_code == status
    shows = bool(page(response).xpath(f"//section[{has_class('report-issue')}]"))
    public = closed and visibility == Visibility.AFTER_CLOSE
    assert shows == (public or role in ("coordinator", "organiser"))


def test_withheld_report_says_when(session):
    answers_sheet(session, closed=False)
    response = role_client("anonymous", None)[0].get(REPORT)
    assert response.status_code == 200
    assert text(page(response).xpath(f"//*[{has_class('withheld-reason')}]")[0]) == (
        "Its results will be shown once the organisers close the sheet."
    )


def test_no_output_with_a_sheet_in_the_current_session_is_404(session):
    sheet = answers_sheet(make_session(year=2015, slug="igf-2015"))
    assert role_client("organiser", sheet.output.coalition)[0].get(REPORT).status_code == 404
    assert role_client("anonymous", None)[0].get("/coalitions/nobody/report/").status_code == 404


def test_report_holds_figures_reading_breakdowns_comments_and_answer(session):
    sheet = answers_sheet(session)
    rate(sheet, "Access", (8, 4, 0, 0, 0, 0), stakeholder_group="civil_society")
    respond(sheet, {"Skills": "confusion"}, n=2, comments={"Skills": "What does it mean?"})
    access = sheet.output.issues.get(title="Access")
    IssueAnswer.objects.create(
        issue=access, version=1, decision="clarify", reply="First.", published_at=PUBLISHED
    )
    IssueAnswer.objects.create(
        issue=access, version=2, decision="keep", reply="", published_at=PUBLISHED
    )
    IssueAnswer.objects.create(issue=access, version=3, decision="drop", reply="A draft.")
    response = role_client("participant", None)[0].get(REPORT)
    assert response.status_code == 200
    found = sections(response)
    assert list(found) == ["Access", "Skills", "Privacy"]
    assert text(found["Access"].xpath(f".//*[{has_class('report-reading')}]")[0]) == (
        "Suggested reading: supported"
    )
    answer = found["Access"].xpath(f".//*[{has_class('issue-answer-head')}]")[0]
    assert text(answer).startswith("The coalition's answer: Keep as is published")
    earlier = found["Access"].xpath(f".//*[{has_class('issue-answer-version')}]")
    assert [text(item.find("p")).split(" — ")[0] for item in earlier] == ["Clarify the wording"]
    assert "A draft." not in text(found["Access"])
    assert text(found["Skills"].xpath(f".//*[{has_class('issue-answer-none')}]")[0]) == (
        "The coalition has not published its answer to this issue yet."
    )
    assert comments_by_mark(found["Skills"]) == {"Confusion (2)": ["What does it mean?"] * 2}
    groups = breakdown(found["Access"], "Stakeholder group")
    assert groups["Civil society"] == ["12", "12", "4.7", "100%", "0%"]
    assert groups["Government"] == ["fewer than 5"]
    html = page(response)
    footer = html.xpath(f"//*[{has_class('print-footer')}]")[0]
    assert text(footer).startswith("http://testserver/coalitions/dc-pal/report/ — ")
    assert html.xpath("//link[@rel='stylesheet']/@href")[-1] == "/static/css/print-report.css"


@pytest.mark.parametrize(
    ("role", "linked"),
    [
        ("anonymous", False),
        ("participant", False),
        ("coordinator", True),
        ("organiser", True),
    ],
)
def test_report_linked_only_where_it_opens(session, role, linked):
    sheet = answers_sheet(session, closed=False)
    client, _user = role_client(role, sheet.output.coalition)
    for url in ("/coalitions/dc-pal/", sheet.output.get_absolute_url()):
        links = page(client.get(url)).xpath(f"//a[@href='{REPORT}']")
        assert bool(links) == linked, url


def test_report_linked_for_everyone_once_public(session):
    sheet = answers_sheet(session)
    client, _user = role_client("anonymous", None)
    for url in ("/coalitions/dc-pal/", sheet.output.get_absolute_url()):
        assert page(client.get(url)).xpath(f"//a[@href='{REPORT}']"), url


@pytest.mark.parametrize("n", [2, 20])
# The results come from the cache (warmed by the first request); the coordinator's page adds the
# session of their login, their coalitions, the hidden issues' figures' permission reads and the
# header's user menu (their coalitions again, for its portal link).
@pytest.mark.parametrize(("role", "queries"), [("anonymous", 6), ("coordinator", 10)])
def test_report_queries_are_fixed(session, django_assert_num_queries, n, role, queries):
    sheet = answers_sheet(session)
    for k in range(n):
        issue = make_issue(output=sheet.output, position=10 + k, title=f"Extra {k}")
        IssueAnswer.objects.create(
            issue=issue, version=1, decision="keep", reply="", published_at=PUBLISHED
        )
        respond(sheet, {f"Extra {k}": "4"}, n=2, comments={f"Extra {k}": "Fine."})
    client, _user = role_client(role, sheet.output.coalition)
    client.get(REPORT)
    with django_assert_num_queries(queries):
        assert client.get(REPORT).status_code == 200


@pytest.mark.parametrize("n", [2, 40])
def test_withheld_report_queries_are_fixed(session, django_assert_num_queries, n):
    sheet = answers_sheet(session, closed=False)
    respond(sheet, {"Access": "4"}, n=n)
    client, _user = role_client("anonymous", None)
    with django_assert_num_queries(WITHHELD_QUERIES):
        assert client.get(REPORT).status_code == 200
