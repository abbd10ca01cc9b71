"""The coalition's published answers on the public output page: the latest version with its date
and decision, earlier versions readable, drafts never shown; a fixed number of queries."""

from datetime import UTC, datetime

import pytest

from feedback.models import IssueAnswer
from tests.factories import make_issue
from tests.feedback.answers_helpers import answers_sheet, role_client
from tests.feedback.results_helpers import has_class, page, text

pytestmark = pytest.mark.django_db

# The output page's 5 and the published answers (tests/coalitions too).
PUBLIC_OUTPUT_QUERIES = 6

# The session is in João Pessoa (UTC-3): 10:00 UTC is shown as 07:00.
FIRST = datetime(2015, 12, 2, 10, 0, tzinfo=UTC)
SECOND = datetime(2015, 12, 9, 10, 0, tzinfo=UTC)


def answers_on_page(response) -> dict[str, dict]:
    found = {}
    for item in page(response).xpath(f"//ol[{has_class('issue-list')}]/li"):
        title = text(item.xpath(f".//*[{has_class('issue-title')}]")[0])
        head = item.xpath(f".//*[{has_class('issue-answer-head')}]")
        found[title] = {
            "head": text(head[0]) if head else None,
            "reply": [text(p) for p in item.xpath(f".//*[{has_class('issue-answer-reply')}]")],
            "earlier": [text(v) for v in item.xpath(f".//*[{has_class('issue-answer-version')}]")],
        }
    return found


def test_output_page_shows_the_latest_published_answer_and_earlier_versions(session):
    sheet = answers_sheet(session)
    access = sheet.output.issues.get(title="Access")
    skills = sheet.output.issues.get(title="Skills")
    IssueAnswer.objects.create(
        issue=access, version=1, decision="clarify", reply="We will reword it.", published_at=FIRST
    )
    IssueAnswer.objects.create(
        issue=access, version=2, decision="rework", reply="Rewritten.", published_at=SECOND
    )
    IssueAnswer.objects.create(issue=access, version=3, decision="drop", reply="Secret draft.")
    IssueAnswer.objects.create(issue=skills, version=1, decision="keep", reply="Draft only.")

    response = role_client("anonymous", None)[0].get(sheet.output.get_absolute_url())

    assert response.status_code == 200
    assert answers_on_page(response) == {
        "Access": {
            "head": "The coalition's answer: Rework published 9 December 2015",
            "reply": ["Rewritten."],
            "earlier": ["Clarify the wording — 2 December 2015, 07:00 We will reword it."],
        },
        "Skills": {"head": None, "reply": [], "earlier": []},
        "Privacy": {"head": None, "reply": [], "earlier": []},
    }
    assert "Secret draft." not in response.content.decode()
    assert "Draft only." not in response.content.decode()
    summary = page(response).xpath(f"//details[{has_class('issue-answer-earlier')}]/summary")
    assert [text(s) for s in summary] == ["1 earlier version"]


def test_published_answer_html_is_escaped(session):
    sheet = answers_sheet(session)
    access = sheet.output.issues.get(title="Access")
    IssueAnswer.objects.create(
        issue=access, version=1, decision="drop", reply="<script>x</script>", published_at=FIRST
    )
    body = role_client("anonymous", None)[0].get(sheet.output.get_absolute_url()).content
    assert b"<script>x</script>" not in body
    assert b"&lt;script&gt;x&lt;/script&gt;" in body


@pytest.mark.parametrize("n", [1, 15])
def test_output_page_queries_do_not_grow_with_answers(session, django_assert_num_queries, n):
    sheet = answers_sheet(session)
    for k in range(n):
        issue = make_issue(output=sheet.output, position=10 + k, title=f"Extra {k}")
        for version in (1, 2):
            IssueAnswer.objects.create(
                issue=issue, version=version, decision="keep", reply="", published_at=FIRST
            )
    client = role_client("anonymous", None)[0]
    with django_assert_num_queries(PUBLIC_OUTPUT_QUERIES):
        client.get(sheet.output.get_absolute_url())
