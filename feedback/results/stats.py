"""The statistics of one issue's marks, from their counts: the method, in one place.

Everything here is computed from counts that the database aggregated (``MarkCounts``); nothing
reads a rating. Every page and export takes its figures from ``issue_statistics``. A value that
is undefined (no agreement marks, no marks) is ``None``, never 0. Confusion is counted but never
enters a number: means, medians, percentages of agreement, consensus and the IRS score are over
the agreement marks 5..1 only.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields

Z_95 = 1.96  # the Wilson score interval at 95 %
SMALL_CELL = 5  # a breakdown cell with fewer respondents is shown as "fewer than 5" in public
BALANCE_MIN_MARKS = 5  # a stakeholder group counts in the balance with this many agreement marks
BROAD_SUPPORT_GROUPS = 3
IRS_ENOUGH_MARKS = 12
IRS_SMALL_SHEET = 18
DIVIDED = 0.5  # an issue is divided from this controversy on

# The statistics, in the order of the CSV export's columns after the issue.
STAT_NAMES = (
    "marks",
    "strong_agreement",
    "agreement",
    "neutral",
    "disagreement",
    "strong_disagreement",
    "confusion",
    "skipped",
    "mean",
    "median",
    "agreement_pct",
    "agreement_pct_low",
    "agreement_pct_high",
    "disagreement_pct",
    "confusion_pct",
    "confusion_pct_low",
    "confusion_pct_high",
    "consensus",
    "controversy",
    "irs_score",
    "irs_enough_marks",
    "balanced_agreement_pct",
    "groups_for_balance",
    "broad_support",
)


@dataclass(frozen=True)
class MarkCounts:
    """How many of each mark an issue got (over some set of counted responses)."""

    strong_agreement: int = 0
    agreement: int = 0
    neutral: int = 0
    disagreement: int = 0
    strong_disagreement: int = 0
    confusion: int = 0

    def __add__(self, other: "MarkCounts") -> "MarkCounts":
        return MarkCounts(
            *(getattr(self, f.name) + getattr(other, f.name) for f in fields(MarkCounts))
        )

    @property
    def marks(self) -> int:
        """All six marks."""
        return self.agreeing + self.confusion

    @property
    def agreeing(self) -> int:
        """The agreement marks 5..1: the n of every figure but the counts and Confusion's."""
        return (
            self.strong_agreement
            + self.agreement
            + self.neutral
            + self.disagreement
            + self.strong_disagreement
        )

    def by_score(self) -> dict[int, int]:
        return {
            5: self.strong_agreement,
            4: self.agreement,
            3: self.neutral,
            2: self.disagreement,
            1: self.strong_disagreement,
        }


# Which stored mark (feedback.models.Mark) each count is.
MARK_FIELDS = {
    "5": "strong_agreement",
    "4": "agreement",
    "3": "neutral",
    "2": "disagreement",
    "1": "strong_disagreement",
    "confusion": "confusion",
}


