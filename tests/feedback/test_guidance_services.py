"""The guidance loop's services: answers drafted, published together, versioned; the debate's
running order built from the results, arranged, and its questions moderated."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from feedback import services
from feedback.models import DebateItem, DebateQuestion, IssueAnswer, Rating, Response
from tests.factories import (
    make_coordinator,
    make_issue,
    make_organiser,
    make_output,
    make_session,
    make_sheet,
)

pytestmark = pytest.mark.django_db

OPENED = datetime(2015, 11, 1, tzinfo=UTC)
CLOSED = datetime(2015, 12, 31, tzinfo=UTC)
LATER = datetime(2016, 1, 5, tzinfo=UTC)


@pytest.fixture
def sheet():
    output = make_output(session=make_session(is_current=True), title="Principles")
    for n, title in enumerate(["Access", "Skills", "Privacy"], start=1):
        make_issue(output=output, position=n, title=title)
    return make_sheet(output=output, code="pal", opens_at=OPENED, closes_at=CLOSED)


def issue(sheet, title):
    return sheet.output.issues.get(title=title)


def test_answer_draft_then_publish_then_a_new_version_keeps_the_earlier(sheet):
    coordinator = make_coordinator(sheet.output.coalition)
    access = issue(sheet, "Access")

    services.answer_draft_save(
        issue=access, user=coordinator, decision="clarify", reply="We will reword it.", at=LATER
    )
    services.answer_draft_save(
        issue=access, user=coordinator, decision="rework", reply="Rewritten.", at=LATER
    )
    published = services.answers_publish(output=sheet.output, user=coordinator, at=LATER)
    services.answer_draft_save(issue=access, user=coordinator, decision="keep", reply="", at=LATER)

    rows = list(
        IssueAnswer.objects.filter(issue=access)
        .order_by("version")
        .values_list("version", "decision", "reply", "published_at")
    )
    assert published == 1
    assert rows == [(1, "rework", "Rewritten.", LATER), (2, "keep", "", None)]


@pytest.mark.parametrize(
    ("decision", "reply", "errors"),
    [
        (
            "rework",
            "  ",
            {"reply": ["Say in your own words what the coalition will do about this issue."]},
        ),
        ("maybe", "Hm.", {"decision": ["Choose one of the decisions."]}),
        ("drop", "x" * 2001, {"reply": ["The reply can be at most 2000 characters long."]}),
    ],
)
def test_answer_bad_input_stores_nothing(sheet, decision, reply, errors):
    with pytest.raises(ValidationError) as refused:
        services.answer_draft_save(
            issue=issue(sheet, "Access"),
            user=make_organiser(),
            decision=decision,
            reply=reply,
        )

    assert refused.value.message_dict == errors
    assert IssueAnswer.objects.count() == 0


def test_several_drafts_are_saved_all_or_none_and_the_refused_issue_is_named(sheet):
    organiser = make_organiser()
    access, skills, privacy = (issue(sheet, title) for title in ("Access", "Skills", "Privacy"))

    with pytest.raises(services.AnswerRefused) as refused:
        services.answer_drafts_save(
            user=organiser,
            changes=[(access, "keep", ""), (skills, "rework", " "), (privacy, "drop", "Gone.")],
        )
    stored_after_the_refusal = IssueAnswer.objects.count()
    saved = services.answer_drafts_save(
        user=organiser, changes=[(access, "keep", ""), (privacy, "drop", "Gone.")]
    )

    assert refused.value.issue == skills
    assert stored_after_the_refusal == 0
    assert refused.value.message_dict == {
        "reply": ["Say in your own words what the coalition will do about this issue."]
    }
    assert saved == 2
    assert sorted(IssueAnswer.objects.values_list("issue__title", "decision")) == [
        ("Access", "keep"),
        ("Privacy", "drop"),
    ]


def test_answer_coordinators_wait_for_the_sheet_to_close_unless_allowed(sheet):
    coordinator = make_coordinator(sheet.output.coalition)
    other = make_coordinator(make_output().coalition)
    during = datetime(2015, 11, 20, tzinfo=UTC)

    def may(user, at):
        try:
            services.answer_draft_save(
                issue=issue(sheet, "Skills"), user=user, decision="keep", reply="", at=at
            )
        except PermissionDenied:
            return False
        return True

    before = (may(coordinator, during), may(other, LATER), may(make_organiser(), during))
    sheet.answers_before_closing = True
    sheet.save()

    assert before == (False, False, True)
    assert may(coordinator, during) is True


def test_publish_with_nothing_drafted_says_so(sheet):
    with pytest.raises(ValidationError) as refused:
        services.answers_publish(output=sheet.output, user=make_organiser())

    assert refused.value.messages == ["There is no draft answer to publish."]


def rate(sheet, title, marks: str, n=1):
    """``n`` responses giving ``title`` each mark in ``marks`` (e.g. "5511")."""
    for mark in marks * n:
        response = Response.objects.create(
            sheet=sheet, respondent_hash=f"{Response.objects.count():064x}"
        )
        Rating.objects.create(
            response=response, issue=issue(sheet, title), mark="confusion" if mark == "?" else mark
        )


def test_debate_suggestions_divided_then_unclear_then_sent_most_contested_first(sheet):
    organiser = make_organiser()
    rate(sheet, "Access", "5511", n=3)  # divided: controversy 1.0
    rate(sheet, "Skills", "555?", n=3)  # unclear: 25 % Confusion
    rate(sheet, "Privacy", "5554", n=3)  # supported, but the coalition sends it to the debate
    services.answer_draft_save(
        issue=issue(sheet, "Privacy"), user=organiser, decision="debate", reply="Let us talk."
    )
    services.answers_publish(output=sheet.output, user=organiser)

    suggested = [each.title for each in services.debate_suggestions(sheet.output.session)]
    added = services.debate_start_from_suggestions(session=sheet.output.session, user=organiser)
    again = services.debate_start_from_suggestions(session=sheet.output.session, user=organiser)

    assert suggested == ["Access", "Skills", "Privacy"]
    assert (added, again) == (3, 0)
    assert list(
        DebateItem.objects.order_by("position").values_list("position", "issue__title")
    ) == [(1, "Access"), (2, "Skills"), (3, "Privacy")]


def test_debate_suggestions_leave_out_outputs_that_are_not_final(sheet):
    rate(sheet, "Access", "5511", n=3)  # divided
    sheet.output.status = "wip"
    sheet.output.save(update_fields=["status"])

    assert services.debate_suggestions(sheet.output.session) == []


def test_debate_items_move_remove_and_run_one_at_a_time(sheet):
    organiser = make_organiser()
    session = sheet.output.session
    items = [
        services.debate_item_add(session=session, issue=issue(sheet, title), user=organiser)
        for title in ("Access", "Skills", "Privacy")
    ]

    services.debate_item_move(item=items[2], user=organiser, direction="up")
    services.debate_item_remove(item=items[0], user=organiser)
    services.debate_item_start(item=items[1], user=organiser)
    services.debate_item_start(item=items[2], user=organiser)

    rows = DebateItem.objects.order_by("position").values_list(
        "position", "issue__title", "is_current"
    )
    assert list(rows) == [(1, "Privacy", True), (2, "Skills", False)]


def test_debate_questions_only_while_an_item_runs_and_public_once_accepted(sheet):
    organiser = make_organiser()
    session = sheet.output.session
    with pytest.raises(ValidationError) as nothing_on:
        services.debate_question_submit(session=session, text="Why?")
    item = services.debate_item_add(session=session, issue=issue(sheet, "Access"), user=organiser)
    services.debate_item_start(item=item, user=organiser)

    question = services.debate_question_submit(session=session, text="  Who pays?  ")
    services.debate_question_moderate(question=question, user=organiser, status="accepted")

    assert nothing_on.value.message_dict == {
        "text": ["No debate item is being discussed now: questions open with the next."]
    }
    stored = DebateQuestion.objects.get()
    assert (stored.text, stored.status, stored.moderated_by) == ("Who pays?", "accepted", organiser)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Write your question or comment."),
        ("x" * 501, "A question can be at most 500 characters long."),
    ],
)
def test_debate_question_bad_input_stores_nothing(sheet, text, message):
    organiser = make_organiser()
    item = services.debate_item_add(
        session=sheet.output.session, issue=issue(sheet, "Access"), user=organiser
    )
    services.debate_item_start(item=item, user=organiser)

    with pytest.raises(ValidationError) as refused:
        services.debate_question_submit(session=sheet.output.session, text=text)

    assert refused.value.message_dict == {"text": [message]}
    assert DebateQuestion.objects.count() == 0


def test_debate_changes_are_for_organisers_only(sheet):
    coordinator = make_coordinator(sheet.output.coalition)

    with pytest.raises(PermissionDenied):
        services.debate_item_add(
            session=sheet.output.session, issue=issue(sheet, "Access"), user=coordinator
        )
    assert DebateItem.objects.count() == 0
