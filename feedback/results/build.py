"""The results of a session's rating sheets: per issue its statistics, and per breakdown its
cells; exact here, for everyone's view to be cut from (``present``).

Every figure comes from ``stats.issue_statistics`` over counts from ``queries``: the number of
queries is fixed (2 without breakdowns, 2 per breakdown more), whatever the number of responses.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Prefetch

from coalitions.models import Issue

from ..models import RatingSheet
from .queries import DIMENSION, DIMENSIONS, mark_counts, respondent_counts, session_periods
from .stats import SMALL_CELL, STAT_NAMES, MarkCounts, issue_statistics


@dataclass(frozen=True)
class Cell:
    """One breakdown cell: the sheet's counted responses with that value, and the issue's
    statistics over them (both None when the cell is suppressed)."""

    value: str
    label: object  # lazily translated (see Dimension.label_of)
    respondents: int | None
    suppressed: bool
    stats: dict | None


@dataclass
class IssueResult:
    issue: Issue
    stats: dict
    breakdowns: dict[str, list[Cell]] = field(default_factory=dict)

    @property
    def hidden(self) -> bool:
        return self.issue.is_hidden


@dataclass
class SheetResult:
    sheet: RatingSheet
    respondents: int
    issues: list[IssueResult]
    # The sheet's respondents per breakdown cell: how balanced the room and the remote were.
    respondent_cells: dict[str, list[Cell]] = field(default_factory=dict)

    @property
    def output(self):
        return self.sheet.output


def result_sheets(session, *, codes: list[str] | None = None):
    """The session's rating sheets with what the results show of them (one query, and one for
    their issues, hidden ones included, in order)."""
    sheets = (
        RatingSheet.objects.filter(output__session=session)
        .select_related("output__coalition", "output__session")
        .prefetch_related(
            Prefetch(
                "output__issues",
                queryset=Issue.objects.order_by("position", "pk"),
                to_attr="result_issues",
            )
        )
        .order_by("output__coalition__name", "code")
    )
    if codes is not None:
        sheets = sheets.filter(code__in=codes)
    return list(sheets)


def _cells(dimension, *, people: dict, sheet_id: int, marks=None, issue_id=None) -> list[Cell]:
    """The cells of one breakdown: the sheet's respondents per value and, given the issue's
    ``marks`` per value, its statistics over them."""
    cells = []
    for value in dimension.values:
        # Every value, empty ones too: in public a 0 is "fewer than 5" like a 1, so that an
        # absent cell never tells what a suppressed one hides.
        respondents = people.get((sheet_id, value), 0)
        stats = None
        if marks is not None:
            counts = marks.get((issue_id, value), MarkCounts())
            stats = issue_statistics(counts, respondents=respondents)
        cells.append(
            Cell(
                value=value,
                label=dimension.label_of(value),
                respondents=respondents,
                suppressed=False,
                stats=stats,
            )
        )
    return cells


def compute(session, sheets: list[RatingSheet], *, breakdowns: bool = False) -> list[SheetResult]:
    """Exact results of ``sheets`` (all of one session), hidden issues included."""
    sheet_ids = [sheet.pk for sheet in sheets]
    periods = session_periods(session) if breakdowns else None
    by_group = mark_counts(sheet_ids, dimension="stakeholder_group")
    respondents = respondent_counts(sheet_ids)

    totals: dict[int, MarkCounts] = defaultdict(MarkCounts)
    groups: dict[int, dict[str, MarkCounts]] = defaultdict(dict)
    for (issue_id, group), counts in by_group.items():
        totals[issue_id] += counts
        if group:  # responses that gave no group are left out of the balance
            groups[issue_id][group] = counts

    cell_marks, cell_respondents = {}, {}
    if breakdowns:
        for dimension in DIMENSIONS:
            cell_marks[dimension.name] = (
                by_group
                if dimension.name == "stakeholder_group"
                else mark_counts(sheet_ids, dimension=dimension.name, periods=periods)
            )
            cell_respondents[dimension.name] = respondent_counts(
                sheet_ids, dimension=dimension.name, periods=periods
            )

    results = []
    for sheet in sheets:
        sheet_respondents = respondents.get((sheet.pk, None), 0)
        issues = []
        for issue in sheet.output.result_issues:
            result = IssueResult(
                issue=issue,
                stats=issue_statistics(
                    totals[issue.pk], respondents=sheet_respondents, groups=groups[issue.pk]
                ),
            )
            for name, marks in cell_marks.items():
                result.breakdowns[name] = _cells(
                    DIMENSION[name],
                    people=cell_respondents[name],
                    sheet_id=sheet.pk,
                    marks=marks,
                    issue_id=issue.pk,
                )
            issues.append(result)
        sheet_result = SheetResult(sheet=sheet, respondents=sheet_respondents, issues=issues)
        for name, people in cell_respondents.items():
            sheet_result.respondent_cells[name] = _cells(
                DIMENSION[name], people=people, sheet_id=sheet.pk
            )
        results.append(sheet_result)
    return results


def suppress(cell: Cell) -> Cell:
    """A small cell as the public sees it: "fewer than 5", no figures (0 included)."""
    if cell.respondents is None or cell.respondents >= SMALL_CELL:
        return cell
    return replace(cell, respondents=None, suppressed=True, stats=None)


def present(result: SheetResult, *, exact: bool) -> SheetResult:
    """The result as one visitor may see it: organisers and the coalition's coordinators
    (``exact``) see every figure and the hidden issues; everyone else gets small cells
    suppressed and no hidden issue."""
    if exact:
        return result
    issues = [
        IssueResult(
            issue=item.issue,
            stats=item.stats,
            breakdowns={
                name: [suppress(cell) for cell in cells] for name, cells in item.breakdowns.items()
            },
        )
        for item in result.issues
        if not item.hidden
    ]
    return SheetResult(
        sheet=result.sheet,
        respondents=result.respondents,
        issues=issues,
        respondent_cells={
            name: [suppress(cell) for cell in cells]
            for name, cells in result.respondent_cells.items()
        },
    )


def combined_respondents(results: list[SheetResult]) -> tuple[int, dict[str, list[Cell]]]:
    """The responses of several sheets (as presented to one visitor) added up, in all and per
    breakdown cell: how balanced the room and the remote audience were across the outputs.

    These are responses, not people: someone who sent two sheets counts twice. A cell is
    suppressed when any sheet's cell is: the total would otherwise give away, by difference,
    what the suppressed cell hides.
    """
    total = sum(result.respondents for result in results)
    combined: dict[str, list[Cell]] = {}
    for dimension in DIMENSIONS:
        per_sheet = [result.respondent_cells.get(dimension.name) for result in results]
        if not results or any(cells is None for cells in per_sheet):
            continue
        cells = []
        for index, value in enumerate(dimension.values):
            column = [sheet_cells[index] for sheet_cells in per_sheet]
            hidden = any(cell.suppressed for cell in column)
            cells.append(
                Cell(
                    value=value,
                    label=dimension.label_of(value),
                    respondents=None if hidden else sum(cell.respondents for cell in column),
                    suppressed=hidden,
                    stats=None,
                )
            )
        combined[dimension.name] = cells
    return total, combined


__all__ = [
    "STAT_NAMES",
    "Cell",
    "IssueResult",
    "SheetResult",
    "combined_respondents",
    "compute",
    "present",
]
