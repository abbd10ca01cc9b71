"""The live control page's debate panel (organisers): an item marked as being discussed, the
debate stopped, the current item's questions moderated (those waiting first); and the debate on
the room's screen (/feedback/debate/projector/)."""

import pytest
from django.test import Client

from feedback import services
from feedback.models import DebateItem, DebateQuestion
from tests.factories import make_coalition, make_coordinator, make_session, make_user
from tests.feedback.debate_helpers import debate_world
from tests.feedback.results_helpers import has_class, page, text

pytestmark = pytest.mark.django_db

START, STOP, MODERATE = (
    "/agenda/control/debate/start/",
    "/agenda/control/debate/stop/",
    "/agenda/control/question/",
)


@pytest.fixture
def world(db):
    session = make_session(is_current=True)
    pal, irpc, organiser = debate_world(session)
    return session, pal, irpc, organiser


def _current():
    return list(DebateItem.objects.filter(is_current=True).values_list("issue__title", flat=True))


def _queue(response) -> list[str]:
    return [
        text(li.xpath("./p")[0]) + " | " + text(li.xpath("./p")[1]).split(" · ")[0]
        for li in page(response).xpath(f"//ol[{has_class('debate-queue')}]/li")
    ]


def test_control_marks_an_item_as_discussed_then_stops(world):
    _session, _pal, _irpc, organiser = world
    client = Client()
    client.force_login(organiser)
    rights = DebateItem.objects.get(issue__title="Rights")

    started = client.post(START, {"item": rights.pk})
    during = _current()
    panel = client.get("/agenda/control/")
    stopped = client.post(STOP)

    assert (started.status_code, started["Location"]) == (302, "/agenda/control/#debate-h")
    assert during == ["Rights"]
    rows = page(panel).xpath("//section[@aria-labelledby='debate-h']//tbody/tr")
    assert [text(row.xpath("./td")[0]) for row in rows] == [
        "Access",
        "Rights (being discussed now)",
    ]
    assert stopped.status_code == 302
    assert _current() == []


@pytest.mark.parametrize("value", ["", "abc", "999999"])
def test_control_start_with_a_bad_item_changes_nothing(world, value):
    _session, _pal, _irpc, organiser = world
    client = Client()
    client.force_login(organiser)

    response = client.post(START, {"item": value})

    assert response.status_code == 404
    assert _current() == []


def test_control_moderation_queue_waiting_first_and_each_button(world):
    session, _pal, _irpc, organiser = world
    client = Client()
    client.force_login(organiser)
    services.debate_item_start(item=DebateItem.objects.get(issue__title="Access"), user=organiser)
    one, two, three = (
        services.debate_question_submit(session=session, text=t) for t in ("One", "Two", "Three")
    )

    client.post(MODERATE, {"question": one.pk, "status": "accepted"})
    client.post(MODERATE, {"question": two.pk, "status": "dismissed"})
    queue = _queue(client.get("/agenda/control/"))
    answered = client.post(MODERATE, {"question": one.pk, "status": "answered"})
    bad = client.post(MODERATE, {"question": three.pk, "status": "published"})

    assert queue == ["Three | Waiting for an organiser", "One | Accepted", "Two | Dismissed"]
    assert answered.status_code == 302
    assert bad.status_code == 302
    assert list(DebateQuestion.objects.order_by("pk").values_list("text", "status")) == [
        ("One", "answered"),
        ("Two", "dismissed"),
        ("Three", "pending"),
    ]


@pytest.mark.parametrize("persona", ["anonymous", "participant", "coordinator"])
def test_control_debate_actions_refuse_everyone_but_organisers(world, persona):
    session, _pal, irpc, organiser = world
    item = DebateItem.objects.get(issue__title="Access")
    services.debate_item_start(item=item, user=organiser)
    question = services.debate_question_submit(session=session, text="One")
    client = Client()
    if persona == "participant":
        client.force_login(make_user())
    elif persona == "coordinator":
        client.force_login(make_coordinator(irpc.output.coalition))
    other = DebateItem.objects.get(issue__title="Rights")

    answers = [
        client.post(START, {"item": other.pk}).status_code,
        client.post(STOP).status_code,
        client.post(MODERATE, {"question": question.pk, "status": "accepted"}).status_code,
    ]

    assert answers == [302 if persona == "anonymous" else 403] * 3
    assert _current() == ["Access"]
    assert DebateQuestion.objects.get().status == "pending"


@pytest.mark.parametrize("questions", [1, 8])
def test_control_page_queries_are_fixed(world, django_assert_num_queries, questions):
    session, _pal, _irpc, organiser = world
    client = Client()
    client.force_login(organiser)
    services.debate_item_start(item=DebateItem.objects.get(issue__title="Access"), user=organiser)
    for n in range(questions):
        services.debate_question_submit(session=session, text=f"Question {n}")

    # The live control's own queries, the debate's items and the current item's questions: the
    # same count whatever the number of questions; and the header's user menu (the coalitions the
    # organiser coordinates).
    with django_assert_num_queries(12):
        response = client.get("/agenda/control/")

    assert len(_queue(response)) == questions


def _projector(client):
    response = client.get("/feedback/debate/projector/")
    main = page(response).get_element_by_id("projector-main")
    return response, main


def test_projector_shows_the_item_its_figures_and_accepted_questions_in_order(world):
    session, _pal, _irpc, organiser = world
    client = Client()
    client.force_login(organiser)
    empty_response, empty = _projector(client)
    services.debate_item_start(item=DebateItem.objects.get(issue__title="Rights"), user=organiser)
    sent = [services.debate_question_submit(session=session, text=t) for t in ("A", "B", "C")]
    services.debate_question_moderate(question=sent[2], user=organiser, status="accepted")
    services.debate_question_moderate(question=sent[0], user=organiser, status="accepted")

    _response, main = _projector(client)

    assert empty_response.status_code == 200
    assert "No debate item is being discussed now." in text(empty)
    assert text(main.xpath(".//h1")[0]) == "Rights"
    assert main.xpath(f".//*[{has_class('projector-figures')}]")  # organisers see open sheets
    assert [text(li) for li in main.xpath(f".//ol[{has_class('debate-questions')}]/li")] == [
        "C",
        "A",
    ]


@pytest.mark.parametrize(("persona", "status"), [("anonymous", 302), ("coordinator", 403)])
def test_projector_is_for_organisers(world, persona, status):
    _session, _pal, _irpc, _organiser = world
    client = Client()
    if persona == "coordinator":
        client.force_login(make_coordinator(make_coalition()))

    assert client.get("/feedback/debate/projector/").status_code == status


@pytest.mark.parametrize("questions", [1, 8])
def test_projector_queries_are_fixed(world, django_assert_num_queries, questions):
    session, _pal, _irpc, organiser = world
    client = Client()
    client.force_login(organiser)
    services.debate_item_start(item=DebateItem.objects.get(issue__title="Access"), user=organiser)
    for n in range(questions):
        question = services.debate_question_submit(session=session, text=f"Question {n}")
        services.debate_question_moderate(question=question, user=organiser, status="accepted")

    # The session and the user; the current session; the items, the debate part, the
    # thresholds, the answers; the results (sheets, issues, marks, withdrawn marks,
    # respondents); the accepted questions.
    with django_assert_num_queries(13):
        _response, main = _projector(client)

    assert len(main.xpath(f".//ol[{has_class('debate-questions')}]/li")) == questions
