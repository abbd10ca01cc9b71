"""The suggested reading of an issue, by a published rule, from its statistics only.

The rule, checked in this order (thresholds per session, ``ReadingThresholds``):

1. *not enough marks* — the method's enough-marks rule (``irs_enough_marks``) says no;
2. *unclear — redraft the wording* — ``confusion_pct`` at least 20;
3. *divided — debate it* — ``controversy`` at least 0.5;
4. *supported* — ``agreement_pct_low`` at least 50 (with *broad support* named when true);
5. *opposed — rework it* — ``disagreement_pct`` at least 50;
6. *mixed* — anything else.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Reading:
    NOT_ENOUGH = "not_enough"
    UNCLEAR = "unclear"
    DIVIDED = "divided"
    SUPPORTED = "supported"
    OPPOSED = "opposed"
    MIXED = "mixed"
    LABELS = {
        NOT_ENOUGH: _("not enough marks"),
        UNCLEAR: _("unclear — redraft the wording"),
        DIVIDED: _("divided — debate it"),
        SUPPORTED: _("supported"),
        OPPOSED: _("opposed — rework it"),
        MIXED: _("mixed"),
    }


@dataclass(frozen=True)
class Thresholds:
    """The rule's thresholds; organisers may change them per session (the defaults here)."""

    confusion_pct: float = 20.0
    controversy: float = 0.5
    agreement_pct_low: float = 50.0
    disagreement_pct: float = 50.0


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class SuggestedReading:
    code: str
    broad_support: bool = False

    @property
    def label(self) -> str:
        return str(Reading.LABELS[self.code])


def _at_least(value, threshold) -> bool:
    return value is not None and value >= threshold


def suggested_reading(stats: dict, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> SuggestedReading:
    """The one reading of an issue with these statistics (``stats.issue_statistics``)."""
    if not stats["irs_enough_marks"]:
        return SuggestedReading(Reading.NOT_ENOUGH)
    if _at_least(stats["confusion_pct"], thresholds.confusion_pct):
        return SuggestedReading(Reading.UNCLEAR)
    if _at_least(stats["controversy"], thresholds.controversy):
        return SuggestedReading(Reading.DIVIDED)
    if _at_least(stats["agreement_pct_low"], thresholds.agreement_pct_low):
        return SuggestedReading(Reading.SUPPORTED, broad_support=bool(stats["broad_support"]))
    if _at_least(stats["disagreement_pct"], thresholds.disagreement_pct):
        return SuggestedReading(Reading.OPPOSED)
    return SuggestedReading(Reading.MIXED)


def readings_of(issue_results, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict:
    """{issue id: SuggestedReading} for results' issues (``results.IssueResult``)."""
    return {item.issue.pk: suggested_reading(item.stats, thresholds) for item in issue_results}
