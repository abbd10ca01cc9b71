"""The results as rows, one per issue: the overview's table and the projector's list, in the
order a visitor asks for. No figure is computed here: every one is ``stats.issue_statistics``'s.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models import RatingSheet
from .build import IssueResult, SheetResult
from .stats import DIVIDED, IRS_ENOUGH_MARKS


def has_few_marks(stats: dict) -> bool:
    """The issue's figures rest on fewer than 12 marks: a hint, not a verdict."""
    return stats["marks"] < IRS_ENOUGH_MARKS


def is_divided(stats: dict) -> bool:
    controversy = stats["controversy"]
    return controversy is not None and controversy >= DIVIDED


@dataclass(frozen=True)
class IssueRow:
    sheet: RatingSheet
    item: IssueResult

    @property
    def issue(self):
        return self.item.issue

    @property
    def stats(self) -> dict:
        return self.item.stats

    @property
    def hidden(self) -> bool:
        return self.item.hidden

    @property
    def few_marks(self) -> bool:
        return has_few_marks(self.stats)

    @property
    def divided(self) -> bool:
        return is_divided(self.stats)


def issue_rows(results: Iterable[SheetResult]) -> list[IssueRow]:
    """Every issue of the results, sheet by sheet, each sheet's issues in their order."""
    return [IssueRow(sheet=result.sheet, item=item) for result in results for item in result.issues]


def _descending(value):
    """Largest first, undefined (None) last."""
    return (value is None, -value if value is not None else 0)


def _ascending(value):
    """Smallest first, undefined (None) last."""
    return (value is None, value if value is not None else 0)


def _contested(row: IssueRow):
    return (*_descending(row.stats["controversy"]), *_ascending(row.stats["consensus"]))


def _unclear(row: IssueRow):
    return _descending(row.stats["confusion_pct"])


# ?sort= values: the key and the label of the link. The empty value is the sheets' own order.
SORTS = {
    "": (None, _("In order")),
    "contested": (_contested, _("Most contested")),
    "unclear": (_unclear, _("Least clear")),
}


def sorted_rows(rows: list[IssueRow], sort: str) -> list[IssueRow]:
    """``rows`` in the order ``sort`` names (ties keep the sheets' own order); an unknown sort is
    the sheets' own order."""
    key = SORTS.get(sort, SORTS[""])[0]
    return sorted(rows, key=key) if key else list(rows)


def most_contested(rows: list[IssueRow], limit: int) -> list[IssueRow]:
    """The ``limit`` most contested issues that have agreement marks."""
    ranked = sorted_rows(rows, "contested")
    return [row for row in ranked if row.stats["controversy"] is not None][:limit]
