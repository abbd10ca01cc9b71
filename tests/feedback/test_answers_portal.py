"""The coalition's answers in its portal: one form for every issue, drafts saved only where
changed, published together, discarded one by one; who may write them; bad input stores nothing
and keeps what was typed."""

from datetime import UTC, datetime

import pytest

from feedback.models import IssueAnswer
from tests.factories import make_coalition, make_issue, make_output
from tests.feedback.answers_helpers import (
    ROLES,
    answers_post,
    answers_sheet,
    issues_of,
    role_client,
    url,
)
from tests.feedback.results_helpers import has_class, page, text

pytestmark = pytest.mark.django_db

# The output's portal page, answers panel included, whatever the number of issues and answers.
# Each with one for the header's user menu (the coalitions the coordinator coordinates).
PORTAL_QUERIES = 17
ANSWERS_PAGE_QUERIES = 12  # the answers form on its own page


def rows():
    """(issue, version, decision, reply, is a draft) of every answer stored."""
    return sorted(
        (answer.issue.title, answer.version, answer.decision, answer.reply, not answer.published_at)
        for answer in IssueAnswer.objects.select_related("issue")
    )


@pytest.fixture
def sheet(session):
    return answers_sheet(session)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("other coordinator", 403),
        ("coordinator", 302),
        ("organiser", 302),
    ],
)
def test_who_may_save_answers(sheet, role, status):
    client, _user = role_client(role, sheet.output.coalition)
    response = client.post(
        url("answers", sheet.output), answers_post(sheet.output, {"Access": ("keep", "")})
    )
    assert response.status_code == status
    saved = [("Access", 1, "keep", "", True)] if role in ("coordinator", "organiser") else []
    assert rows() == saved
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_publish_and_discard(sheet, role):
    access = issues_of(sheet.output)["Access"]
    IssueAnswer.objects.create(issue=access, version=1, decision="drop", reply="Gone.")
    client, _user = role_client(role, sheet.output.coalition)
    allowed = role in ("coordinator", "organiser")
    publish = client.post(url("answers-publish", sheet.output))
    assert publish.status_code == (302 if allowed or role == "anonymous" else 403)
    assert rows() == [("Access", 1, "drop", "Gone.", not allowed)]
    if allowed:
        IssueAnswer.objects.create(issue=access, version=2, decision="keep", reply="")
    discard = client.post(url("answer-discard", sheet.output, pk=access.pk))
    assert discard.status_code == (302 if allowed or role == "anonymous" else 403)
    assert rows() == [("Access", 1, "drop", "Gone.", not allowed)]


def test_coordinator_cannot_answer_before_the_sheet_closes(session):
    sheet = answers_sheet(session, closed=False)
    client, _user = role_client("coordinator", sheet.output.coalition)
    response = client.post(
        url("answers", sheet.output), answers_post(sheet.output, {"Access": ("keep", "")})
    )
    assert response.status_code == 403
    assert rows() == []
    portal = client.get(url("manage-output", sheet.output))
    section = page(portal).get_element_by_id("answers")
    assert text(section.xpath(f".//*[{has_class('read-only-reason')}]")[0]) == (
        "The coalition can answer the feedback once the organisers close the rating sheet."
    )
    assert not section.xpath(".//form")


def test_answers_before_closing_when_organisers_allow_it(session):
    sheet = answers_sheet(session, closed=False, answers_before_closing=True)
    client, _user = role_client("coordinator", sheet.output.coalition)
    response = client.post(
        url("answers", sheet.output), answers_post(sheet.output, {"Access": ("keep", "")})
    )
    assert response.status_code == 302
    assert rows() == [("Access", 1, "keep", "", True)]


def test_save_drafts_then_publish_then_a_new_version(sheet):
    client, _user = role_client("coordinator", sheet.output.coalition)
    output = sheet.output
    saved = client.post(
        url("answers", output),
        answers_post(output, {"Access": ("clarify", "We will reword it."), "Skills": ("keep", "")}),
    )
    assert saved.status_code == 302
    assert saved["Location"] == f"{url('manage-output', output)}#answers"
    assert rows() == [
        ("Access", 1, "clarify", "We will reword it.", True),
        ("Skills", 1, "keep", "", True),
    ]
    published = client.post(url("answers-publish", output), follow=True)
    assert "2 answers were published." in text(page(published).get_element_by_id("main"))
    assert IssueAnswer.objects.drafts().count() == 0

    # The form starts from the published answers: sending them unchanged saves nothing.
    again = {"Access": ("clarify", "We will reword it."), "Skills": ("keep", "")}
    client.post(url("answers", output), answers_post(output, again))
    assert IssueAnswer.objects.count() == 2

    again["Access"] = ("rework", "Rewritten from scratch.")
    client.post(url("answers", output), answers_post(output, again))
    assert rows() == [
        ("Access", 1, "clarify", "We will reword it.", False),
        ("Access", 2, "rework", "Rewritten from scratch.", True),
        ("Skills", 1, "keep", "", False),
    ]
    portal = client.get(url("manage-output", output))
    drafts = page(portal).xpath(f"//ul[{has_class('answer-drafts')}]/li")
    assert [text(item) for item in drafts] == [
        "Access: Rework Discard the draft : Access",
    ]
    discard = client.post(url("answer-discard", output, pk=issues_of(output)["Access"].pk))
    assert discard.status_code == 302
    assert rows() == [
        ("Access", 1, "clarify", "We will reword it.", False),
        ("Skills", 1, "keep", "", False),
    ]


