"""/agenda/now/ and now.json during the Day 4 debate: the item discussed named (``debate_item``
always present), its accepted questions in order, and validators that move when it changes."""

import pytest

from feedback import services
from feedback.models import DebateItem
from tests.factories import make_session
from tests.feedback.debate_helpers import debate_world
from tests.feedback.results_helpers import has_class, page, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return make_session(is_current=True)


def _start(title, organiser):
    item = DebateItem.objects.get(issue__title=title)
    services.debate_item_start(item=item, user=organiser)
    return item


def test_now_json_debate_item_is_null_then_names_the_item(client, session):
    _pal, _irpc, organiser = debate_world(session)

    before = client.get("/agenda/now.json").json()["debate_item"]
    item = _start("Rights", organiser)
    during = client.get("/agenda/now.json").json()["debate_item"]
    services.debate_stop(session=session, user=organiser)
    after = client.get("/agenda/now.json").json()["debate_item"]

    assert before is None
    assert during == {
        "issue": "Rights",
        "coalition": "Internet Rights and Principles",
        "url": f"http://testserver/feedback/debate/#item-{item.pk}",
    }
    assert after is None


@pytest.mark.parametrize("url", ["/agenda/now.json", "/agenda/now/"])
def test_now_validators_move_when_an_item_starts_stops_or_a_question_is_accepted(
    client, session, url
):
    _pal, _irpc, organiser = debate_world(session)

    def etag():
        response = client.get(url)
        assert response.status_code == 200
        return response["ETag"]

    first = etag()
    item = _start("Access", organiser)
    started = etag()
    question = services.debate_question_submit(session=session, text="Who pays?")
    sent = etag()  # waiting for an organiser: nothing public changed
    services.debate_question_moderate(question=question, user=organiser, status="accepted")
    accepted = etag()
    services.debate_stop(session=session, user=organiser)
    stopped = etag()

    assert len({first, started, accepted, stopped}) == 4
    assert sent == started
    assert client.get(url, HTTP_IF_NONE_MATCH=stopped).status_code == 304
    assert item.pk


def test_now_page_names_the_item_and_shows_accepted_questions_in_order(client, session):
    _pal, _irpc, organiser = debate_world(session)
    _start("Access", organiser)
    texts = ["First sent, accepted second.", "Waiting.", "Second sent, accepted first.", "No."]
    questions = [services.debate_question_submit(session=session, text=t) for t in texts]
    for index, status in ((2, "accepted"), (0, "accepted"), (3, "dismissed")):
        services.debate_question_moderate(question=questions[index], user=organiser, status=status)
    services.debate_question_moderate(question=questions[0], user=organiser, status="answered")

    response = client.get("/agenda/now/")

    section = page(response).get_element_by_id("debate")
    assert text(section.xpath(".//p")[0]) == "Access — DC on Libraries"
    assert [text(li) for li in section.xpath(f".//ol[{has_class('debate-questions')}]/li")] == [
        "Second sent, accepted first.",
        "First sent, accepted second. Answered",
    ]
    assert section.xpath(".//form/@action") == ["/agenda/now/question/"]


def test_now_page_without_a_debate_item_has_no_question_form(client, session):
    debate_world(session)

    response = client.get("/agenda/now/")

    assert response.status_code == 200
    assert page(response).xpath("//*[@id='debate']") == []


@pytest.mark.parametrize("questions", [1, 8])
def test_now_page_and_json_queries_are_fixed(client, session, django_assert_num_queries, questions):
    _pal, _irpc, organiser = debate_world(session)
    _start("Access", organiser)
    for n in range(questions):
        question = services.debate_question_submit(session=session, text=f"Question {n}")
        services.debate_question_moderate(question=question, user=organiser, status="accepted")

    # The session and its validators; now/next (the slot on now, the next, the live state, the
    # clock's last change); the debate item; its accepted questions (the page only).
    with django_assert_num_queries(7):
        page_response = client.get("/agenda/now/")
    with django_assert_num_queries(6):
        json_response = client.get("/agenda/now.json")

    assert len(page(page_response).xpath("//ol[contains(@class,'debate-questions')]/li")) == (
        questions
    )
    assert json_response.json()["debate_item"]["issue"] == "Access"