def percent(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def wilson_pct(successes: int, trials: int, z: float = Z_95) -> tuple[float | None, float | None]:
    """The Wilson score interval of ``successes / trials``, in percent, clamped to 0..100."""
    if not trials:
        return None, None
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / denominator
    return max(0.0, 100 * (centre - half)), min(100.0, 100 * (centre + half))


def mean(counts: MarkCounts) -> float | None:
    n = counts.agreeing
    if not n:
        return None
    return sum(score * count for score, count in counts.by_score().items()) / n


def median(counts: MarkCounts) -> float | None:
    """The middle agreement mark; of an even number of marks, the mean of the two middle ones."""
    n = counts.agreeing
    if not n:
        return None

    def nth(index: int) -> int:  # 0-based, marks in ascending order
        seen = 0
        for score in (1, 2, 3, 4, 5):
            seen += counts.by_score()[score]
            if index < seen:
                return score
        raise IndexError(index)

    if n % 2:
        return float(nth(n // 2))
    return (nth(n // 2 - 1) + nth(n // 2)) / 2


def consensus(counts: MarkCounts) -> float | None:
    """Tastle and Wierman's consensus: 1 + Σ pᵢ·log₂(1 - |i - μ| / 4) over the marks 1..5.

    1 when everyone gave the same mark, 0 when the marks are split between the two ends.
    """
    n = counts.agreeing
    if not n:
        return None
    mu = mean(counts)
    total = 0.0
    for score, count in counts.by_score().items():
        if count:
            total += (count / n) * math.log2(1 - abs(score - mu) / 4)
    return 1 + total


def controversy(counts: MarkCounts) -> float | None:
    """2 x min(agreeing, disagreeing) / n: 0 with no opposition, 1 for an even split."""
    n = counts.agreeing
    if not n:
        return None
    agree = counts.strong_agreement + counts.agreement
    disagree = counts.disagreement + counts.strong_disagreement
    return 2 * min(agree, disagree) / n


def irs_score(counts: MarkCounts) -> float | None:
    """The Idea Rating Sheets agreement score, (10·SA + 5·A - 5·D - 10·SD) / n: -10..+10."""
    n = counts.agreeing
    if not n:
        return None
    return (
        10 * counts.strong_agreement
        + 5 * counts.agreement
        - 5 * counts.disagreement
        - 10 * counts.strong_disagreement
    ) / n


def irs_enough_marks(marks: int, respondents: int) -> bool:
    """The method's own rule for when a sheet's score can be read: 12 marks, or, on a sheet with
    fewer than 18 respondents, marks from at least two thirds of them."""
    if marks >= IRS_ENOUGH_MARKS:
        return True
    return respondents < IRS_SMALL_SHEET and 3 * marks >= 2 * respondents and marks > 0


def agreement_pct(counts: MarkCounts) -> float | None:
    return percent(counts.strong_agreement + counts.agreement, counts.agreeing)


def balance(groups: Mapping[str, MarkCounts]) -> tuple[float | None, int, bool]:
    """(balanced_agreement_pct, groups_for_balance, broad_support) over the stakeholder groups.

    A group counts with at least 5 agreement marks. The balanced figure is the plain mean of those
    groups' agreement %, so that an over-represented group does not dominate (empty with fewer
    than 2 such groups); broad support needs at least 3 of them, every one with the lower bound
    of its agreement % above 50.
    """
    counted = [counts for counts in groups.values() if counts.agreeing >= BALANCE_MIN_MARKS]
    pcts = [agreement_pct(counts) for counts in counted]
    balanced = sum(pcts) / len(pcts) if len(counted) >= 2 else None
    lows = [wilson_pct(c.strong_agreement + c.agreement, c.agreeing)[0] for c in counted]
    broad = len(counted) >= BROAD_SUPPORT_GROUPS and all(low > 50 for low in lows)
    return balanced, len(counted), broad


def issue_statistics(
    counts: MarkCounts, *, respondents: int, groups: Mapping[str, MarkCounts] | None = None
) -> dict:
    """Every statistic of ``STAT_NAMES`` for one issue over ``respondents`` counted responses.

    ``groups``: the same issue's counts per stakeholder group (responses that gave no group left
    out), for the balance; without them the balance figures are empty.
    """
    n = counts.agreeing
    agree = counts.strong_agreement + counts.agreement
    disagree = counts.disagreement + counts.strong_disagreement
    agreement_low, agreement_high = wilson_pct(agree, n)
    confusion_low, confusion_high = wilson_pct(counts.confusion, counts.marks)
    balanced, group_count, broad = balance(groups or {})
    return {
        "marks": counts.marks,
        "strong_agreement": counts.strong_agreement,
        "agreement": counts.agreement,
        "neutral": counts.neutral,
        "disagreement": counts.disagreement,
        "strong_disagreement": counts.strong_disagreement,
        "confusion": counts.confusion,
        "skipped": max(respondents - counts.marks, 0),
        "mean": mean(counts),
        "median": median(counts),
        "agreement_pct": percent(agree, n),
        "agreement_pct_low": agreement_low,
        "agreement_pct_high": agreement_high,
        "disagreement_pct": percent(disagree, n),
        "confusion_pct": percent(counts.confusion, counts.marks),
        "confusion_pct_low": confusion_low,
        "confusion_pct_high": confusion_high,
        "consensus": consensus(counts),
        "controversy": controversy(counts),
        "irs_score": irs_score(counts),
        "irs_enough_marks": irs_enough_marks(counts.marks, respondents),
        "balanced_agreement_pct": balanced,
        "groups_for_balance": group_count,
        "broad_support": broad,
    }
