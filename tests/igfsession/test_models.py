from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from igfsession.agenda.models import LiveState
from igfsession.models import Session
from tests.factories import DAY3_START, make_part, make_session, make_slot

pytestmark = pytest.mark.django_db


def test_session_second_current_is_rejected_by_database():
    make_session(is_current=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_session(is_current=True)

    assert Session.objects.filter(is_current=True).count() == 1


def test_session_many_not_current_are_allowed():
    make_session(is_current=False)
    make_session(is_current=False)

    assert Session.objects.filter(is_current=False).count() == 2


def test_session_slug_must_be_unique():
    make_session(slug="igf2015")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_session(slug="igf2015")


def test_session_current_returns_the_current_one():
    make_session(name="2014", is_current=False)
    current = make_session(name="2015", is_current=True)

    assert Session.objects.current() == current


def test_session_time_zone_must_be_an_iana_name():
    session = make_session()
    session.time_zone = "UTC-3"

    with pytest.raises(ValidationError) as excinfo:
        session.full_clean()

    assert excinfo.value.message_dict["time_zone"] == [
        "“UTC-3” is not an IANA time zone name, such as America/Fortaleza."
    ]


def test_session_local_time_in_joao_pessoa_is_utc_minus_three():
    session = make_session(time_zone="America/Fortaleza")

    local = session.local(DAY3_START)

    assert (local.hour, local.minute, local.utcoffset()) == (16, 30, timedelta(hours=-3))


def test_part_ending_before_it_starts_is_rejected_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_part(starts_at=DAY3_START, ends_at=DAY3_START - timedelta(minutes=1))


def test_part_of_zero_length_is_rejected_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_part(starts_at=DAY3_START, ends_at=DAY3_START)


def test_slot_ending_before_it_starts_is_rejected_by_database():
    part = make_part()

    with pytest.raises(IntegrityError), transaction.atomic():
        make_slot(part=part, starts_at=DAY3_START, ends_at=DAY3_START - timedelta(minutes=5))


def test_slots_are_ordered_by_start():
    part = make_part()
    late = make_slot(
        part=part,
        starts_at=DAY3_START + timedelta(minutes=30),
        ends_at=DAY3_START + timedelta(minutes=40),
    )
    early = make_slot(part=part, starts_at=DAY3_START, ends_at=DAY3_START + timedelta(minutes=10))

    assert list(part.slots.all()) == [early, late]


def test_live_state_slot_mode_without_slot_is_rejected_by_database():
    session = make_session()

    with pytest.raises(IntegrityError), transaction.atomic():
        LiveState.objects.create(session=session, mode=LiveState.Mode.SLOT, slot=None)


def test_live_state_unknown_mode_is_rejected_by_database():
    session = make_session()

    with pytest.raises(IntegrityError), transaction.atomic():
        LiveState.objects.create(session=session, mode="paused")


def test_live_state_slot_mode_with_slot_is_stored():
    slot = make_slot()
    session = slot.part.session

    state = LiveState.objects.create(session=session, mode=LiveState.Mode.SLOT, slot=slot)

    assert LiveState.objects.get(pk=session.pk).slot_id == slot.pk == state.slot_id


def test_live_slot_cannot_be_deleted_but_its_session_can():
    from django.db.models import RestrictedError

    slot = make_slot()
    session = slot.part.session
    LiveState.objects.create(session=session, mode=LiveState.Mode.SLOT, slot=slot)

    with pytest.raises(RestrictedError), transaction.atomic():
        slot.delete()
    session.delete()

    assert (Session.objects.count(), LiveState.objects.count()) == (0, 0)
