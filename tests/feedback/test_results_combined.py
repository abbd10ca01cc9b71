"""combined_respondents: several sheets' responses added up, in all and per breakdown cell, a
cell suppressed wherever any sheet's is (its total would give the small one away)."""

from django.contrib.auth.models import AnonymousUser

from feedback.results import combined_respondents, session_results, visible_results
from tests.factories import make_organiser
from tests.feedback.results_helpers import respond, results_sheet


def _world(session):
    one = results_sheet(session, code="one", titles=("A",), closed=True)
    two = results_sheet(session, code="two", titles=("B",), closed=True)
    respond(one, {"A": "5"}, n=6, stakeholder_group="government", region="african")
    respond(one, {"A": "5"}, n=2, stakeholder_group="academia", region="african")
    respond(two, {"B": "5"}, n=9, stakeholder_group="government", region="weog")


def _cells(cells, name):
    return {cell.value: (cell.respondents, cell.suppressed) for cell in cells[name]}


def test_exact_results_add_up_every_cell(session):
    _world(session)

    total, cells = combined_respondents(session_results(session, breakdowns=True))

    assert total == 17
    groups = _cells(cells, "stakeholder_group")
    assert (groups["government"], groups["academia"], groups["media"]) == (
        (15, False),
        (2, False),
        (0, False),
    )
    assert list(cells) == ["stakeholder_group", "region", "attendance", "channel", "period"]


def test_a_cell_small_on_any_sheet_is_suppressed_in_the_total(session):
    _world(session)

    public = visible_results(AnonymousUser(), None, session, breakdowns=True)
    total, cells = combined_respondents([shown.result for shown in public])
    organiser = visible_results(make_organiser(), None, session, breakdowns=True)
    _total, exact = combined_respondents([shown.result for shown in organiser])

    regions = _cells(cells, "region")
    assert total == 17
    # 8 African responses on one sheet and 0 on the other: 0 is "fewer than 5" in public.
    assert regions["african"] == (None, True)
    assert _cells(cells, "stakeholder_group")["government"] == (15, False)
    assert _cells(exact, "region")["african"] == (8, False)


def test_without_breakdowns_or_sheets_only_the_total(session):
    _world(session)

    assert combined_respondents(session_results(session)) == (17, {})
    assert combined_respondents([]) == (0, {})
