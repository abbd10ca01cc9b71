"""``load()``: the demo built through the project's own code, in one transaction.

What organisers make in the admin (accounts, the session, coalitions, parts, slots) is made as
checked rows (``full_clean()``, then saved); everything else goes through the services that
organisers, coordinators and participants use, each action at its own moment (``at=``): the
session made current, outputs created, issues written, files uploaded, statuses declared (a final
output gets its rating sheet), sheets opened, and sample responses submitted online or typed in
from paper.

Every row is found by a natural key (username, slug, kind, title, position, respondent hash) and
written only when something differs, so a second run with the same options changes nothing.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from coalitions.models import Coalition, Issue, Output, OutputVersion
from feedback.models import Rating, RatingSheet, Response
from igfsession.models import Session
from igfsession.services import session_make_current

from ..models import LiveState, Part, Slot
from ..services import live_state_follow_clock
from . import outputs, responses, trial, year2016
from .facts import Clock, Facts, facts
from .rows import create, save_changed


@dataclass
class Result:
    session: Session | None = None
    counts: dict[str, int] = field(default_factory=dict)
    responses_created: int = 0
    accounts_created: list[str] = field(default_factory=list)
    accounts_existing: list[str] = field(default_factory=list)
    files_written: int = 0
    session_2016: Session | None = None
    responses_created_2016: int = 0


def load(
    *, seed: int | None = None, today: bool = False, debug: bool = False, current: int = 2015
) -> Result:
    """Load (or bring back) the demo, all in one transaction. Returns what was done.

    With ``today``, Day 3 is today at the venue and only the sample responses whose moment has
    passed are there. The 2015 session is the current one, or 2016's with ``current=2016``.
    """
    if current not in (2015, year2016.YEAR):
        raise ValueError(f"The demo's sessions are 2015 and 2016, not {current}.")
    data = facts()
    now = timezone.now()
    day3 = timezone.localdate(now, zoneinfo.ZoneInfo(data.session.time_zone)) if today else None
    saved_files: list[tuple[object, str]] = []
    try:
        with transaction.atomic():
            return _load(
                data,
                data.clock(day3),
                seed=data.seed if seed is None else seed,
                today=today,
                debug=debug,
                now=now,
                files=saved_files,
                current=current,
            )
    except BaseException:
        # The database rolled back; remove the files this run wrote so nothing is left over.
        for storage, name in saved_files:
            storage.delete(name)
        raise


def _load(
    data: Facts,
    clock: Clock,
    *,
    seed: int,
    today: bool,
    debug: bool,
    now,
    files: list,
    current: int,
) -> Result:
    result = Result()
    organiser = _account(data.organiser, data.password, debug, result, staff=True)
    coordinator = _account(data.coordinator, data.password, debug, result, staff=False)

    session = _session(data, clock, today=today)
    result.session = session
    coalitions = outputs.load_coalitions(data, organiser=organiser, coordinator=coordinator)
    parts = _parts(data, session, clock)
    sheets, result.files_written = outputs.load_outputs(
        data,
        session=session,
        coalitions=coalitions,
        organiser=organiser,
        coordinator=coordinator,
        clock=clock,
        files=files,
        now=now,
    )
    _slots(data, parts, coalitions, session, clock)
    # The sample coalition to try the portal with (more time to declare than the others).
    trial_coordinator = _account(data.trial.coordinator, data.password, debug, result, staff=False)
    trial.load_trial(
        data, session=session, organiser=organiser, coordinator=trial_coordinator, clock=clock
    )
    state = LiveState.objects.filter(session=session).first()
    if state is None or (state.mode, state.slot_id) != (LiveState.Mode.CLOCK, None):
        live_state_follow_clock(session=session, user=organiser)

    timeline = responses.session_timeline(session, clock(data.moments["rating_ends"]))
    planned = responses.plan(data, seed=seed, session=session, sheets=sheets, timeline=timeline)
    result.responses_created = responses.submit(planned, organiser=organiser, now=now)
    # The second, smaller session (sample data): the coalitions that came back in 2016.
    result.session_2016, result.responses_created_2016 = year2016.load_2016(
        data, organiser=organiser, coalitions=coalitions, earlier=session
    )
    if current == year2016.YEAR:
        session_make_current(session=result.session_2016)

    result.counts = {
        "coalitions": Coalition.objects.filter(slug__in=coalitions).count(),
        "outputs": Output.objects.filter(session=session).count(),
        "final outputs": Output.objects.filter(session=session).final().count(),
        "issues": Issue.objects.filter(output__session=session).count(),
        "file versions": OutputVersion.objects.filter(output__session=session).count(),
        "rating sheets": RatingSheet.objects.filter(output__session=session).count(),
        "parts": Part.objects.filter(session=session).count(),
        "slots": Slot.objects.filter(part__session=session).count(),
        "responses": Response.objects.filter(sheet__output__session=session).count(),
        "ratings": Rating.objects.filter(response__sheet__output__session=session).count(),
    }
    return result


def _account(username: str, password: str, debug: bool, result: Result, *, staff: bool):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, is_staff=staff, is_superuser=staff)
        if debug:
            user.set_password(password)
        else:
            # The demo password only on a development machine; elsewhere it is set by hand.
            user.set_unusable_password()
        user.full_clean()
        user.save()
        result.accounts_created.append(username)
        return user
    result.accounts_existing.append(username)
    if staff:
        save_changed(user, {"is_staff": True, "is_superuser": True})
    return user


def _session(data: Facts, clock: Clock, *, today: bool) -> Session:
    values = data.session.model_fields()
    if today:
        values["description"] += data.session.today_note
    values["declaration_deadline"] = clock(data.moments["declaration_deadline"])
    session = Session.objects.filter(slug=data.session.slug).first()
    if session is None:
        session = create(Session, slug=data.session.slug, **values)
    else:
        save_changed(session, values)
    if Session.objects.current() != session:
        session_make_current(session=session)
    return session


def _parts(data: Facts, session: Session, clock: Clock) -> dict[str, Part]:
    existing = {}
    for part in Part.objects.for_session(session).order_by("-starts_at", "-pk"):
        existing[part.kind] = part  # the first of each kind
    parts = {}
    for part in data.parts:
        values = {
            "title": part.title,
            "description": part.description,
            "starts_at": clock(part.start),
            "ends_at": clock(part.end),
            "room": data.session.room,
        }
        if part.kind in existing:
            save_changed(existing[part.kind], values)
            parts[part.kind] = existing[part.kind]
        else:
            parts[part.kind] = create(Part, session=session, kind=part.kind, **values)
    return parts


def _slots(data: Facts, parts: dict[str, Part], coalitions, session: Session, clock) -> None:
    """The agenda's slots, made by hand as organisers make them (speakers, notes, timings)."""
    outputs_by_coalition = {
        output.coalition_id: output for output in Output.objects.filter(session=session)
    }
    existing = {
        (slot.part_id, slot.title): slot
        for slot in Slot.objects.for_session(session).filter(is_generated=False)
    }
    for slot in data.slots:
        part = parts[slot.part]
        about = data.coalition(slot.coalition) if slot.coalition else None
        coalition = coalitions[about.slug] if about else None
        output = outputs_by_coalition[coalition.pk] if coalition else None
        title, description = slot.texts(
            about, (about.output_title or data.outputs.title_not_recorded) if about else ""
        )
        values = {
            "kind": slot.kind,
            "speakers": slot.speakers,
            "description": description,
            "starts_at": clock(slot.start),
            "ends_at": clock(slot.end),
            "coalition_id": coalition.pk if coalition else None,
            "output_id": output.pk if output else None,
        }
        current = existing.get((part.pk, title))
        if current is None:
            create(Slot, part=part, title=title, **values)
        else:
            save_changed(current, values)
