"""Text people wrote keeps its own direction on Arabic pages (issue 12).

An English issue title inside an Arabic page was laid out right to left ("Universality and
equality .1"). On every key page, read in Arabic, each element that holds a coalition's name,
an output's or issue's title or the session's name says ``dir="auto"`` (or is a ``<bdi>``, whose
direction is its own), and ``lang="en"`` where the text is the English output's.
"""

from datetime import UTC, datetime

import lxml.html
import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import translation

from tests.factories import (
    make_coalition,
    make_coordinator,
    make_issue,
    make_output,
    make_part,
    make_session,
    make_sheet,
    make_slot,
)

pytestmark = pytest.mark.django_db

SESSION = "IGF 2015 main session"
COALITION = "Dynamic Coalition on Core Internet Values"
OUTPUT = "Core values of the Internet"
ISSUE = "Universality and equality"
SLOT = "Core values presented"
DURING_SLOT = datetime(2015, 11, 12, 19, 35, tzinfo=UTC)  # 16:35 in João Pessoa


@pytest.fixture(autouse=True)
def _back_to_english():
    # LocaleMiddleware activates a request's language in the thread and leaves it there.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site():
    session = make_session(name=SESSION, is_current=True)
    part = make_part(session=session, title="Day 3: output presentations")
    coalition = make_coalition(name=COALITION, acronym="DC-CIV", slug="dc-civ")
    output = make_output(
        coalition=coalition, session=session, title=OUTPUT, slug="core-values", language="en"
    )
    make_issue(output=output, position=1, title=ISSUE, summary="Everyone, everywhere.")
    sheet = make_sheet(output=output, code="civ")
    make_slot(
        part=part,
        title=SLOT,
        starts_at=DURING_SLOT.replace(minute=30),
        ends_at=DURING_SLOT.replace(minute=50),
        coalition=coalition,
        output=output,
    )
    coordinator = make_coordinator(coalition)
    return {"sheet": sheet, "coordinator": coordinator}


