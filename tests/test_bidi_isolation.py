"""Issue 14: what strangers type (names, comments, questions) keeps its text, bidirectional
control characters included, and is shown isolated (``<bdi>`` or ``dir="auto"``) on the pages
and in the admin, so that it cannot reorder the text around it."""

import lxml.html
import pytest
from django.test import Client

from coalitions.models import JoinRequest
from feedback import services
from feedback.models import DebateItem, DebateQuestion, Response
from tests.factories import make_coalition, make_coordinator, make_session
from tests.feedback.debate_helpers import debate_world
from tests.feedback.results_helpers import respond

pytestmark = pytest.mark.django_db

# U+202E RIGHT-TO-LEFT OVERRIDE … U+202C POP, U+2067 RIGHT-TO-LEFT ISOLATE … U+2069 POP ISOLATE,
# U+202A LEFT-TO-RIGHT EMBEDDING.
TRICK = "\u202etxt.exe\u202c then \u2067reversed\u2069 and \u202aembedded"


def isolating(response, text=TRICK):
    """(tag, dir) of each element whose own text holds ``text``: what isolates it."""
    tree = lxml.html.fromstring(response.content.decode())
    return [
        (element.tag, element.get("dir"))
        for element in tree.iter()
        if isinstance(element.tag, str) and text in (element.text or "")
    ]


@pytest.fixture
def debating():
    session = make_session(is_current=True)
    pal, _irpc, organiser = debate_world(session)
    item = DebateItem.objects.get(issue__title="Access")
    services.debate_item_start(item=item, user=organiser)
    return session, pal, organiser


def test_comment_on_the_results_page_is_isolated(client, debating):
    _session, pal, _organiser = debating
    respond(pal, {"Access": "5"}, n=5, comments={"Access": TRICK})

    response = client.get("/feedback/results/pal/")

    assert response.status_code == 200
    assert set(isolating(response)) == {("p", "auto")}


def test_question_on_the_now_page_projector_and_control_is_isolated(debating):
    session, _pal, organiser = debating
    question = services.debate_question_submit(session=session, text=TRICK)
    staff = Client()
    staff.force_login(organiser)

    waiting = staff.get("/agenda/control/")
    services.debate_question_moderate(question=question, user=organiser, status="accepted")
    now = Client().get("/agenda/now/")
    projector = staff.get("/feedback/debate/projector/")

    assert DebateQuestion.objects.get().text == TRICK
    assert isolating(waiting) == [("p", "auto")]
    assert isolating(now) == [("bdi", None)]
    assert isolating(projector) == [("bdi", None)]


def test_join_request_in_the_portal_is_isolated(client, db):
    coalition = make_coalition(slug="dc-pal")
    JoinRequest.objects.create(
        coalition=coalition,
        name=f"Ana {TRICK}",
        email="ana@example.org",
        stakeholder_group="civil_society",
        region="grulac",
        message=f"Hello {TRICK}",
        consent=True,
    )
    client.force_login(make_coordinator(coalition, username="coordinator"))

    response = client.get("/coalitions/dc-pal/manage/")

    assert isolating(response) == [("bdi", None), ("bdi", None)]


# The admin ----------------------------------------------------------------------------------


def test_admin_response_and_ratings_show_what_was_written_isolated(debating):
    _session, pal, organiser = debating
    (response,) = respond(
        pal,
        {"Access": "5"},
        comments={"Access": TRICK},
        overall_comment=f"Overall {TRICK}",
        contact_consent=True,
        contact_name=f"Ana {TRICK}",
        contact_organisation=f"Org {TRICK}",
    )
    staff = Client()
    staff.force_login(organiser)

    change = staff.get(f"/admin/feedback/response/{response.pk}/change/")
    ratings = staff.get("/admin/feedback/rating/")
    rating = staff.get(f"/admin/feedback/rating/{response.ratings.get().pk}/change/")

    assert change.status_code == 200
    # The overall comment, the contact name and organisation, the rating's comment (inline).
    assert isolating(change) == [("bdi", None)] * 4
    assert isolating(ratings, "txt.exe") == [("bdi", None)]
    assert isolating(rating) == [("bdi", None)]
    assert Response.objects.get(pk=response.pk).overall_comment == f"Overall {TRICK}"


def test_admin_questions_and_join_requests_are_isolated(debating):
    session, _pal, organiser = debating
    question = services.debate_question_submit(session=session, text=TRICK)
    join = JoinRequest.objects.create(
        coalition=make_coalition(slug="gender"),
        name=f"Ana {TRICK}",
        email="ana@example.org",
        stakeholder_group="civil_society",
        region="grulac",
        message=f"Hello {TRICK}",
        consent=True,
    )
    staff = Client()
    staff.force_login(organiser)

    pages = {
        "questions": staff.get("/admin/feedback/debatequestion/"),
        "question": staff.get(f"/admin/feedback/debatequestion/{question.pk}/change/"),
        "join requests": staff.get("/admin/coalitions/joinrequest/"),
        "join request": staff.get(f"/admin/coalitions/joinrequest/{join.pk}/change/"),
    }

    assert {name: p.status_code for name, p in pages.items()} == dict.fromkeys(pages, 200)
    assert {name: isolating(p) for name, p in pages.items()} == {
        "questions": [("bdi", None)],
        "question": [("bdi", None)],
        "join requests": [("bdi", None)],
        "join request": [("bdi", None), ("bdi", None)],
    }


def test_admin_titles_show_the_typed_text_without_bidi_controls(debating):
    session, _pal, _organiser = debating
    question = services.debate_question_submit(session=session, text=TRICK)
    join = JoinRequest.objects.create(
        coalition=make_coalition(slug="gender", acronym="DC-Gender"),
        name=f"Ana {TRICK}",
        email="ana@example.org",
        stakeholder_group="civil_society",
        region="grulac",
        consent=True,
    )

    assert str(question) == "txt.exe then reversed and embedded"
    assert str(join) == "Ana txt.exe then reversed and embedded → DC-Gender"
    assert JoinRequest.objects.get().name == f"Ana {TRICK}"
