"""The live state: organisers' services and what now_and_next answers, by hand or by the clock."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from igfsession.agenda import services
from igfsession.agenda.models import LiveState
from igfsession.agenda.selectors import now_and_next
from tests.factories import make_slot
from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

DURING_SLOT_1 = datetime(2015, 11, 12, 19, 35, tzinfo=UTC)  # 16:35 in João Pessoa
BETWEEN_DAYS = datetime(2015, 11, 13, 3, 0, tzinfo=UTC)
AFTER_THE_SESSION = datetime(2015, 11, 14, 3, 0, tzinfo=UTC)


def _ids(state):
    return (state.mode, state.now.pk if state.now else None, state.next.pk if state.next else None)


def test_now_and_next_without_live_state_follows_the_clock():
    session, _day3, _day4, slots = make_agenda(slots=3)

    state = now_and_next(session, DURING_SLOT_1)

    assert _ids(state) == ("clock", slots[0].pk, slots[1].pk)
    assert state.changed_at == datetime(2015, 11, 12, 19, 30, tzinfo=UTC)


def test_now_and_next_before_the_session_has_only_next():
    session, _day3, _day4, slots = make_agenda(slots=3)

    assert _ids(now_and_next(session, BEFORE_THE_SESSION)) == ("clock", None, slots[0].pk)


def test_now_and_next_after_the_last_slot_has_neither():
    session, _day3, _day4, _slots = make_agenda(slots=3)

    assert _ids(now_and_next(session, AFTER_THE_SESSION)) == ("clock", None, None)


def test_live_state_start_slot_overrides_the_clock():
    session, _day3, _day4, slots = make_agenda(slots=3)

    services.live_state_start_slot(session=session, slot=slots[2])

    assert _ids(now_and_next(session, DURING_SLOT_1)) == ("slot", slots[2].pk, None)


def test_live_state_start_slot_of_another_session_is_refused():
    session, _day3, _day4, _slots = make_agenda(slots=1)
    stranger = make_slot()

    with pytest.raises(ValidationError) as excinfo:
        services.live_state_start_slot(session=session, slot=stranger)

    assert excinfo.value.messages == ["That slot is not part of this session."]
    assert LiveState.objects.filter(session=session).exists() is False


def test_live_state_advance_from_the_clock_starts_the_next_slot():
    session, _day3, _day4, slots = make_agenda(slots=3)

    state = services.live_state_advance(session=session, at=DURING_SLOT_1)

    assert (state.mode, state.slot_id) == ("slot", slots[1].pk)


def test_live_state_advance_from_a_started_slot_starts_the_one_after():
    session, _day3, _day4, slots = make_agenda(slots=3)
    services.live_state_start_slot(session=session, slot=slots[1])

    state = services.live_state_advance(session=session, at=DURING_SLOT_1)

    assert (state.mode, state.slot_id) == ("slot", slots[2].pk)


def test_live_state_advance_after_the_last_slot_ends_the_session():
    session, _day3, _day4, slots = make_agenda(slots=2)
    services.live_state_start_slot(session=session, slot=slots[1])

    state = services.live_state_advance(session=session)

    assert (state.mode, state.slot_id) == ("ended", None)


def test_live_state_advance_when_ended_is_refused():
    session, _day3, _day4, _slots = make_agenda(slots=2)
    services.live_state_end(session=session)

    with pytest.raises(ValidationError) as excinfo:
        services.live_state_advance(session=session)

    assert excinfo.value.messages == [
        "The session has ended. Start a slot or follow the clock first."
    ]


def test_live_state_end_shows_nothing_now_or_next():
    session, _day3, _day4, _slots = make_agenda(slots=3)

    services.live_state_end(session=session)

    assert _ids(now_and_next(session, DURING_SLOT_1)) == ("ended", None, None)


def test_live_state_follow_clock_hands_back_to_the_clock():
    session, _day3, _day4, slots = make_agenda(slots=3)
    services.live_state_end(session=session)

    services.live_state_follow_clock(session=session)

    assert _ids(now_and_next(session, DURING_SLOT_1)) == ("clock", slots[0].pk, slots[1].pk)


def test_live_state_records_who_changed_it_and_when(organiser):
    session, _day3, _day4, slots = make_agenda(slots=1)

    with time_machine.travel(DURING_SLOT_1, tick=False):
        services.live_state_start_slot(session=session, slot=slots[0], user=organiser)

    state = LiveState.objects.get(session=session)
    assert (state.changed_by, state.changed_at) == (organiser, DURING_SLOT_1)


def test_slots_build_removing_the_live_slot_hands_back_to_the_clock():
    session, day3, _day4, _slots = make_agenda(slots=1)
    day3.slots.all().delete()
    services.slots_build_from_declarations(session=session)
    generated = day3.slots.get(kind="presentation")
    services.live_state_start_slot(session=session, slot=generated)
    session.outputs.update(status="draft")

    services.slots_build_from_declarations(session=session)

    state = LiveState.objects.get(session=session)
    assert (state.mode, state.slot_id, day3.slots.count()) == ("clock", None, 0)