def arabic(user=None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    if user is not None:
        client.force_login(user)
    return client


def holders(response, text: str) -> list[tuple]:
    """The innermost elements of the page's body whose whole text is ``text``: (tag, dir, lang)."""
    assert response.status_code == 200
    root = lxml.html.fromstring(response.content.decode())
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    found = []
    for element in root.body.iter():
        if not isinstance(element.tag, str) or element.text_content().strip() != text:
            continue
        if any(child.text_content().strip() == text for child in element):
            continue  # a wrapper: the element holding the text is inside it
        found.append((element.tag, element.get("dir"), element.get("lang")))
    return found


def test_coalition_page_in_arabic_isolates_the_coalition_output_and_slot(site):
    response = arabic().get("/coalitions/dc-civ/")

    assert holders(response, COALITION) == []  # the name and its acronym share one heading
    assert holders(response, f"{COALITION} (DC-CIV)") == [("h1", "auto", None)]
    assert holders(response, "DC-CIV") == [("bdi", None, None)]  # the breadcrumb
    assert holders(response, OUTPUT) == [("a", "auto", "en")]
    assert holders(response, SESSION) == [("bdi", None, None)]
    assert holders(response, SLOT) == [("a", "auto", None)]


def test_output_page_in_arabic_gives_the_output_and_its_issues_their_language(site):
    response = arabic().get("/coalitions/dc-civ/outputs/core-values/")

    assert holders(response, OUTPUT) == [("bdi", None, "en"), ("h1", "auto", "en")]
    assert holders(response, ISSUE) == [("a", "auto", "en")]
    assert holders(response, "Everyone, everywhere.") == [("div", "auto", "en")]
    assert holders(response, COALITION) == [("bdi", None, None)]
    assert holders(response, SESSION) == [("bdi", None, None)]


def test_rating_sheet_in_arabic_isolates_the_issue_title_from_its_number(site):
    response = arabic().get("/feedback/civ/")

    assert holders(response, ISSUE) == [("bdi", None, "en")]
    assert holders(response, f"1. {ISSUE}") == [("legend", None, None)]
    assert holders(response, OUTPUT) == [("h1", "auto", "en")]
    assert holders(response, "Everyone, everywhere.") == [("p", "auto", "en")]


def test_paper_sheet_in_arabic_isolates_the_issue_title(site):
    response = arabic().get("/feedback/civ/print/")

    # The heading, and the tick boxes' caption ("Marks for “…”") for screen readers.
    assert holders(response, ISSUE) == [("bdi", None, "en"), ("bdi", None, "en")]
    assert holders(response, OUTPUT) == [("h1", "auto", "en")]
    assert holders(response, COALITION) == [("p", "auto", None)]
    assert holders(response, f"{SESSION} — João Pessoa") == [("p", "auto", None)]


def test_agenda_in_arabic_isolates_the_session_slots_and_output(site):
    with time_machine.travel(DURING_SLOT, tick=False):
        response = arabic().get("/agenda/")

    # The agenda's first line, and the footer of every page.
    assert holders(response, f"{SESSION} — 10th IGF, João Pessoa") == [
        ("p", "auto", None),
        ("p", "auto", None),
    ]
    assert holders(response, "Day 3: output presentations") == [("h3", "auto", None)]
    # The "On now" line at the top, and the slot in its part.
    assert holders(response, SLOT) == [("a", "auto", None), ("strong", "auto", None)]
    assert holders(response, OUTPUT) == [("a", "auto", "en")]
    assert holders(response, f"{COALITION} (DC-CIV)") == [("a", "auto", None)]


def test_now_page_in_arabic_isolates_the_slot_on_now(site):
    with time_machine.travel(DURING_SLOT, tick=False):
        response = arabic().get("/agenda/now/")

    assert holders(response, SESSION) == [("p", "auto", None)]
    assert holders(response, SLOT) == [("h3", "auto", None)]
    assert holders(response, OUTPUT) == [("a", "auto", "en")]
    assert holders(response, COALITION) == [("a", "auto", None)]
    # The script's <template> for redrawn slots carries the same attributes, empty.
    root = lxml.html.fromstring(response.content.decode())
    template = root.get_element_by_id("live-slot-template")
    drawn = lxml.html.fromstring(lxml.html.tostring(template).decode().replace("template", "div"))
    fields = {el.get("data-f"): el.get("dir") for el in drawn.iter() if el.get("data-f")}
    assert {name: fields[name] for name in ("title", "speakers", "coalition", "output")} == {
        "title": "auto",
        "speakers": "auto",
        "coalition": "auto",
        "output": "auto",
    }


def test_results_page_in_arabic_isolates_the_issue_and_output(site):
    response = arabic(site["coordinator"]).get("/feedback/results/civ/")

    # The index of issues, the issue's heading, and the marks table's caption.
    assert holders(response, ISSUE) == [
        ("a", "auto", "en"),
        ("bdi", None, "en"),
        ("bdi", None, "en"),
    ]
    assert holders(response, OUTPUT) == [("bdi", None, "en"), ("bdi", None, "en")]
    assert holders(response, COALITION) == [("bdi", None, None)]


def test_portal_in_arabic_isolates_the_coalition_output_and_issues(site):
    client = arabic(site["coordinator"])

    dashboard = client.get("/coalitions/dc-civ/manage/")
    output = client.get("/coalitions/dc-civ/manage/outputs/core-values/")

    assert holders(dashboard, COALITION) == [("bdi", None, None)]
    assert holders(dashboard, OUTPUT) == [("a", "auto", "en")]
    # "Next steps for …" and the output's row in the table.
    assert holders(dashboard, SESSION) == [("bdi", None, None), ("bdi", None, None)]
    assert holders(output, OUTPUT) == [("a", "auto", "en"), ("h1", "auto", "en")]
    # "1. <title>" in the list of issues (frozen: the sheet is open, so no buttons name it).
    assert holders(output, ISSUE) == [("bdi", None, "en")]
