"""An output's results page: each issue's distribution and figures, every breakdown with small
cells suppressed in public, hidden issues and comments for those who may see them, comments as
text, the visitor's own mark."""

import pytest
from django.test import Client

from feedback.models import Rating, Response
from feedback.services import comment_hide
from tests.factories import (
    make_coalition,
    make_coordinator,
    make_organiser,
    make_session,
)
from tests.feedback.results_helpers import (
    breakdown,
    comments_by_mark,
    has_class,
    issue_sections,
    page,
    rate,
    respond,
    respondent_client,
    results_sheet,
    text,
)

pytestmark = pytest.mark.django_db

URL = "/feedback/results/pal/"
FEWER = ["fewer than 5"]
NONE = "— no figure"


@pytest.fixture
def session():
    return make_session(is_current=True)


@pytest.fixture
def coalition(db):
    return make_coalition(name="DC on Libraries", acronym="DC-PAL", slug="dc-pal")


@pytest.fixture
def sheet(session, coalition):
    """Closed (public results), with a hidden issue."""
    return results_sheet(
        session,
        code="pal",
        titles=("Access", "Skills", "Withdrawn"),
        hidden=("Withdrawn",),
        closed=True,
        coalition=coalition,
        title="Principles",
    )


@pytest.fixture
def organiser_client(db):
    client = Client()
    client.force_login(make_organiser())
    return client


@pytest.fixture
def coordinator_client(coalition):
    client = Client()
    client.force_login(make_coordinator(coalition))
    return client


def test_results_sheet_page_distribution_and_figures(client, sheet):
    rate(sheet, "Access", (3, 3, 2, 1, 1, 2))
    respond(sheet, {"Skills": "4"})  # one respondent skipped Access

    sections = issue_sections(client.get(URL))

    access = sections["Access"]
    table = access.xpath(f".//div[{has_class('chart-data')}]/table")[0]
    assert text(table) == (
        "Marks for “Access” Strong agreement Agreement Neutral Disagreement Strong disagreement "
        "Confusion 3 3 2 1 1 2"
    )
    figures = access.xpath(f".//dl[{has_class('results-figures')}]")[0]
    assert dict(
        zip(
            [text(dt) for dt in figures.iter("dt")],
            [text(dd) for dd in figures.iter("dd")],
            strict=True,
        )
    ) == {
        "Marks": "12",
        "Skipped": "1",
        "Mean": "3.6",
        "Median": "4.0",
        "Agreement (95% interval)": "60% (31\u201383%)",
        "Disagreement": "20%",
        "Confusion (95% interval)": "17% (5\u201345%)",
        "Consensus": "0.50",
        "Controversy": "0.40",
        "IRS score": "3.0",
        "Balanced agreement": "— no figure (0 groups)",
    }
    # The chart: six lines in the scale's order, each mark named, its count written.
    svg = access.xpath(".//*[local-name()='svg']")[0]
    labels = [t.text for t in svg.xpath("./*[local-name()='text']")]
    assert labels == [
        "Strong agreement",
        "3",
        "Agreement",
        "3",
        "Neutral",
        "2",
        "Disagreement",
        "1",
        "Strong disagreement",
        "1",
        "Confusion",
        "2",
    ]
    assert svg.get("aria-hidden") == "true"


def test_results_sheet_page_breakdown_small_cells_suppressed_in_public(client, sheet):
    rate(sheet, "Access", (6, 0, 0, 0, 0, 0), stakeholder_group="civil_society")
    rate(sheet, "Access", (0, 0, 0, 2, 0, 0), stakeholder_group="academia")

    section = issue_sections(client.get(URL))["Access"]

    assert breakdown(section, "Stakeholder group") == {
        "Government": FEWER,
        "Intergovernmental organisation": FEWER,
        "Civil society": ["6", "6", "5.0", "100%", "0%"],
        "Private sector": FEWER,
        "Technical community": FEWER,
        "Academia": FEWER,
        "Media": FEWER,
        "Other": FEWER,
        "Not said": FEWER,
    }
    # "Who answered": the same rule.
    who_answered = page(client.get(URL)).get_element_by_id("who-answered-title").getparent()
    assert breakdown(who_answered, "Channel") == {
        "Online": ["8"],
        "Paper": FEWER,
    }


@pytest.mark.parametrize("who", ["organiser", "coordinator"])
def test_results_sheet_page_breakdowns_exact_for_organisers_and_coordinators(
    who, sheet, organiser_client, coordinator_client
):
    rate(sheet, "Access", (6, 0, 0, 0, 0, 0), stakeholder_group="civil_society")
    rate(sheet, "Access", (0, 0, 0, 2, 0, 0), stakeholder_group="academia")
    visitor = organiser_client if who == "organiser" else coordinator_client

    response = visitor.get(URL)

    rows = breakdown(issue_sections(response)["Access"], "Stakeholder group")
    assert (rows["Academia"], rows["Government"], rows["Civil society"]) == (
        ["2", "2", "2.0", "0%", "0%"],
        ["0", "0", NONE, NONE, NONE],
        ["6", "6", "5.0", "100%", "0%"],
    )
    assert text(page(response).xpath(f"//p[{has_class('alert-info')}]")[0]) == (
        "You see every figure, as organisers and the coalition's coordinators do: hidden issues "
        "and groups of fewer than 5 people included. The public sees neither."
    )


