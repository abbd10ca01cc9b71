"""The exports' columns, how each value is written, and the method in words.

One place for every format: the CSV writes ``csv_text(name, value)``, the JSON and the workbooks
``rounded(name, value)``, so that the three carry the same numbers (the JSON's are the CSV's,
read back as numbers). Undefined values stay undefined: empty in the CSV and the workbooks,
``null`` in the JSON.
"""

from django.utils.translation import gettext_lazy as _

from ..results import STAT_NAMES
from ..results.stats import (
    BALANCE_MIN_MARKS,
    BROAD_SUPPORT_GROUPS,
    IRS_ENOUGH_MARKS,
    IRS_SMALL_SHEET,
    SMALL_CELL,
)

# Changes whenever a definition below or a figure's computation changes.
METHOD_VERSION = "1.0"

RESULTS_ISSUE_COLUMNS = ("sheet", "coalition", "output", "issue_position", "issue")
RESULTS_HEADER = (*RESULTS_ISSUE_COLUMNS, *STAT_NAMES)

RESPONSES_HEADER = (
    "response",
    "sheet",
    "coalition",
    "issue_position",
    "issue",
    "mark",
    "comment",
    "stakeholder_group",
    "region",
    "attendance",
    "channel",
    "period",
    "submitted_at",
)

PERCENTAGES = frozenset(
    {
        "agreement_pct",
        "agreement_pct_low",
        "agreement_pct_high",
        "disagreement_pct",
        "confusion_pct",
        "confusion_pct_low",
        "confusion_pct_high",
        "balanced_agreement_pct",
    }
)
# Decimals of each statistic that is not a count or a yes/no.
DECIMALS = {
    **dict.fromkeys(PERCENTAGES, 1),
    "mean": 2,
    "median": 2,
    "irs_score": 1,
    "consensus": 4,
    "controversy": 4,
}
BOOLEANS = frozenset({"irs_enough_marks", "broad_support"})
COUNTS = frozenset(STAT_NAMES) - set(DECIMALS) - BOOLEANS


def rounded(name: str, value):
    """A statistic as every export carries it: rounded as its column says (no ``-0.0``)."""
    if value is None or name not in DECIMALS:
        return value
    return round(value, DECIMALS[name]) + 0.0  # + 0.0 turns -0.0 into 0.0


