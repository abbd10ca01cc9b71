"""The results: what every results page and export reads, for one visitor.

``session_results`` is the session's exact results, kept in the shared cache and recomputed at
most once every ``RESULTS_FRESH_SECONDS`` however many responses arrive (a hall submitting at once
does not recompute every mark per submission; a new response shows within that time). Changes
that decide who sees what — a sheet opened, closed or set, an issue hidden — forget the cached
results at once (``forget_session_results``).

``visible_results`` cuts them for one visitor with the one visibility predicate
(``feedback.permissions``): the sheets they may see, each exact for organisers and the
coalition's coordinators, or with small cells suppressed and hidden issues left out.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache

from ..permissions import can_see_exact_results, sheets_with_visible_results
from .build import (
    Cell,
    IssueResult,
    SheetResult,
    combined_respondents,
    compute,
    present,
    result_sheets,
)
from .queries import DIMENSION, DIMENSIONS, Period
from .stats import STAT_NAMES, MarkCounts, issue_statistics

RESULTS_FRESH_SECONDS = 10
_KEEP_SECONDS = 3600  # a stale copy is served while one request recomputes
_LOCK_SECONDS = 60


def _generation(session_pk: int) -> int:
    """A number in every cache key of the session's results: forgetting them moves it on."""
    key = f"results:v1:{session_pk}:generation"
    cache.add(key, 0, timeout=None)
    return cache.get(key, 0)


def _key(session_pk: int, breakdowns: bool, codes: tuple[str, ...] | None) -> str:
    kind = "full" if breakdowns else "overview"
    which = ",".join(codes) if codes is not None else "all"
    return f"results:v1:{session_pk}:{_generation(session_pk)}:{kind}:{which}"


def session_results(
    session, *, breakdowns: bool = False, codes: list[str] | None = None
) -> list[SheetResult]:
    """The exact results of the rating sheets of ``session`` (those of ``codes``, or all), from
    the cache when fresh. Breakdowns cost more: ask for them for the sheets a page shows."""
    codes = tuple(sorted(codes)) if codes is not None else None
    key = _key(session.pk, breakdowns, codes)
    cached = cache.get(key)
    now = time.time()
    if cached is not None:
        computed_at, results = cached
        fresh = now - computed_at < RESULTS_FRESH_SECONDS
        # While another request recomputes, the previous results are served.
        if fresh or not cache.add(f"{key}:lock", 1, timeout=_LOCK_SECONDS):
            return results
    try:
        sheets = result_sheets(session, codes=list(codes) if codes is not None else None)
        results = compute(session, sheets, breakdowns=breakdowns)
        cache.set(key, (now, results), timeout=_KEEP_SECONDS)
    finally:
        cache.delete(f"{key}:lock")
    return results


def forget_session_results(session_pk: int) -> None:
    """Forget the cached results of a session: the next view recomputes them."""
    key = f"results:v1:{session_pk}:generation"
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # gone between add and incr
        cache.set(key, 1, timeout=None)


@dataclass(frozen=True)
class VisibleResult:
    """One sheet's results as one visitor may see them."""

    result: SheetResult
    exact: bool  # every figure, small cells and hidden issues included

    @property
    def sheet(self):
        return self.result.sheet


def visible_results(
    user,
    respondent_hash: str | None,
    session,
    *,
    breakdowns: bool = False,
    codes: list[str] | None = None,
    at=None,
) -> list[VisibleResult]:
    """The sheets of ``session`` (those of ``codes``, or all) whose results this visitor may
    see, cut for them."""
    results = session_results(session, breakdowns=breakdowns, codes=codes)
    by_sheet = {result.sheet.pk: result for result in results}
    visible = sheets_with_visible_results(
        user, respondent_hash, [result.sheet for result in results], at=at
    )
    shown = []
    for sheet in visible:
        exact = can_see_exact_results(user, sheet)
        shown.append(VisibleResult(result=present(by_sheet[sheet.pk], exact=exact), exact=exact))
    return shown


__all__ = [
    "DIMENSION",
    "DIMENSIONS",
    "RESULTS_FRESH_SECONDS",
    "STAT_NAMES",
    "Cell",
    "IssueResult",
    "MarkCounts",
    "Period",
    "SheetResult",
    "VisibleResult",
    "combined_respondents",
    "forget_session_results",
    "issue_statistics",
    "session_results",
    "visible_results",
]