def test_publish_without_drafts_says_so(sheet):
    client, _user = role_client("coordinator", sheet.output.coalition)
    response = client.post(url("answers-publish", sheet.output), follow=True)
    assert "There is no draft answer to publish." in text(page(response).get_element_by_id("main"))


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"Skills": ("rework", "   ")},
            "reply",
            "Say in your own words what the coalition will do about this issue.",
        ),
        ({"Skills": ("maybe", "Hm.")}, "decision", "Choose one of the decisions."),
        (
            {"Skills": ("drop", "x" * 2001)},
            "reply",
            "The reply can be at most 2000 characters long.",
        ),
        ({"Skills": ("", "A reply alone.")}, "decision", "Choose a decision for this reply."),
    ],
)
def test_bad_answer_stores_nothing_and_keeps_what_was_typed(sheet, answers, field, message):
    client, _user = role_client("coordinator", sheet.output.coalition)
    output = sheet.output
    typed = {"Access": ("clarify", "Typed and kept."), **answers}
    response = client.post(url("answers", output), answers_post(output, typed))
    assert response.status_code == 400
    assert rows() == []
    skills = issues_of(output)["Skills"]
    html = page(response)
    error = html.get_element_by_id(f"id_{field}_{skills.pk}-error")
    assert text(error) == message
    widget = html.get_element_by_id(f"id_{field}_{skills.pk}")
    assert widget.get("aria-describedby") == f"id_{field}_{skills.pk}-error"
    access = issues_of(output)["Access"]
    assert (
        html.get_element_by_id(f"id_reply_{access.pk}").text_content().strip() == "Typed and kept."
    )
    assert html.get_element_by_id(f"id_decision_{access.pk}").value == "clarify"


def test_answers_page_shows_the_form(sheet):
    client, _user = role_client("coordinator", sheet.output.coalition)
    response = client.get(url("answers", sheet.output))
    assert response.status_code == 200
    legends = [text(legend) for legend in page(response).xpath("//fieldset/legend")]
    assert legends == ["1. Access", "2. Skills", "3. Privacy"]


@pytest.mark.parametrize("n", [1, 12])
def test_portal_output_page_queries_are_fixed(session, django_assert_num_queries, n):
    sheet = answers_sheet(session)
    for k in range(n):
        issue = make_issue(output=sheet.output, position=10 + k, title=f"Extra {k}")
        IssueAnswer.objects.create(
            issue=issue, version=1, decision="keep", reply="", published_at=sheet.closes_at
        )
        IssueAnswer.objects.create(issue=issue, version=2, decision="drop", reply="Draft.")
    client, _user = role_client("coordinator", sheet.output.coalition)
    client.get(url("manage-output", sheet.output))  # sessions, caches warmed
    with django_assert_num_queries(PORTAL_QUERIES):
        response = client.get(url("manage-output", sheet.output))
    assert response.status_code == 200


def test_portal_says_when_answering_opens(session):
    sheet = answers_sheet(session, closed=False)
    sheet.closes_at = datetime(2035, 12, 31, 18, 0, tzinfo=UTC)
    sheet.save()
    client, _user = role_client("coordinator", sheet.output.coalition)
    section = page(client.get(url("manage-output", sheet.output))).get_element_by_id("answers")
    assert text(section.xpath(f".//*[{has_class('read-only-reason')}]")[0]) == (
        "The coalition can answer the feedback once the rating sheet closes, on "
        "31 December 2035, 15:00 (America/Fortaleza)."
    )


def test_portal_without_a_sheet_says_answers_need_one(session):
    output = make_output(session=session, coalition=make_coalition(slug="dc-x"), slug="draft")
    client, _user = role_client("coordinator", output.coalition)
    section = page(client.get(url("manage-output", output))).get_element_by_id("answers")
    assert text(section) == (
        "The coalition's answers to the feedback The coalition answers the feedback once the "
        "output has a rating sheet and it has closed."
    )


def test_an_issue_of_another_output_cannot_be_discarded(session, sheet):
    other = answers_sheet(session, closed=True, coalition_slug="dc-other")
    elsewhere = other.output.issues.get(title="Access")
    IssueAnswer.objects.create(issue=elsewhere, version=1, decision="drop", reply="Kept.")
    client, _user = role_client("coordinator", sheet.output.coalition)
    response = client.post(url("answer-discard", sheet.output, pk=elsewhere.pk))
    assert response.status_code == 404
    assert IssueAnswer.objects.filter(issue=elsewhere).count() == 1


@pytest.mark.parametrize("n", [1, 12])
def test_answers_page_queries_are_fixed(session, django_assert_num_queries, n):
    sheet = answers_sheet(session)
    for k in range(n):
        issue = make_issue(output=sheet.output, position=10 + k, title=f"Extra {k}")
        IssueAnswer.objects.create(
            issue=issue, version=1, decision="keep", reply="", published_at=sheet.closes_at
        )
    client, _user = role_client("coordinator", sheet.output.coalition)
    client.get(url("answers", sheet.output))
    with django_assert_num_queries(ANSWERS_PAGE_QUERIES):
        assert client.get(url("answers", sheet.output)).status_code == 200
