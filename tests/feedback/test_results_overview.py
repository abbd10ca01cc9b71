"""The results overview: one row per issue with its figures, badges, sorting without JavaScript,
the note on what the figures mean, and a clear empty state."""

import pytest
from django.test import Client

from tests.factories import make_coalition, make_coordinator, make_organiser, make_session
from tests.feedback.results_helpers import (
    has_class,
    main_text,
    overview_cells,
    overview_rows,
    page,
    rate,
    results_sheet,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return make_session(is_current=True, name="IGF 2015 — Main Session on Dynamic Coalitions")


@pytest.fixture
def contested(session):
    """A closed sheet (public results) whose issues sort differently by each order.

    controversy / consensus / confusion %: A 1.0 / 0.00 / 0; B 0.5 / 0.69 / 11; C 0.67 / 0.63 / 25;
    D no marks; E only Confusion (controversy undefined, 100 % confusion); F 1.0 / 0.29 / 0.
    """
    sheet = results_sheet(session, code="pal", titles=tuple("ABCDEF"), closed=True)
    rate(sheet, "A", (5, 0, 0, 0, 5, 0))
    rate(sheet, "B", (0, 6, 0, 2, 0, 1))
    rate(sheet, "C", (0, 4, 0, 2, 0, 2))
    rate(sheet, "E", (0, 0, 0, 0, 0, 3))
    rate(sheet, "F", (2, 2, 0, 2, 2, 0))
    return sheet


@pytest.mark.parametrize(
    ("query", "order"),
    [
        ("", list("ABCDEF")),
        ("?sort=contested", list("AFCBDE")),  # controversy, then lowest consensus; undefined last
        ("?sort=unclear", list("ECBAFD")),  # highest Confusion; ties keep the output's order
        ("?sort=nonsense", list("ABCDEF")),
    ],
)
def test_results_overview_sorts_by_get_parameter(client, contested, query, order):
    response = client.get(f"/feedback/results/{query}")

    assert overview_rows(response) == order


def test_results_overview_sort_links_mark_the_current_order(client, contested):
    response = client.get("/feedback/results/?sort=unclear")

    links = page(response).xpath(f"//ul[{has_class('results-sort')}]//a")
    assert [(text(a), a.get("href"), a.get("aria-current")) for a in links] == [
        ("In order", "/feedback/results/", None),
        ("Most contested", "/feedback/results/?sort=contested", None),
        ("Least clear", "/feedback/results/?sort=unclear", "true"),
    ]
    caption = page(response).xpath(f"//table[{has_class('results-table')}]/caption")[0]
    assert text(caption) == "Every issue whose results you may see, the least clear first."


def test_results_overview_row_figures_and_few_marks(client, session):
    sheet = results_sheet(session, code="pal", titles=("Twelve", "Eleven", "None"), closed=True)
    rate(sheet, "Twelve", (3, 3, 2, 1, 1, 2))
    rate(sheet, "Eleven", (3, 3, 2, 1, 0, 2))

    cells = overview_cells(client.get("/feedback/results/"))

    # marks, the bar's table, mean, agreement (interval), confusion, consensus, badges
    assert cells["Twelve"] == [
        "12",
        "Marks for “Twelve” Strong agreement Agreement Neutral Disagreement Strong disagreement "
        "Confusion 3 3 2 1 1 2",
        "3.6",
        "60% (31\u201383%)",
        "17%",
        "0.50",
        "",
    ]
    assert cells["Eleven"][0] == "11 few marks"
    assert cells["None"] == [
        "0 few marks",
        "Marks for “None” Strong agreement Agreement Neutral Disagreement Strong disagreement "
        "Confusion 0 0 0 0 0 0",
        "— no figure",
        "— no figure",
        "— no figure",
        "— no figure",
        "",
    ]


def test_results_overview_badges_divided_and_broad_support(client, session):
    sheet = results_sheet(session, code="pal", titles=("Split", "Broad", "Narrow"), closed=True)
    rate(sheet, "Split", (5, 0, 0, 0, 5, 0))  # controversy 1.0
    for group in ("civil_society", "government", "academia"):  # 3 groups, all 10 of 10 agree
        rate(sheet, "Broad", (10, 0, 0, 0, 0, 0), stakeholder_group=group)
    for group in ("civil_society", "government"):  # only 2 groups
        rate(sheet, "Narrow", (10, 0, 0, 0, 0, 0), stakeholder_group=group)

    cells = overview_cells(client.get("/feedback/results/"))

    assert {title: row[-1] for title, row in cells.items()} == {
        "Split": "Divided",
        "Broad": "Broad support",
        "Narrow": "",
    }


def test_results_overview_links_each_row_to_its_issue_on_the_output_page(client, contested):
    response = client.get("/feedback/results/")

    issue = contested.output.issues.get(title="A")
    first = page(response).xpath(f"//table[{has_class('results-table')}]/tbody/tr/th/a")[0]
    assert first.get("href") == f"/feedback/results/pal/#issue-{issue.pk}"


def test_results_overview_note_says_what_each_figure_means(client, contested):
    response = client.get("/feedback/results/")

    note = page(response).xpath(f"//section[{has_class('results-note')}]")[0]
    assert text(note.find("h2")) == "What the figures mean, and how sure they are"
    terms = [text(dt) for dt in note.iter("dt")]
    meanings = [text(dd) for dd in note.iter("dd")]
    assert dict(zip(terms, meanings, strict=True)) == {
        "Marks": "How many people marked the issue, Confusion included. Those who left it blank "
        "are not counted.",
        "Mean": "The average mark, from Strong agreement (5) to Strong disagreement (1). "
        "Confusion is never part of it.",
        "Agreement": "The share of the marks, Confusion left out, that are Strong agreement or "
        "Agreement. The range after it is where the true share most likely lies (a 95% "
        "interval): the fewer the marks, the wider the range.",
        "Confusion": "The share of all marks saying the statement is unclear: a high figure asks "
        "for clearer wording rather than a different idea.",
        "Consensus": "From 0, the marks split between the two ends of the scale, to 1, everyone "
        "gave the same mark.",
        "Divided": "At least 25% of the marks (Confusion left out) agree and at least 25% "
        "disagree.",
        "Broad support": "At least 3 stakeholder groups gave 5 or more marks each (Confusion "
        "left out), and in every one of them more than half agree, even at the low end of its "
        "range.",
        "Few marks": "The figures of an issue with fewer than 12 marks: read them as a hint, not "
        "a verdict.",
    }
    assert [text(p) for p in note.findall("p")] == [
        "Most contested: the issues whose marks are most evenly split between agreeing and "
        "disagreeing first, then those with the lowest consensus. Least clear: the highest share "
        "of Confusion first. Issues without marks come last.",
        "In the breakdowns, a group of fewer than 5 people is shown as “fewer than 5”, without "
        "figures, so that nobody's marks can be singled out.",
    ]
    # Under the table.
    html = response.content.decode()
    assert html.index("results-table") < html.index("results-note")


def test_results_overview_shows_hidden_issues_marked_to_organisers_only(client, session):
    coalition = make_coalition(name="DC on Libraries", acronym="DC-PAL", slug="dc-pal")
    sheet = results_sheet(
        session,
        code="pal",
        titles=("Shown", "Withdrawn"),
        hidden=("Withdrawn",),
        closed=True,
        coalition=coalition,
        title="Principles",
    )
    rate(sheet, "Withdrawn", (1, 0, 0, 0, 0, 0))
    organiser = Client()
    organiser.force_login(make_organiser())
    coordinator = Client()
    coordinator.force_login(make_coordinator(coalition))

    seen = {
        who: [
            text(th)
            for th in page(visitor.get("/feedback/results/")).xpath(
                f"//table[{has_class('results-table')}]/tbody/tr/th"
            )
        ]
        for who, visitor in (
            ("public", client),
            ("organiser", organiser),
            ("coordinator", coordinator),
        )
    }

    exact = ["Shown DC-PAL — Principles", "Withdrawn Hidden issue DC-PAL — Principles"]
    assert seen == {
        "public": ["Shown DC-PAL — Principles"],
        "organiser": exact,
        "coordinator": exact,
    }


def test_results_overview_without_a_current_session_says_so(client):
    make_session(is_current=False)

    response = client.get("/feedback/results/")

    assert (response.status_code, main_text(response)) == (
        200,
        "Results There is no current session, so there are no results to show.",
    )


def test_results_overview_session_without_sheets_says_so(client, session):
    response = client.get("/feedback/results/")

    assert main_text(response) == (
        "Results IGF 2015 — Main Session on Dynamic Coalitions "
        "The session report: every output, the debate and the coalitions' answers, ready to "
        "print This session has no rating sheets yet, so there are no results to show."
    )


def test_results_overview_nothing_visible_yet_lists_what_is_withheld(client, session):
    results_sheet(session, code="pal", title="Principles")

    response = client.get("/feedback/results/")

    coalition = response.context["withheld"][0].output.coalition.short_name
    assert main_text(response) == (
        "Results IGF 2015 — Main Session on Dynamic Coalitions The session report: every "
        "output, the debate and the coalitions' answers, ready to print No results can be shown "
        "to you yet. Not shown to you yet Seeing how others rated before rating sways one's own "
        f"marks, so results wait. Principles ({coalition}): Its results are shown to those who "
        "have sent the sheet, and to everyone once the organisers close it. Rate “Principles”"
    )
    links = [a.get("href") for a in page(response).get_element_by_id("main").iter("a")]
    # The report (public), the sheet to rate; no results page it cannot open.
    assert links == ["/feedback/report/", "/feedback/pal/"]
