"""Remote participants' questions on the debate item, sent from /agenda/now/: no account, the
sheets' rate limits, nothing public before an organiser accepts it; bad input gets a message
beside the field, what was typed kept, and stores nothing."""

import pytest
from django.test import Client

from feedback import ratelimit, services
from feedback.models import DebateItem, DebateQuestion
from tests.factories import make_session
from tests.feedback.debate_helpers import debate_world
from tests.feedback.results_helpers import page, respondent_client, text

pytestmark = pytest.mark.django_db

URL = "/agenda/now/question/"


@pytest.fixture
def running(db):
    session = make_session(is_current=True)
    _pal, _irpc, organiser = debate_world(session)
    item = DebateItem.objects.get(issue__title="Access")
    services.debate_item_start(item=item, user=organiser)
    return session, item, organiser


def _error(response) -> list[str]:
    return [text(e) for e in page(response).xpath("//*[@id='id_text-error']")]


def _typed(response) -> str:
    areas = page(response).xpath("//textarea[@name='text']")
    return (areas[0].text or "").lstrip("\n") if areas else None


def test_question_sent_waits_for_an_organiser(client, running):
    _session, item, _organiser = running

    response = client.post(URL, {"text": "  Who pays for it?  "})
    after = client.get(response["Location"])

    assert (response.status_code, response["Location"]) == (302, "/agenda/now/?sent=1#debate")
    assert list(DebateQuestion.objects.values_list("item", "text", "status")) == [
        (item.pk, "Who pays for it?", "pending")
    ]
    section = page(after).get_element_by_id("debate")
    assert "Who pays for it?" not in text(section)
    assert "Thank you: your question was sent." in text(section)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Write your question or comment."),
        ("   ", "Write your question or comment."),
        ("x" * 501, "A question can be at most 500 characters long."),
    ],
)
def test_question_bad_input_stores_nothing(client, running, typed, message):
    response = client.post(URL, {"text": typed})

    assert response.status_code == 400
    assert _error(response) == [message]
    assert _typed(response) == typed
    assert DebateQuestion.objects.count() == 0


def test_question_with_no_item_running_stores_nothing(client, running):
    session, _item, organiser = running
    services.debate_stop(session=session, user=organiser)

    response = client.post(URL, {"text": "Too late?"})

    assert response.status_code == 400
    assert [text(e) for e in page(response).xpath("//*[@id='debate']//*[@role='alert']")] == [
        "No debate item is being discussed now: questions open with the next."
    ]
    assert DebateQuestion.objects.count() == 0


def test_question_over_the_rate_limit_stores_nothing(running, settings):
    settings.FEEDBACK_RATE_PER_RESPONDENT = 2
    visitor = Client()

    answers = [visitor.post(URL, {"text": f"Question {n}"}).status_code for n in range(3)]
    refused = visitor.post(URL, {"text": "Another one"})

    assert answers == [302, 302, 429]
    assert refused.status_code == 429
    assert _error(refused) == [
        "Too many questions sent from here in a short time: wait 10 minutes, then try again."
    ]
    assert refused["Retry-After"] == "600"
    assert _typed(refused) == "Another one"
    assert list(DebateQuestion.objects.order_by("pk").values_list("text", flat=True)) == [
        "Question 0",
        "Question 1",
    ]


def test_question_address_ceiling_counts_like_the_sheets(running, settings):
    settings.FEEDBACK_RATE_PER_ADDRESS = 1

    first = Client().post(URL, {"text": "One"})
    second = Client().post(URL, {"text": "Two"})

    assert (first.status_code, second.status_code) == (302, 429)
    assert DebateQuestion.objects.count() == 1


def test_questions_and_sheets_are_counted_apart(running, settings, rf):
    settings.FEEDBACK_RATE_PER_RESPONDENT = 1
    visitor, _hash = respondent_client("my-token")

    first = visitor.post(URL, {"text": "One"})
    sheet_allowed = ratelimit.allow_submission(rf.post("/feedback/pal/"), "my-token")
    second = visitor.post(URL, {"text": "Two"})

    assert (first.status_code, bool(sheet_allowed), second.status_code) == (302, True, 429)
    assert DebateQuestion.objects.count() == 1


def test_question_refuses_get(client, running):
    assert client.get(URL).status_code == 405
