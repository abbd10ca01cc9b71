"""Writes about the session: building slots from the declarations and running the live agenda.

Keyword-only functions named entity_action; each validates with ``full_clean()`` before saving
and runs in one transaction.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalitions.models import Output
from igfsession.models import Session

from .models import LiveState, Part, Slot
from .selectors import now_and_next

logger = logging.getLogger(__name__)

DEFAULT_OPENING_MINUTES = 10
DEFAULT_CLOSING_MINUTES = 10


@dataclass(frozen=True)
class SlotsBuilt:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        """Generated slots on the agenda after the build."""
        return self.created + self.updated + self.unchanged

    def __add__(self, other: "SlotsBuilt") -> "SlotsBuilt":
        return SlotsBuilt(
            self.created + other.created,
            self.updated + other.updated,
            self.deleted + other.deleted,
            self.unchanged + other.unchanged,
        )


def split_minutes(total: int, count: int) -> list[int]:
    """``total`` minutes in ``count`` whole-minute shares; the first shares get the leftover.

    7 coalitions in 95 minutes: 95 = 7 * 13 + 4, so the first four get 14 minutes, the other
    three 13.
    """
    base, leftover = divmod(total, count)
    return [base + 1 if index < leftover else base for index in range(count)]


# Which declared output status goes to which part, and what kind of slot it gets there.
_DECLARATIONS = (
    (Output.Status.FINAL, Part.Kind.PRESENTATIONS, Slot.Kind.PRESENTATION),
    (Output.Status.WORK_IN_PROGRESS, Part.Kind.INTRODUCTIONS, Slot.Kind.INTRODUCTION),
)


def slots_build_from_declarations(
    *,
    session: Session,
    opening_minutes: int = DEFAULT_OPENING_MINUTES,
    closing_minutes: int = DEFAULT_CLOSING_MINUTES,
) -> SlotsBuilt:
    """Fill the presentations and introductions parts with one slot per declared coalition.

    Only declarations the organisers accepted count (``Output.review_state``).
    Coalitions whose output for the session is declared final get a presentation slot in the
    session's first "output presentations" part; those declared work in progress get an
    introduction slot in its first "coalition introductions" part (drafts get none). Each part
    gets an opening slot of ``opening_minutes`` and a closing slot of ``closing_minutes`` (none
    where 0); the time between is split evenly in whole minutes, the first slots taking one
    leftover minute each.

    Generated slots are keyed by (part, coalition), and opening/closing by (part, kind): a re-run
    updates them (times, kind, title, output) instead of adding more, keeps the speakers and
    descriptions organisers typed, keeps the order organisers gave them by moving them
    (coalitions new to the part go last, by name), and removes generated slots of coalitions that
    no longer qualify. Slots made by hand are never changed, moved or removed, and a coalition
    with a slot made by hand in the part gets no generated one; hand-made slots do not reserve
    time in the split, so leave room for them with the opening and closing lengths. A part
    without declared coalitions gets no slots.
    """
    if opening_minutes < 0 or closing_minutes < 0:
        raise ValidationError(_("Opening and closing lengths cannot be negative."))
    result = SlotsBuilt()
    with transaction.atomic():
        parts = list(
            Part.objects.for_session(session).select_for_update().order_by("starts_at", "pk")
        )
        for status, part_kind, slot_kind in _DECLARATIONS:
            part = next((p for p in parts if p.kind == part_kind), None)
            if part is None:
                continue
            outputs = list(
                Output.objects.filter(
                    session=session, status=status, review_state=Output.Review.ACCEPTED
                )
                .select_related("coalition")
                .order_by("coalition__name", "pk")
            )
            result += _build_part(
                part=part,
                slot_kind=slot_kind,
                outputs=outputs,
                opening_minutes=opening_minutes,
                closing_minutes=closing_minutes,
            )
    return result


def slots_follow_declarations(*, session: Session) -> SlotsBuilt | None:
    """After a coalition's declaration changed: rebuild the slots organisers built from the
    declarations, with the opening and closing lengths they chose then.

    Nothing happens while organisers have not built any (``None``). A rebuild that cannot be done
    (a part too short for one more coalition) leaves the agenda as it was and is logged: the
    declaration stands, and the organisers rebuild by hand with other lengths.
    """
    generated = list(Slot.objects.for_session(session).generated().order_by("starts_at", "pk"))
    if not generated:
        return None

    def minutes(kind) -> int:
        slot = next((slot for slot in generated if slot.kind == kind), None)
        return slot.duration_minutes if slot else 0

    try:
        with transaction.atomic():
            return slots_build_from_declarations(
                session=session,
                opening_minutes=minutes(Slot.Kind.OPENING),
                closing_minutes=minutes(Slot.Kind.CLOSING),
            )
    except ValidationError as error:
        logger.warning("%s: the generated slots were not rebuilt: %s", session, error.messages)
        return None


def _build_part(*, part, slot_kind, outputs, opening_minutes, closing_minutes) -> SlotsBuilt:
    existing = list(part.slots.generated().order_by("starts_at", "pk"))
    by_coalition = {slot.coalition_id: slot for slot in existing if slot.coalition_id}
    by_kind = {slot.kind: slot for slot in existing if slot.coalition_id is None}
    # A coalition that organisers gave a slot by hand in this part keeps that one only.
    by_hand = set(
        part.slots.filter(is_generated=False, coalition__isnull=False).values_list(
            "coalition_id", flat=True
        )
    )
    outputs = [output for output in outputs if output.coalition_id not in by_hand]
    wanted = {output.coalition_id: output for output in outputs}

    plan: list[tuple[Slot | None, dict]] = []
    if wanted:
        # Kept slots in the order organisers left them, then newcomers by coalition name.
        order = [slot.coalition_id for slot in existing if slot.coalition_id in wanted]
        order += [output.coalition_id for output in outputs if output.coalition_id not in order]
        window = int((part.ends_at - part.starts_at).total_seconds() // 60)
        middle = window - opening_minutes - closing_minutes
        if middle < len(order):
            raise ValidationError(
                ngettext(
                    "“%(part)s” has %(minutes)s minutes between its opening and closing slots: "
                    "not enough for %(count)s coalition of at least one minute.",
                    "“%(part)s” has %(minutes)s minutes between its opening and closing slots: "
                    "not enough for %(count)s coalitions of at least one minute each.",
                    len(order),
                ),
                code="part_too_short",
                params={"part": part.title, "minutes": max(middle, 0), "count": len(order)},
            )
        moment = part.starts_at
        if opening_minutes:
            plan.append(
                _planned(
                    by_kind.get(Slot.Kind.OPENING),
                    kind=Slot.Kind.OPENING,
                    title=_("Opening"),
                    starts_at=moment,
                    minutes=opening_minutes,
                )
            )
            moment += timedelta(minutes=opening_minutes)
        for coalition_id, minutes in zip(order, split_minutes(middle, len(order)), strict=True):
            output = wanted[coalition_id]
            plan.append(
                _planned(
                    by_coalition.get(coalition_id),
                    kind=slot_kind,
                    title=_slot_title(slot_kind, output),
                    starts_at=moment,
                    minutes=minutes,
                    coalition=output.coalition,
                    output=output,
                )
            )
            moment += timedelta(minutes=minutes)
        if closing_minutes:
            plan.append(
                _planned(
                    by_kind.get(Slot.Kind.CLOSING),
                    kind=Slot.Kind.CLOSING,
                    title=_("Closing"),
                    starts_at=moment,
                    minutes=closing_minutes,
                )
            )

    kept = {slot.pk for slot, _values in plan if slot is not None}
    stale = [slot.pk for slot in existing if slot.pk not in kept]
    if stale:
        # A live state pointing at a removed slot goes back to the clock (its constraint
        # forbids "a slot is on" without a slot).
        LiveState.objects.filter(slot__in=stale).update(
            mode=LiveState.Mode.CLOCK, slot=None, changed_at=timezone.now()
        )
        Slot.objects.filter(pk__in=stale).delete()

    created = updated = unchanged = 0
    for slot, values in plan:
        if slot is None:
            slot = Slot(part=part, is_generated=True, **values)
            created += 1
        elif all(getattr(slot, name) == value for name, value in values.items()):
            unchanged += 1
            continue
        else:
            for name, value in values.items():
                setattr(slot, name, value)
            updated += 1
        slot.full_clean()
        slot.save()
    return SlotsBuilt(created=created, updated=updated, deleted=len(stale), unchanged=unchanged)


def _planned(slot, *, kind, title, starts_at, minutes, coalition=None, output=None):
    return slot, {
        "kind": kind,
        "title": title,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=minutes),
        "coalition": coalition,
        "output": output,
    }


def _slot_title(slot_kind: str, output) -> str:
    if slot_kind == Slot.Kind.PRESENTATION:
        return output.title[:200]
    return output.coalition.name[:200]


# --------------------------------------------------------------------------------------------
# The live agenda
# --------------------------------------------------------------------------------------------


def _live_state_locked(session: Session) -> LiveState:
    state, _created = LiveState.objects.select_for_update().get_or_create(session=session)
    return state


def _live_state_save(state: LiveState, *, mode: str, slot: Slot | None, user) -> LiveState:
    state.mode = mode
    state.slot = slot
    state.changed_by = user if user is not None and user.is_authenticated else None
    state.full_clean()
    state.save()
    return state


def live_state_start_slot(*, session: Session, slot: Slot, user=None) -> LiveState:
    """Organisers say this slot is on now, whatever the clock says."""
    if slot.part.session_id != session.pk:
        raise ValidationError(_("That slot is not part of this session."), code="wrong_session")
    with transaction.atomic():
        state = _live_state_locked(session)
        return _live_state_save(state, mode=LiveState.Mode.SLOT, slot=slot, user=user)


def live_state_advance(*, session: Session, user=None, at: datetime | None = None) -> LiveState:
    """Move on to the next slot in agenda order: after the slot on now (set by hand or by the
    clock), or the first one still to start. After the last slot, the session ends."""
    with transaction.atomic():
        state = _live_state_locked(session)
        if state.mode == LiveState.Mode.ENDED:
            raise ValidationError(
                _("The session has ended. Start a slot or follow the clock first."),
                code="ended",
            )
        upcoming = now_and_next(session, at or timezone.now()).next
        if upcoming is None:
            return _live_state_save(state, mode=LiveState.Mode.ENDED, slot=None, user=user)
        return _live_state_save(state, mode=LiveState.Mode.SLOT, slot=upcoming, user=user)


def live_state_end(*, session: Session, user=None) -> LiveState:
    """The session is over: nothing is on now and nothing is next."""
    with transaction.atomic():
        state = _live_state_locked(session)
        return _live_state_save(state, mode=LiveState.Mode.ENDED, slot=None, user=user)


def live_state_follow_clock(*, session: Session, user=None) -> LiveState:
    """Forget what organisers set: the clock decides again."""
    with transaction.atomic():
        state = _live_state_locked(session)
        return _live_state_save(state, mode=LiveState.Mode.CLOCK, slot=None, user=user)
