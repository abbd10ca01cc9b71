"""The results as open data: one row per issue (CSV, workbook) and the JSON document, from the
results one visitor may see (``feedback.results.visible_results``). Nothing is computed here:
every figure is the results', rounded as its column says (``columns``)."""

import json
from collections.abc import Callable, Iterable, Iterator

from django.utils import timezone

from ..results import DIMENSION, STAT_NAMES, VisibleResult
from .columns import csv_text, method, rounded, rounded_stats

Absolute = Callable[[str], str]


def issue_rows(visible: Iterable[VisibleResult]) -> Iterator[tuple]:
    """(sheet, coalition, output, issue_position, issue, *statistics) per issue, rounded; the
    sheets in the results' order, the issues in the output's."""
    for item in visible:
        result = item.result
        output = result.sheet.output
        for issue_result in result.issues:
            issue = issue_result.issue
            stats = rounded_stats(issue_result.stats)
            yield (
                result.sheet.code,
                output.coalition.slug,
                output.title,
                issue.position,
                issue.title,
                *(stats[name] for name in STAT_NAMES),
            )


def csv_rows(visible: Iterable[VisibleResult]) -> Iterator[list[str]]:
    """The CSV's rows: ``issue_rows`` written as text."""
    names = (None,) * 5 + STAT_NAMES
    for row in issue_rows(visible):
        yield [
            str(value) if name is None else csv_text(name, value)
            for name, value in zip(names, row, strict=True)
        ]


def _cell_json(dimension: str, cell) -> dict:
    return {
        "value": cell.value,
        # In the reader's language (the cached results carry the language they were built in).
        "label": str(DIMENSION[dimension].label_of(cell.value)),
        "respondents": cell.respondents,
        "suppressed": cell.suppressed,
        "stats": rounded_stats(cell.stats),
    }


def sheet_json(item: VisibleResult, absolute: Absolute) -> dict:
    result = item.result
    output = result.sheet.output
    return {
        "code": result.sheet.code,
        "coalition": {"slug": output.coalition.slug, "name": output.coalition.name},
        "output": {"title": output.title, "url": absolute(output.get_absolute_url())},
        "respondents": result.respondents,
        "issues": [
            {
                "position": issue_result.issue.position,
                "title": issue_result.issue.title,
                "hidden": issue_result.hidden,
                "stats": rounded_stats(issue_result.stats),
                "breakdowns": {
                    name: [_cell_json(name, cell) for cell in cells]
                    for name, cells in issue_result.breakdowns.items()
                },
            }
            for issue_result in result.issues
        ],
    }


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_chunks(session, visible: list[VisibleResult], absolute: Absolute) -> Iterator[str]:
    """The JSON document, one sheet at a time: ``{"generated_at", "method", "sheets"}``."""
    generated_at = session.local(timezone.now()).isoformat(timespec="seconds")
    yield f'{{"generated_at": {_dumps(generated_at)}, "method": {_dumps(method())}, "sheets": ['
    for index, item in enumerate(visible):
        yield (", " if index else "") + _dumps(sheet_json(item, absolute))
    yield "]}"


__all__ = ["csv_rows", "issue_rows", "json_chunks", "rounded", "sheet_json"]
