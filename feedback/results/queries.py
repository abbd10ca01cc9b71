"""The results' counts, aggregated in the database: a fixed number of queries whatever the number
of responses (one per breakdown for the marks, one per breakdown for the respondents).

Only counted responses are read (``counted_responses``: withdrawn ones are left out). The marks
of hidden issues are counted too; the pages and exports decide who sees them.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Case, CharField, Count, F, Max, Min, Value, When
from django.utils.translation import gettext_lazy as _

from coalitions.models import Issue
from igfsession.choices import Attendance, Region, StakeholderGroup
from igfsession.models import Part, Session

from ..models import Channel, Rating, Response, counted_responses
from .stats import MARK_FIELDS, MarkCounts

NOT_SAID = ""


class Period:
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    CHOICES = (
        (BEFORE, _("Before the session")),
        (DURING, _("During the session")),
        (AFTER, _("After the session")),
    )


@dataclass(frozen=True)
class Dimension:
    """One breakdown: how responses are grouped, and the cells' values and labels in order."""

    name: str
    label: str
    choices: tuple[tuple[str, str], ...]
    not_said: bool  # responses may leave it blank: a "not said" cell

    @property
    def values(self) -> list[str]:
        return [value for value, _label in self.choices] + ([NOT_SAID] if self.not_said else [])

    def label_of(self, value: str):
        """The value's label, lazily translated: the results are cached and read in every
        language, so it is put in the reader's language when shown."""
        if value == NOT_SAID:
            return _("Not said")
        return dict(self.choices)[value]


DIMENSIONS = (
    Dimension("stakeholder_group", _("Stakeholder group"), tuple(StakeholderGroup.choices), True),
    Dimension("region", _("UN regional group"), tuple(Region.choices), True),
    Dimension("attendance", _("Taking part"), tuple(Attendance.choices), True),
    Dimension("channel", _("Channel"), tuple(Channel.choices), False),
    Dimension("period", _("When the sheet was filled in"), Period.CHOICES, False),
)
DIMENSION = {dimension.name: dimension for dimension in DIMENSIONS}


@dataclass(frozen=True)
class SessionPeriods:
    """``before`` the start of the session's first part, ``during`` until the end of its last day
    (midnight, venue time), ``after`` later."""

    starts_at: datetime
    ends_at: datetime


def session_periods(session: Session) -> SessionPeriods | None:
    """The session's periods from its parts (one query); None for a session without parts."""
    bounds = Part.objects.for_session(session).aggregate(
        first=Min("starts_at"), last=Max("starts_at")
    )
    if bounds["first"] is None:
        return None
    last_day = session.local(bounds["last"]).date()
    midnight = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=session.tz)
    return SessionPeriods(starts_at=bounds["first"], ends_at=midnight)


def period_of(filled_in: str, periods: SessionPeriods | None):
    """The period of a response reached through ``filled_in`` (its ``filled_in_at`` field), as
    a database expression. Without parts, every response is ``during``."""
    if periods is None:
        return Value(Period.DURING, output_field=CharField())
    return Case(
        When(**{f"{filled_in}__lt": periods.starts_at}, then=Value(Period.BEFORE)),
        When(**{f"{filled_in}__lt": periods.ends_at}, then=Value(Period.DURING)),
        default=Value(Period.AFTER),
        output_field=CharField(),
    )


def _cell(dimension: str | None, prefix: str, periods: SessionPeriods | None):
    if dimension is None:
        return None
    if dimension == "period":
        return period_of(f"{prefix}filled_in_at", periods)
    return F(f"{prefix}{dimension}")


def mark_counts(
    sheet_ids: Iterable[int], *, dimension: str | None = None, periods=None
) -> dict[tuple[int, str | None], MarkCounts]:
    """{(issue id, cell value): its marks} over the sheets' counted responses.

    Grouped by the mark too, with one plain count, and turned into ``MarkCounts`` here. By
    stakeholder group (the overview's figures and the balance) it reads the group each rating
    carries, in the ratings table alone, and takes away the marks of the few withdrawn responses
    (two queries, neither a join of every mark); by another breakdown it joins the responses
    (one query).
    """
    sheet_ids = list(sheet_ids)
    if dimension in (None, "stakeholder_group"):
        # The issues of the sheets as a subquery: the database then reads each issue's marks
        # from the index on (issue, stakeholder group, mark), touching no other table.
        by_group = _grouped_marks(
            Rating.objects.filter(
                issue__in=Issue.objects.filter(output__rating_sheet__in=sheet_ids).values("pk")
            ),
            "stakeholder_group",
        )
        withdrawn = _grouped_marks(
            Rating.objects.filter(response__sheet__in=sheet_ids).exclude(
                counted_responses("response__")
            ),
            "stakeholder_group",
        )
        for key, marks in withdrawn.items():
            for field, n in marks.items():
                by_group[key][field] -= n
        if dimension is None:
            totals: dict = defaultdict(lambda: defaultdict(int))
            for (issue_id, _group), marks in by_group.items():
                for field, n in marks.items():
                    totals[(issue_id, None)][field] += n
            by_group = totals
        return {key: MarkCounts(**marks) for key, marks in by_group.items()}
    rows = (
        Rating.objects.filter(response__sheet__in=sheet_ids)
        .filter(counted_responses("response__"))
        .annotate(cell=_cell(dimension, "response__", periods))
        .values_list("issue_id", "cell", "mark")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[int, str | None], dict[str, int]] = defaultdict(dict)
    for issue_id, cell, mark, n in rows:
        counts[(issue_id, cell)][MARK_FIELDS[mark]] = n
    return {key: MarkCounts(**marks) for key, marks in counts.items()}


def _grouped_marks(ratings, cell: str) -> dict[tuple[int, str], dict[str, int]]:
    """{(issue id, the rating's ``cell`` field): {mark field: count}} (one query)."""
    counts: dict = defaultdict(lambda: defaultdict(int))
    rows = ratings.values_list("issue_id", cell, "mark").annotate(n=Count("*")).order_by()
    for issue_id, value, mark, n in rows:
        counts[(issue_id, value)][MARK_FIELDS[mark]] += n
    return counts


def respondent_counts(
    sheet_ids: Iterable[int], *, dimension: str | None = None, periods=None
) -> dict[tuple[int, str | None], int]:
    """{(sheet id, cell value): counted responses} (one query)."""
    rows = (
        Response.objects.filter(sheet__in=list(sheet_ids))
        .filter(counted_responses())
        .annotate(cell=_cell(dimension, "", periods) or Value(None, CharField()))
        .values("sheet_id", "cell")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["sheet_id"], row["cell"]): row["n"] for row in rows}
