"""Reads about the session: its agenda by day, what is on now and next, and cache validators.

Each function takes a fixed number of queries, whatever the number of parts and slots.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone, translation

from coalitions.models import Output
from feedback.debate_board import debate_items, moderation_queue
from feedback.models import DebateItem, DebateQuestion
from igfsession.models import Session

from .models import LiveState, Part, Slot


@dataclass(frozen=True)
class AgendaVersion:
    """Cache validators of everything the agenda shows, from one query."""

    etag: str
    last_modified: datetime


@dataclass
class AgendaDay:
    index: int
    date: date
    parts: list[Part] = field(default_factory=list)

    @property
    def starts_at(self) -> datetime:
        return min(part.starts_at for part in self.parts)

    @property
    def ends_at(self) -> datetime:
        return max(part.ends_at for part in self.parts)


@dataclass(frozen=True)
class NowNext:
    """What is on now and next. ``changed_at``: when this answer last changed; ``changes_at``:
    when the clock changes it next (a slot's start or end, in clock mode), or None."""

    mode: str
    now: Slot | None
    next: Slot | None
    changed_at: datetime | None
    changes_at: datetime | None = None


def _per_session(queryset, session_path: str, aggregate):
    """A subquery giving one aggregate of ``queryset``'s rows that belong to the outer session."""
    return Subquery(
        queryset.filter(**{session_path: OuterRef("pk")})
        .order_by()
        .values(session_path)
        .annotate(value=aggregate)
        .values("value")
    )


def _with_version_columns(queryset):
    outputs = Output.objects.all()
    return queryset.annotate(
        v_parts_updated=_per_session(Part.objects.all(), "session", Max("updated_at")),
        v_parts=_per_session(Part.objects.all(), "session", Count("pk")),
        v_slots_updated=_per_session(Slot.objects.all(), "part__session", Max("updated_at")),
        v_slots=_per_session(Slot.objects.all(), "part__session", Count("pk")),
        v_outputs_updated=_per_session(outputs, "session", Max("updated_at")),
        v_outputs=_per_session(outputs, "session", Count("pk")),
        v_sheets=_per_session(outputs, "session", Count("rating_sheet")),
        v_sheets_last=_per_session(outputs, "session", Max("rating_sheet")),
        v_sheets_updated=_per_session(outputs, "session", Max("rating_sheet__updated_at")),
        v_coalitions_updated=_per_session(outputs, "session", Max("coalition__updated_at")),
        v_live_changed=Subquery(
            LiveState.objects.filter(session=OuterRef("pk")).values("changed_at")[:1]
        ),
        # The Day 4 debate on the now page: the item discussed, when it started, and the
        # questions moderated (accepted ones are shown).
        v_debate_current=Subquery(
            DebateItem.objects.filter(session=OuterRef("pk"), is_current=True).values("pk")[:1]
        ),
        v_debate_started=_per_session(DebateItem.objects.all(), "session", Max("discussed_at")),
        v_questions_moderated=_per_session(
            DebateQuestion.objects.all(), "item__session", Max("moderated_at")
        ),
    )


def _version_of(session: Session) -> AgendaVersion:
    """Validators from the columns that ``_with_version_columns`` added.

    Edits change an ``updated_at`` (every igfsession model has one; outputs, their coalitions
    and rating sheets too), deletions and additions change a count, and a live-state change
    changes ``changed_at``; a debate item started or stopped changes the current item (and
    ``discussed_at``), a question moderated ``moderated_at``.
    """
    stamps = [
        session.updated_at,
        session.v_parts_updated,
        session.v_slots_updated,
        session.v_outputs_updated,
        session.v_sheets_updated,
        session.v_coalitions_updated,
        session.v_live_changed,
        session.v_debate_started,
        session.v_questions_moderated,
    ]
    key = "|".join(
        str(value)
        for value in (
            translation.get_language(),
            session.pk,
            *stamps,
            session.v_parts,
            session.v_slots,
            session.v_outputs,
            session.v_sheets,
            session.v_sheets_last,
            session.v_debate_current,
        )
    )
    return AgendaVersion(
        etag=hashlib.blake2b(key.encode(), digest_size=12).hexdigest(),
        last_modified=max(stamp for stamp in stamps if stamp is not None),
    )


def current_session_and_version() -> tuple[Session | None, AgendaVersion | None]:
    """The current session and its validators, in one query."""
    session = _with_version_columns(Session.objects.filter(is_current=True)).first()
    if session is None:
        return None, None
    return session, _version_of(session)


def session_and_version(session_pk: int) -> tuple[Session | None, AgendaVersion | None]:
    session = _with_version_columns(Session.objects.filter(pk=session_pk)).first()
    if session is None:
        return None, None
    return session, _version_of(session)


def agenda_days(session: Session) -> list[AgendaDay]:
    """The session's parts with their slots, grouped by the venue's calendar day (2 queries)."""
    parts = Part.objects.for_session(session).prefetch_related(
        Prefetch("slots", queryset=Slot.objects.with_links())
    )
    days: list[AgendaDay] = []
    for part in parts:
        day = session.local(part.starts_at).date()
        if not days or days[-1].date != day:
            days.append(AgendaDay(index=len(days) + 1, date=day))
        days[-1].parts.append(part)
    return days


def day_parts(session: Session, at: datetime) -> tuple[date | None, list[Part]]:
    """The parts of the venue's day at ``at``; before or between days, those of the next day."""
    parts = list(
        Part.objects.for_session(session)
        .filter(ends_at__gt=session.local(at).replace(hour=0, minute=0, second=0, microsecond=0))
        .order_by("starts_at", "pk")
    )
    if not parts:
        return None, []
    day = session.local(parts[0].starts_at).date()
    return day, [part for part in parts if session.local(part.starts_at).date() == day]


def _boundaries(session: Session, at: datetime) -> tuple[datetime | None, datetime | None]:
    """The last slot start or end at or before ``at`` (when the clock last changed now/next)
    and the first one after it (when it changes them next), in one query."""
    bounds = Slot.objects.for_session(session).aggregate(
        started=Max("starts_at", filter=Q(starts_at__lte=at)),
        ended=Max("ends_at", filter=Q(ends_at__lte=at)),
        starts=Min("starts_at", filter=Q(starts_at__gt=at)),
        ends=Min("ends_at", filter=Q(ends_at__gt=at)),
    )
    past = [bounds[name] for name in ("started", "ended") if bounds[name] is not None]
    coming = [bounds[name] for name in ("starts", "ends") if bounds[name] is not None]
    return (max(past) if past else None), (min(coming) if coming else None)


def now_and_next(session: Session, at: datetime | None = None) -> NowNext:
    """The slot on now and the next one: as organisers set them, else as the clock says.

    With a slot started by hand, the next slot is the one after it in agenda order. In clock
    mode, the slot on now is the one running at ``at`` (the latest started, if two overlap) and
    the next is the one after it, or the first one still to start. Ended: neither.
    """
    at = at or timezone.now()
    slots = Slot.objects.for_session(session).with_links()
    state = (
        LiveState.objects.filter(session=session)
        .select_related(
            "slot__part", "slot__coalition", "slot__output__coalition", "slot__output__rating_sheet"
        )
        .first()
    )
    mode = state.mode if state else LiveState.Mode.CLOCK
    if mode == LiveState.Mode.ENDED:
        return NowNext(mode=mode, now=None, next=None, changed_at=state.changed_at)
    if mode == LiveState.Mode.SLOT:
        return NowNext(
            mode=mode,
            now=state.slot,
            next=slots.after(state.slot).first(),
            changed_at=state.changed_at,
        )
    now = slots.on_at(at).order_by("-starts_at", "-pk").first()
    upcoming = slots.after(now).first() if now else slots.starting_after(at).first()
    changed_at, changes_at = _boundaries(session, at)
    return NowNext(
        mode=LiveState.Mode.CLOCK,
        now=now,
        next=upcoming,
        changed_at=changed_at,
        changes_at=changes_at,
    )


def now_etag(version: AgendaVersion, state: NowNext, *extra) -> str:
    key = "|".join(
        str(value)
        for value in (
            version.etag,
            state.mode,
            state.now.pk if state.now else "",
            state.next.pk if state.next else "",
            state.changed_at,
            *extra,
        )
    )
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


def sheet_slots(session: Session) -> list[Slot]:
    """The first slot of each output that has a rating sheet, in agenda order (1 query)."""
    seen: set[int] = set()
    slots = []
    for slot in (
        Slot.objects.for_session(session).filter(output__rating_sheet__isnull=False).with_links()
    ):
        if slot.output_id not in seen:
            seen.add(slot.output_id)
            slots.append(slot)
    return slots


def live_state(session: Session) -> LiveState | None:
    return LiveState.objects.filter(session=session).select_related("changed_by").first()


def control_slots(session: Session) -> list[Slot]:
    """Every slot of the session, for the organisers' start buttons (1 query)."""
    return list(Slot.objects.for_session(session).select_related("part"))


def debate_control(session: Session) -> dict:
    """The live control page's debate panel: the running order and the current item's
    questions, those waiting first (2 queries)."""
    items = debate_items(session)
    current = next((item for item in items if item.is_current), None)
    return {
        "debate_items": items,
        "debate_current": current,
        "debate_queue": moderation_queue(current),
    }
