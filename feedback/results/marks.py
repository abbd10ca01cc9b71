"""The six marks as the results show them: in the scale's order, with a short label and a colour.

Colours are never the only way to tell marks apart: every chart keeps the order below (its
position) and says each mark in text. Each colour has at least 4.5:1 contrast with white (white
figures on it are readable, and it stands out against the white page and the white gaps between
a bar's parts: WCAG 1.4.3 and 1.4.11).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .stats import MARK_FIELDS


@dataclass(frozen=True)
class MarkStyle:
    value: str  # the stored mark (feedback.models.Mark)
    field: str  # its count in the statistics (stats.STAT_NAMES)
    label: str
    colour: str


MARKS = (
    MarkStyle("5", MARK_FIELDS["5"], _("Strong agreement"), "#14532d"),
    MarkStyle("4", MARK_FIELDS["4"], _("Agreement"), "#2f7d32"),
    MarkStyle("3", MARK_FIELDS["3"], _("Neutral"), "#5c6166"),
    MarkStyle("2", MARK_FIELDS["2"], _("Disagreement"), "#b3261e"),
    MarkStyle("1", MARK_FIELDS["1"], _("Strong disagreement"), "#6b1010"),
    MarkStyle("confusion", MARK_FIELDS["confusion"], _("Confusion"), "#5b2c91"),
)
MARK_LABELS = {mark.value: mark.label for mark in MARKS}
