"""Reads for the Day 4 debate's pages: the running order as one visitor may see it, the item
being discussed with its accepted questions, and the organisers' moderation queue.

No figure is computed here: each comes from ``results.visible_results`` (the one visibility
predicate decides which sheets' figures a visitor sees). A fixed number of queries, whatever the
number of items, issues or questions.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Case, IntegerField, Value, When

from coalitions.models import Issue
from igfsession.models import Part, Session

from .models import DebateItem, DebateQuestion, IssueAnswer, QuestionStatus
from .readings import SuggestedReading, Thresholds, suggested_reading
from .results import IssueResult, visible_results
from .selectors import published_answers
from .services.debate import thresholds_of

PUBLIC_QUESTIONS = (QuestionStatus.ACCEPTED, QuestionStatus.ANSWERED)


@dataclass(frozen=True)
class BoardItem:
    """One item of the running order as a visitor sees it: figures only where allowed."""

    item: DebateItem
    starts_at: datetime | None
    figures: IssueResult | None = None
    sheet: object = None
    answer: IssueAnswer | None = None
    reading: SuggestedReading | None = None

    @property
    def issue(self):
        return self.item.issue

    @property
    def output(self):
        return self.item.issue.output

    @property
    def coalition(self):
        return self.item.issue.output.coalition

    @property
    def anchor(self) -> str:
        return f"item-{self.item.pk}"


@dataclass
class Board:
    session: Session
    thresholds: Thresholds
    part: Part | None
    items: list[BoardItem] = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return sum(each.item.minutes for each in self.items)

    @property
    def current(self) -> BoardItem | None:
        return next((each for each in self.items if each.item.is_current), None)


def debate_part(session: Session) -> Part | None:
    """The session's debate part (``Part.Kind.DEBATE``), the first if there are several."""
    return (
        Part.objects.filter(session=session, kind=Part.Kind.DEBATE)
        .order_by("starts_at", "pk")
        .first()
    )


def debate_items(session: Session) -> list[DebateItem]:
    return list(
        DebateItem.objects.filter(session=session)
        .select_related("issue__output__coalition")
        .order_by("position", "pk")
    )


def debate_board(session: Session, user, respondent_hash: str | None) -> Board:
    """The running order with start times (from the debate part's start), each item's figures
    where the visitor may see its sheet's results, its suggested reading, and the coalition's
    latest published answer."""
    items = debate_items(session)
    part = debate_part(session)
    thresholds = thresholds_of(session)
    board = Board(session=session, thresholds=thresholds, part=part)
    if not items:
        return board
    answers = {
        issue_id: versions[0]
        for issue_id, versions in published_answers(each.issue_id for each in items).items()
    }
    figures: dict[int, tuple] = {}
    for shown in visible_results(user, respondent_hash, session):
        for result in shown.result.issues:
            figures[result.issue.pk] = (result, shown.sheet)
    at = part.starts_at if part is not None else None
    for each in items:
        result, sheet = figures.get(each.issue_id, (None, None))
        board.items.append(
            BoardItem(
                item=each,
                starts_at=at,
                figures=result,
                sheet=sheet,
                answer=answers.get(each.issue_id),
                reading=suggested_reading(result.stats, thresholds) if result else None,
            )
        )
        if at is not None:
            at = at + timedelta(minutes=each.minutes)
    return board


def addable_issues(session: Session) -> list[Issue]:
    """The session's issues (hidden ones left out) not in the running order yet (one query)."""
    return list(
        Issue.objects.visible()
        .filter(output__session=session)
        .exclude(debate_items__session=session)
        .select_related("output__coalition")
        .order_by("output__coalition__name", "output__title", "position", "pk")
    )


def public_questions(item: DebateItem | None) -> list[DebateQuestion]:
    """The accepted questions of an item, in the order they were accepted (one query)."""
    if item is None:
        return []
    return list(
        DebateQuestion.objects.filter(item=item, status__in=PUBLIC_QUESTIONS).order_by(
            "accepted_at", "pk"
        )
    )


def moderation_queue(item: DebateItem | None) -> list[DebateQuestion]:
    """Every question of an item for organisers: those waiting first, then accepted, answered
    and dismissed, each in the order sent (one query)."""
    if item is None:
        return []
    rank = Case(
        When(status=QuestionStatus.PENDING, then=Value(0)),
        When(status=QuestionStatus.ACCEPTED, then=Value(1)),
        When(status=QuestionStatus.ANSWERED, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    return list(
        DebateQuestion.objects.filter(item=item)
        .annotate(rank=rank)
        .order_by("rank", "sent_at", "pk")
    )
