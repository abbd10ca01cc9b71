"""The Day 4 debate: its running order, built from the results and arranged by organisers; the
item being discussed; the remote participants' questions, public once an organiser accepts them.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import Issue, Output
from igfsession import page_cache
from igfsession.models import Session
from igfsession.permissions import is_organiser

from ..models import (
    NOTE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    AnswerDecision,
    DebateItem,
    DebateQuestion,
    IssueAnswer,
    QuestionStatus,
    ReadingThresholds,
)
from ..readings import DEFAULT_THRESHOLDS, Reading, Thresholds, suggested_reading
from ..results import session_results


def _organisers_only(user) -> None:
    if not is_organiser(user):
        raise PermissionDenied


def thresholds_of(session: Session) -> Thresholds:
    """The session's reading thresholds (one query), or the published defaults."""
    row = ReadingThresholds.objects.filter(session=session).first()
    return row.as_thresholds() if row is not None else DEFAULT_THRESHOLDS


def debate_suggestions(session: Session, thresholds: Thresholds | None = None) -> list[Issue]:
    """The suggested running order: the issues read *divided*, then *unclear*, then those their
    coalition sent to the debate (its published answer), across the session's final outputs,
    the most contested first (controversy, then the lowest consensus) within each group."""
    thresholds = thresholds or thresholds_of(session)
    latest: dict[int, str] = {}  # each issue's latest published decision
    for issue_id, decision in (
        IssueAnswer.objects.published()
        .filter(issue__output__session=session)
        .order_by("issue_id", "-version")
        .values_list("issue_id", "decision")
    ):
        latest.setdefault(issue_id, decision)
    groups: dict[int, list] = {0: [], 1: [], 2: []}
    for result in session_results(session):
        if result.output.status != Output.Status.FINAL:
            continue  # a work in progress (an introduction) is not debated
        for item in result.issues:
            if item.hidden:
                continue
            reading = suggested_reading(item.stats, thresholds).code
            if reading == Reading.DIVIDED:
                group = 0
            elif reading == Reading.UNCLEAR:
                group = 1
            elif latest.get(item.issue.pk) == AnswerDecision.DEBATE:
                group = 2
            else:
                continue
            groups[group].append(item)

    def most_contested(item):
        controversy = item.stats["controversy"]
        consensus = item.stats["consensus"]
        return (
            -(controversy if controversy is not None else -1),
            consensus if consensus is not None else 2,
            item.issue.pk,
        )

    return [item.issue for group in (0, 1, 2) for item in sorted(groups[group], key=most_contested)]


def _next_position(session: Session) -> int:
    return (DebateItem.objects.filter(session=session).aggregate(p=Max("position"))["p"] or 0) + 1


@transaction.atomic
def debate_start_from_suggestions(*, session: Session, user) -> int:
    """Add the suggested issues that are not in the running order yet, in the suggested order,
    after those already there: the number added."""
    _organisers_only(user)
    present = set(DebateItem.objects.filter(session=session).values_list("issue_id", flat=True))
    position = _next_position(session)
    added = 0
    for issue in debate_suggestions(session):
        if issue.pk in present:
            continue
        DebateItem.objects.create(session=session, issue=issue, position=position + added)
        added += 1
    return added


@transaction.atomic
def debate_item_add(*, session: Session, issue: Issue, user, minutes: int = 5) -> DebateItem:
    _organisers_only(user)
    if issue.output.session_id != session.pk:
        raise ValidationError(
            _("That issue does not belong to this session's outputs."), code="session"
        )
    if DebateItem.objects.filter(session=session, issue=issue).exists():
        raise ValidationError(_("“%(issue)s” is in the running order already.") % {"issue": issue})
    item = DebateItem(session=session, issue=issue, position=_next_position(session))
    item.minutes = minutes
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def debate_item_remove(*, item: DebateItem, user) -> None:
    _organisers_only(user)
    item.delete()
    _renumber(item.session_id)


def _renumber(session_pk: int, order: list[DebateItem] | None = None) -> None:
    items = order or list(
        DebateItem.objects.filter(session_id=session_pk).order_by("position", "pk")
    )
    for number, each in enumerate(items, start=1):
        each.position = number
    DebateItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def debate_item_move(*, item: DebateItem, user, direction: str) -> DebateItem:
    """One place up or down in the running order (the buttons work without JavaScript)."""
    _organisers_only(user)
    if direction not in {"up", "down"}:
        raise ValidationError(_("Move an item up or down."), code="bad_direction")
    items = list(DebateItem.objects.filter(session_id=item.session_id).order_by("position", "pk"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(item.session_id, items)
    return next(each for each in items if each.pk == item.pk)


@transaction.atomic
def debate_item_update(
    *, item: DebateItem, user, minutes: int | None = None, outcome_note: str | None = None
) -> DebateItem:
    """Set an item's minutes and its outcome note (what the debate came to)."""
    _organisers_only(user)
    if minutes is not None:
        item.minutes = minutes
    if outcome_note is not None:
        if len(outcome_note) > NOTE_MAX_LENGTH:
            raise ValidationError({"outcome_note": _("The note is too long.")})
        item.outcome_note = outcome_note.strip()
    item.full_clean()
    item.save(update_fields=["minutes", "outcome_note"])
    return item


@transaction.atomic
def debate_item_start(*, item: DebateItem, user, at: datetime | None = None) -> DebateItem:
    """This item is being discussed now (the live control's button); no other one is."""
    _organisers_only(user)
    DebateItem.objects.filter(session_id=item.session_id, is_current=True).update(is_current=False)
    item.is_current = True
    item.discussed_at = at or timezone.now()
    item.save(update_fields=["is_current", "discussed_at"])
    return item


@transaction.atomic
def debate_stop(*, session: Session, user) -> int:
    """No item is being discussed any more."""
    _organisers_only(user)
    stopped = DebateItem.objects.filter(session=session, is_current=True).update(is_current=False)
    page_cache.forget()  # the now page shows the item discussed (an update sends no signal)
    return stopped


def current_debate_item(session: Session) -> DebateItem | None:
    return (
        DebateItem.objects.filter(session=session, is_current=True)
        .select_related("issue__output__coalition")
        .first()
    )


@transaction.atomic
def debate_question_submit(
    *, session: Session, text: str, at: datetime | None = None
) -> DebateQuestion:
    """A remote participant's question or comment on the item being discussed; it waits for an
    organiser (nothing is public before one accepts it)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your question or comment.")}, code="empty")
    if len(text) > QUESTION_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("A question can be at most %(limit)d characters long.")
                % {"limit": QUESTION_MAX_LENGTH}
            },
            code="too_long",
        )
    item = current_debate_item(session)
    if item is None:
        raise ValidationError(
            {"text": _("No debate item is being discussed now: questions open with the next.")},
            code="no_item",
        )
    question = DebateQuestion(item=item, text=text, sent_at=at or timezone.now())
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def debate_question_moderate(
    *, question: DebateQuestion, user, status: str, at: datetime | None = None
) -> DebateQuestion:
    """Accept, dismiss or mark as answered."""
    _organisers_only(user)
    if status not in (QuestionStatus.ACCEPTED, QuestionStatus.DISMISSED, QuestionStatus.ANSWERED):
        raise ValidationError(_("Accept, dismiss or mark as answered."), code="bad_status")
    moment = at or timezone.now()
    if status == QuestionStatus.ACCEPTED and question.accepted_at is None:
        question.accepted_at = moment
    question.status = status
    question.moderated_by = user
    question.moderated_at = moment
    question.save(update_fields=["status", "accepted_at", "moderated_by", "moderated_at"])
    return question
