"""The sample responses, placed in time and submitted through feedback's services.

Online responses go through ``response_submit`` (as a participant's browser does), paper ones
through ``paper_response_save`` (as the organiser typing them in does), each at its own moment:

- before: from the sheet's opening to the start of the session's first part;
- during: from the output's presentation to the end of the part (in the room) or to midnight
  after the session's last day (remote); paper sheets are typed in, one after the other, from
  the end of the part in which the output was presented;
- after: from that midnight until online rating ended (31 December 2015 on 2015's dates).

Only responses whose moment has come are submitted: with ``--today`` the rest do not exist yet,
and a later run adds those whose moment has passed since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from feedback.models import RatingSheet, Response
from feedback.services import paper_response_save, response_submit
from igfsession.models import Session

from ..models import Part, Slot
from .facts import CoalitionFacts, Facts
from .samples import SampleResponse, demo_hashes, sample_responses


@dataclass(frozen=True)
class Timeline:
    """The session's periods: before ``starts``, during until ``last_day_ends``, then after."""

    starts: datetime
    last_day_ends: datetime
    rating_ends: datetime


def session_timeline(session: Session, rating_ends: datetime) -> Timeline:
    parts = Part.objects.for_session(session).order_by("starts_at")
    first, last = parts.first(), parts.last()
    last_day = session.local(last.ends_at).date() + timedelta(days=1)
    midnight = datetime.combine(last_day, datetime.min.time(), tzinfo=session.tz)
    return Timeline(starts=first.starts_at, last_day_ends=midnight, rating_ends=rating_ends)


@dataclass(frozen=True)
class _Planned:
    sheet: RatingSheet
    sample: SampleResponse
    at: datetime


def _within(start: datetime, end: datetime, fraction: float) -> datetime:
    """A moment ``fraction`` of the way from ``start`` to ``end``, in whole seconds."""
    seconds = max(int((end - start).total_seconds()), 0)
    return start + timedelta(seconds=int(seconds * fraction))


def _online_moment(
    sample: SampleResponse, sheet: RatingSheet, slot: Slot, timeline: Timeline
) -> datetime:
    u = sample.fraction
    if sample.period == "before":
        # More of them as the session comes nearer.
        return _within(sheet.opens_at, timeline.starts, 1 - (1 - u) ** 2)
    if sample.period == "after":
        # Most of them soon after the session.
        return _within(timeline.last_day_ends, timeline.rating_ends, u**2)
    if sample.attendance == "room":
        return _within(slot.starts_at, slot.part.ends_at, u)
    return _within(slot.starts_at, timeline.last_day_ends, u)


def _presentation_slots(session: Session, sheets: list[RatingSheet]) -> dict[int, Slot]:
    """Each output's presentation slot (the first, where an organiser made two)."""
    slots = {}
    for slot in (
        Slot.objects.for_session(session)
        .filter(kind=Slot.Kind.PRESENTATION, output__in=[s.output_id for s in sheets])
        .select_related("part")
        .order_by("-starts_at", "-pk")
    ):
        slots[slot.output_id] = slot
    return slots


def plan(
    facts: Facts,
    *,
    seed: int,
    session: Session,
    sheets: list[tuple[CoalitionFacts, RatingSheet]],
    timeline: Timeline,
) -> list[_Planned]:
    """Every sample response of ``seed`` with its moment, in the order they came in."""
    slots = _presentation_slots(session, [sheet for _facts, sheet in sheets])
    planned, paper = [], []
    for coalition, sheet in sheets:
        samples = sample_responses(
            facts.responses,
            seed=seed,
            code=sheet.code,
            positions=list(range(1, len(coalition.issues) + 1)),
            count=coalition.responses,
            paper_share=coalition.paper_share_in_room,
        )
        slot = slots[sheet.output_id]
        for sample in samples:
            if sample.is_paper:
                paper.append((slot, sheet, sample))
            else:
                at = _online_moment(sample, sheet, slot, timeline)
                planned.append(_Planned(sheet, sample, at))
    # Paper sheets are typed in from the end of their part, in the order the outputs were
    # presented, one every few seconds.
    typing = timedelta(seconds=facts.responses.paper_typing_seconds)
    typed: dict[int, int] = {}
    for slot, sheet, sample in sorted(paper, key=lambda p: (p[0].starts_at, p[1].pk, p[2].index)):
        n = typed[slot.part_id] = typed.get(slot.part_id, -1) + 1
        planned.append(_Planned(sheet, sample, slot.part.ends_at + n * typing))
    return sorted(planned, key=lambda p: (p.at, p.sheet.pk, p.sample.index))


def submit(planned: list[_Planned], *, organiser, now: datetime) -> int:
    """Make the database hold exactly the planned responses whose moment has come; the number
    submitted this run."""
    due = {(p.sheet.pk, p.sample.respondent_hash): p for p in planned if p.at <= now}
    # One query for the responses on the demo's sheets; of those, only the demo's own samples of
    # this seed count, under either hash a sample may have (online, or paper by its entry key):
    # another seed's responses and everyone else's are never touched. (The hashes are matched
    # here rather than in SQL: over a thousand of them exceed the 999 parameters that older
    # SQLite versions allow in one query.)
    hashes = {h for p in planned for h in demo_hashes(p.sample.entry_key)}
    existing = Response.objects.filter(
        sheet__in=sorted({p.sheet.pk for p in planned}), respondent_hash__isnull=False
    ).values_list("pk", "sheet_id", "respondent_hash", "created_at")
    stale = []
    for pk, sheet_id, respondent_hash, created_at in existing:
        if respondent_hash not in hashes:
            continue
        wanted = due.get((sheet_id, respondent_hash))
        if wanted is not None and wanted.at == created_at:
            del due[(sheet_id, respondent_hash)]  # stored already, as planned
        else:
            stale.append(pk)
    if stale:
        # Re-timing: the services record a response's moment when it is first stored and never
        # move it (a participant's second submission updates the answers, not the moment), so a
        # sample response whose moment changed (the session moved with --today, or back to 2015)
        # or has not come yet is removed and, if due, submitted again at its new moment. Only the
        # demo's own samples are found here, by their deterministic hashes.
        Response.objects.filter(pk__in=stale).delete()
    if not due:
        return 0
    issues: dict[int, dict[int, int]] = {}
    for p in due.values():
        if p.sheet.pk not in issues:
            # Issues an organiser hid since are not on the sheet: their ratings are left out.
            issues[p.sheet.pk] = dict(p.sheet.output.issues.visible().values_list("position", "pk"))
    for p in sorted(due.values(), key=lambda p: (p.at, p.sheet.pk, p.sample.index)):
        by_position = issues[p.sheet.pk]
        answers = {
            by_position[position]: (mark, comment)
            for position, mark, comment in p.sample.ratings
            if position in by_position
        }
        if p.sample.is_paper:
            paper_response_save(
                sheet=p.sheet,
                answers=answers,
                profile=p.sample.profile,
                entered_by=organiser,
                entry_key=p.sample.entry_key,
                at=p.at,
            )
        else:
            response_submit(
                sheet=p.sheet,
                respondent_hash=p.sample.respondent_hash,
                answers=answers,
                profile=p.sample.profile,
                at=p.at,
            )
    return len(due)
