from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from feedback.models import RatingSheet
from feedback.services import sheet_close_now, sheet_create_for_output, sheet_open_now
from tests.factories import make_output, make_sheet

NOW = datetime(2015, 11, 12, 19, 30, tzinfo=UTC)
BEFORE = datetime(2015, 11, 1, tzinfo=UTC)


def times(sheet):
    sheet.refresh_from_db()
    return (sheet.opens_at, sheet.closes_at)


# --- sheet_open_now ------------------------------------------------------------------------


@pytest.mark.django_db
def test_sheet_open_now_not_yet_open_sheets_open_at_given_moment():
    unscheduled = make_sheet(opens_at=None)
    scheduled = make_sheet(opens_at=NOW + timedelta(hours=1), closes_at=NOW + timedelta(hours=3))

    changed = sheet_open_now(sheets=RatingSheet.objects.all(), at=NOW)

    assert changed == 2
    assert times(unscheduled) == (NOW, None)
    assert times(scheduled) == (NOW, NOW + timedelta(hours=3))


@pytest.mark.django_db
def test_sheet_open_now_closed_sheet_reopens_until_closed():
    closed = make_sheet(opens_at=BEFORE, closes_at=NOW - timedelta(hours=1))
    closing_this_moment = make_sheet(opens_at=BEFORE, closes_at=NOW)

    changed = sheet_open_now(sheets=RatingSheet.objects.all(), at=NOW)

    assert changed == 2
    assert times(closed) == (BEFORE, None)
    assert times(closing_this_moment) == (BEFORE, None)


@pytest.mark.django_db
def test_sheet_open_now_open_sheets_left_as_they_are():
    open_for_good = make_sheet(opens_at=BEFORE)
    open_until_later = make_sheet(opens_at=BEFORE, closes_at=NOW + timedelta(hours=2))

    changed = sheet_open_now(sheets=RatingSheet.objects.all(), at=NOW)

    assert changed == 0
    assert times(open_for_good) == (BEFORE, None)
    assert times(open_until_later) == (BEFORE, NOW + timedelta(hours=2))


@pytest.mark.django_db
def test_sheet_open_now_only_given_sheets_change():
    chosen = make_sheet(opens_at=None)
    other = make_sheet(opens_at=None)

    changed = sheet_open_now(sheets=[chosen], at=NOW)

    assert changed == 1
    assert times(chosen) == (NOW, None)
    assert times(other) == (None, None)


@pytest.mark.django_db
def test_sheet_open_now_without_moment_uses_clock():
    sheet = make_sheet(opens_at=None)

    with time_machine.travel(NOW, tick=False):
        changed = sheet_open_now(sheets=RatingSheet.objects.filter(pk=sheet.pk))

    assert changed == 1
    assert times(sheet) == (NOW, None)


@pytest.mark.django_db
def test_sheet_open_now_no_sheets_changes_nothing():
    assert sheet_open_now(sheets=RatingSheet.objects.none(), at=NOW) == 0


# --- sheet_close_now -----------------------------------------------------------------------


@pytest.mark.django_db
def test_sheet_close_now_open_sheets_close_at_given_moment():
    open_for_good = make_sheet(opens_at=BEFORE)
    open_until_later = make_sheet(opens_at=BEFORE, closes_at=NOW + timedelta(hours=2))

    changed = sheet_close_now(sheets=RatingSheet.objects.all(), at=NOW)

    assert changed == 2
    assert times(open_for_good) == (BEFORE, NOW)
    assert times(open_until_later) == (BEFORE, NOW)


@pytest.mark.django_db
def test_sheet_close_now_sheets_not_open_left_as_they_are():
    unscheduled = make_sheet(opens_at=None)
    scheduled = make_sheet(opens_at=NOW + timedelta(hours=1))
    closed = make_sheet(opens_at=BEFORE, closes_at=NOW - timedelta(hours=1))

    changed = sheet_close_now(sheets=RatingSheet.objects.all(), at=NOW)

    assert changed == 0
    assert times(unscheduled) == (None, None)
    assert times(scheduled) == (NOW + timedelta(hours=1), None)
    assert times(closed) == (BEFORE, NOW - timedelta(hours=1))


@pytest.mark.django_db
def test_sheet_close_now_sheet_opened_this_very_moment_left_open():
    # Closing at the moment of opening would break "a sheet closes after it opens".
    sheet = make_sheet(opens_at=NOW)

    changed = sheet_close_now(sheets=[sheet], at=NOW)

    assert changed == 0
    assert times(sheet) == (NOW, None)


@pytest.mark.django_db
def test_sheet_close_now_only_given_sheets_change():
    chosen = make_sheet(opens_at=BEFORE)
    other = make_sheet(opens_at=BEFORE)

    changed = sheet_close_now(sheets=RatingSheet.objects.filter(pk=chosen.pk), at=NOW)

    assert changed == 1
    assert times(chosen) == (BEFORE, NOW)
    assert times(other) == (BEFORE, None)


@pytest.mark.django_db
def test_sheet_close_now_without_moment_uses_clock():
    sheet = make_sheet(opens_at=BEFORE)

    with time_machine.travel(NOW, tick=False):
        changed = sheet_close_now(sheets=[sheet])

    assert changed == 1
    assert times(sheet) == (BEFORE, NOW)


@pytest.mark.django_db
def test_sheet_services_positional_arguments_refused():
    with pytest.raises(TypeError, match=r"takes 0 positional arguments but 1 was given"):
        sheet_open_now([])  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"takes 0 positional arguments but 1 was given"):
        sheet_close_now([])  # type: ignore[misc]


# --- Coalitions are told when rating opens ---------------------------------------------------


@pytest.mark.django_db
def test_sheet_open_now_tells_the_outputs_when_rating_opened():
    unscheduled = make_sheet(opens_at=None)
    already_open = make_sheet(opens_at=BEFORE)

    sheet_open_now(sheets=RatingSheet.objects.all(), at=NOW)

    unscheduled.output.refresh_from_db()
    already_open.output.refresh_from_db()
    assert (unscheduled.output.rating_opens_at, already_open.output.rating_opens_at) == (
        NOW,
        BEFORE,
    )
    assert unscheduled.output.rating_has_started(NOW) is True


@pytest.mark.django_db
def test_sheet_close_now_keeps_the_outputs_rating_opening():
    sheet = make_sheet(opens_at=BEFORE)

    sheet_close_now(sheets=[sheet], at=NOW)

    sheet.output.refresh_from_db()
    assert (times(sheet), sheet.output.rating_opens_at) == ((BEFORE, NOW), BEFORE)


@pytest.mark.django_db
def test_sheet_create_for_output_is_not_open_and_freezes_nothing():
    output = make_output(status="final")

    sheet = sheet_create_for_output(output=output)

    output.refresh_from_db()
    assert (sheet.opens_at, output.rating_opens_at, output.rating_has_started()) == (
        None,
        None,
        False,
    )