def test_results_sheet_page_hidden_issue_absent_in_public_marked_for_organisers_and_coordinators(
    client, sheet, organiser_client, coordinator_client
):
    rate(sheet, "Withdrawn", (1, 0, 0, 0, 0, 0))

    headings = {
        who: [text(h2) for h2 in page(visitor.get(URL)).xpath("//section/h2")]
        for who, visitor in (
            ("public", client),
            ("organiser", organiser_client),
            ("coordinator", coordinator_client),
        )
    }

    visible = ["1. Access", "2. Skills"]
    exact = [*visible, "3. Withdrawn Hidden issue"]
    assert headings == {
        "public": [
            *visible,
            "Who answered",
            "Overall comments",
            "What the figures mean, and how sure they are",
        ],
        "organiser": [
            *exact,
            "Who answered",
            "Overall comments",
            "What the figures mean, and how sure they are",
        ],
        "coordinator": [
            *exact,
            "Who answered",
            "Overall comments",
            "What the figures mean, and how sure they are",
        ],
    }
    assert "Withdrawn" not in client.get(URL).content.decode()


def _comments(sheet):
    """Access: two Agreement comments (one hidden), a Confusion one; overall: one hidden."""
    organiser = make_organiser(username="moderator")
    respond(sheet, {"Access": "4"}, comments={"Access": "Clear enough."})
    (rude,) = respond(sheet, {"Access": "4"}, comments={"Access": "Rude words."})
    respond(sheet, {"Access": "confusion"}, comments={"Access": "Two ideas in one."})
    comment_hide(target=Rating.objects.get(response=rude), by=organiser, reason="Insults.")
    Response.objects.filter(pk=rude.pk).update(overall_comment="Spam link.")
    comment_hide(target=Response.objects.get(pk=rude.pk), by=organiser, reason="Advertising.")
    respond(sheet, {"Skills": "5"}, overall_comment="Thank you.")


def test_results_sheet_page_comments_grouped_by_mark_hidden_ones_absent_in_public(client, sheet):
    _comments(sheet)

    response = client.get(URL)

    assert comments_by_mark(issue_sections(response)["Access"]) == {
        "Agreement (1)": ["Clear enough."],
        "Confusion (1)": ["Two ideas in one."],
    }
    overall = page(response).get_element_by_id("overall-comments-title").getparent()
    assert [text(li) for li in overall.iter("li")] == ["Thank you."]
    html = response.content.decode()
    assert ("Rude words." in html, "Spam link." in html, "Insults." in html) == (
        False,
        False,
        False,
    )


def test_results_sheet_page_hidden_comments_absent_for_coordinators(coordinator_client, sheet):
    _comments(sheet)

    response = coordinator_client.get(URL)

    assert comments_by_mark(issue_sections(response)["Access"]) == {
        "Agreement (1)": ["Clear enough."],
        "Confusion (1)": ["Two ideas in one."],
    }
    assert "Rude words." not in response.content.decode()
    assert "Spam link." not in response.content.decode()


def test_results_sheet_page_hidden_comments_marked_for_organisers(organiser_client, sheet):
    _comments(sheet)

    response = organiser_client.get(URL)

    hidden = "Hidden Not shown in public nor to the coalition. Reason:"
    assert comments_by_mark(issue_sections(response)["Access"]) == {
        "Agreement (2)": ["Clear enough.", f"Rude words. {hidden} Insults."],
        "Confusion (1)": ["Two ideas in one."],
    }
    overall = page(response).get_element_by_id("overall-comments-title").getparent()
    assert [text(li) for li in overall.iter("li")] == [
        f"Spam link. {hidden} Advertising.",
        "Thank you.",
    ]


def test_results_sheet_page_comments_are_text_never_markup(client, sheet):
    respond(
        sheet,
        {"Access": "4"},
        comments={"Access": '<script>alert(1)</script><b onmouseover="x()">bold</b>'},
    )

    html = client.get(URL).content.decode()

    assert (
        '<p class="comment-text mb-1" dir="auto">&lt;script&gt;alert(1)&lt;/script&gt;'
        "&lt;b onmouseover=&quot;x()&quot;&gt;bold&lt;/b&gt;</p>"
    ) in html
    assert "<script>alert(1)" not in html


def test_results_sheet_page_shows_the_visitors_own_mark(session, coalition):
    sheet = results_sheet(
        session, code="pal", titles=("Access", "Skills"), coalition=coalition, title="Principles"
    )  # open, after submit: the respondent who sent it sees it
    visitor, token = respondent_client("me")
    respond(sheet, {"Access": "4"}, hashes=[token])
    rate(sheet, "Access", (2, 0, 0, 0, 0, 0))
    rate(sheet, "Skills", (0, 0, 0, 0, 0, 3))

    sections = issue_sections(visitor.get(URL))

    own = {
        title: [text(p) for p in section.xpath(f".//p[{has_class('own-mark')}]")]
        for title, section in sections.items()
    }
    assert own == {"Access": ["You: Agreement"], "Skills": []}


def test_results_sheet_page_while_open_warns_that_figures_change(session, coalition):
    results_sheet(session, code="pal", coalition=coalition, title="Principles")
    visitor = Client()
    visitor.force_login(make_organiser())

    response = visitor.get(URL)

    warnings = page(response).xpath(f"//p[{has_class('alert-warning')}]")
    assert [text(p) for p in warnings] == [
        "This sheet is still open: the figures change as people send theirs."
    ]


def test_results_sheet_page_says_how_many_responses_count(client, sheet):
    respond(sheet, {"Access": "5"}, n=3)
    (withdrawn,) = respond(sheet, {"Access": "1"})
    Response.objects.filter(pk=withdrawn.pk).update(withdrawn_at=sheet.closes_at)

    paragraph = page(client.get(URL)).xpath("//h1/following-sibling::p[2]")[0]

    assert text(paragraph) == "3 responses counted. The output and its document"