def csv_text(name: str, value) -> str:
    """A statistic as the CSV writes it: ``""`` when undefined, ``true``/``false``, fixed
    decimals."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if name in DECIMALS:
        return f"{rounded(name, value):.{DECIMALS[name]}f}"
    return str(value)


def rounded_stats(stats: dict | None) -> dict:
    """Every statistic of ``STAT_NAMES``, rounded; all ``None`` for a suppressed cell."""
    if stats is None:
        return dict.fromkeys(STAT_NAMES)
    return {name: rounded(name, stats[name]) for name in STAT_NAMES}


def _definitions() -> dict:
    return {
        "sheet": _("The rating sheet's code."),
        "coalition": _("The coalition's short name in links."),
        "output": _("The output's title."),
        "issue_position": _("The issue's position in the output."),
        "issue": _("The issue's title."),
        "marks": _("Marks the issue got, Confusion included."),
        "strong_agreement": _("Marks of Strong agreement (5)."),
        "agreement": _("Marks of Agreement (4)."),
        "neutral": _("Marks of Neutral (3)."),
        "disagreement": _("Marks of Disagreement (2)."),
        "strong_disagreement": _("Marks of Strong disagreement (1)."),
        "confusion": _(
            "Marks of Confusion: the statement is unclear to the rater. Counted, never averaged."
        ),
        "skipped": _("Counted responses to the sheet that left the issue unmarked."),
        "mean": _("The mean of the agreement marks 5 to 1 (Confusion left out)."),
        "median": _(
            "The middle agreement mark; of an even number of marks, the mean of the two middle "
            "ones."
        ),
        "agreement_pct": _(
            "Strong agreement and Agreement, in percent of the agreement marks 5 to 1."
        ),
        "agreement_pct_low": _(
            "The lower bound of the 95 % Wilson score interval of agreement_pct."
        ),
        "agreement_pct_high": _(
            "The upper bound of the 95 % Wilson score interval of agreement_pct."
        ),
        "disagreement_pct": _(
            "Disagreement and Strong disagreement, in percent of the agreement marks 5 to 1."
        ),
        "confusion_pct": _("Confusion, in percent of all marks."),
        "confusion_pct_low": _(
            "The lower bound of the 95 % Wilson score interval of confusion_pct."
        ),
        "confusion_pct_high": _(
            "The upper bound of the 95 % Wilson score interval of confusion_pct."
        ),
        "consensus": _(
            "Tastle and Wierman's consensus over the agreement marks: 1 when everyone gave the "
            "same mark, 0 when the marks are split between the two ends."
        ),
        "controversy": _(
            "Twice the smaller of the agreeing (5, 4) and the disagreeing (2, 1) marks, divided "
            "by the agreement marks: 0 with no opposition, 1 for an even split."
        ),
        "irs_score": _(
            "The Idea Rating Sheets score, (10·Strong agreement + 5·Agreement - 5·Disagreement "
            "- 10·Strong disagreement) / agreement marks: from -10 to +10."
        ),
        "irs_enough_marks": _(
            "Whether the score can be read, by the method's own rule: at least %(marks)d marks, "
            "or, on a sheet with fewer than %(small)d respondents, marks from at least two "
            "thirds of them."
        ),
        "balanced_agreement_pct": _(
            "The plain mean of the agreement_pct of each stakeholder group with at least "
            "%(min)d agreement marks, so that an over-represented group does not dominate; "
            "empty with fewer than 2 such groups."
        ),
        "groups_for_balance": _(
            "How many stakeholder groups have at least %(min)d agreement marks."
        ),
        "broad_support": _(
            "Whether at least %(groups)d such groups each have the lower bound of their "
            "agreement_pct above 50."
        ),
    }


def _rules() -> dict:
    return {
        "scale": _(
            "The Idea Rating Sheets scale: Strong agreement (5), Agreement (4), Neutral (3), "
            "Disagreement (2), Strong disagreement (1), and Confusion, a mark of its own for a "
            "statement that is unclear to the rater: counted, never averaged. Every figure but "
            "the counts and Confusion's is over the agreement marks 5 to 1."
        ),
        "counted": _(
            "Only counted responses: withdrawn ones are left out. A skipped issue has no mark."
        ),
        "undefined": _(
            "A figure that is undefined (no marks to compute it from) is empty in the CSV and "
            "the workbook and null in the JSON, never 0."
        ),
        "rounding": _(
            "Percentages from 0 to 100 with one decimal; mean and median with two; irs_score "
            "with one; consensus and controversy with four."
        ),
        "breakdowns": _(
            "Breakdowns by stakeholder group, UN regional group, taking part (in the room or "
            "remote), channel (online or paper) and period: before the session's first part, "
            "during the session (until midnight at the end of its last day, venue time), or "
            "after."
        ),
        "suppression": _(
            "In public, a breakdown cell with fewer than %(small)d respondents (0 included) is "
            "suppressed: its respondents and statistics are left out. Organisers and the "
            "coalition's coordinators get every cell."
        ),
        "hidden_issues": _(
            "Hidden issues are left out of the public exports; organisers and the coalition's "
            "coordinators get them, marked hidden in the JSON."
        ),
        "visibility": _(
            "A sheet's results are in the exports only for those who may see them on the "
            "pages: while a sheet is open, not for a visitor who has not sent it."
        ),
    }


# The method's numbers, put into the texts that name them (only those: the others may hold a %).
_VALUES = {
    "irs_enough_marks": {"marks": IRS_ENOUGH_MARKS, "small": IRS_SMALL_SHEET},
    "balanced_agreement_pct": {"min": BALANCE_MIN_MARKS},
    "groups_for_balance": {"min": BALANCE_MIN_MARKS},
    "broad_support": {"groups": BROAD_SUPPORT_GROUPS},
    "suppression": {"small": SMALL_CELL},
}


def _said(texts: dict, name: str) -> str:
    text = str(texts[name])
    return text % _VALUES[name] if name in _VALUES else text


def column_definitions() -> dict[str, str]:
    """{column: its definition in words}, in the active language, for every results column."""
    texts = _definitions()
    return {name: _said(texts, name) for name in RESULTS_HEADER}


def method() -> dict:
    """The method in words, in the active language: its version, its rules and a definition of
    every statistic."""
    definitions = column_definitions()
    texts = _rules()
    rules = {name: _said(texts, name) for name in texts}
    return {
        "version": METHOD_VERSION,
        **rules,
        "definitions": {name: definitions[name] for name in STAT_NAMES},
    }


def response_column_definitions() -> dict[str, str]:
    """{column: its definition in words} for responses.csv and responses.xlsx."""
    texts = {
        "response": _("The response's number: the marks of one filled-in sheet share it."),
        "sheet": _("The rating sheet's code."),
        "coalition": _("The coalition's short name in links."),
        "issue_position": _("The issue's position in the output."),
        "issue": _("The issue's title."),
        "mark": _("5, 4, 3, 2, 1 (Strong agreement to Strong disagreement) or confusion."),
        "comment": _("The comment on the issue; empty when none was given or it is hidden."),
        "stakeholder_group": _("The stakeholder group's code; empty when not said."),
        "region": _("The UN regional group's code; empty when not said."),
        "attendance": _("room or remote; empty when not said."),
        "channel": _("online or paper."),
        "period": _(
            "before, during or after the session, from when the sheet was filled in (as in "
            "the results)."
        ),
        "submitted_at": _("When the response was sent or typed in, ISO 8601, venue time."),
    }
    return {name: str(texts[name]) for name in RESPONSES_HEADER}
