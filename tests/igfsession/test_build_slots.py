"""Building slots from the coalitions' declarations: service, admin action, command."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from coalitions.models import Output
from igfsession.agenda import services
from igfsession.agenda.admin_actions import build_slots_from_declarations
from igfsession.agenda.models import Part, Slot
from igfsession.models import Session
from tests.factories import (
    DAY3_START,
    make_coalition,
    make_output,
    make_part,
    make_session,
    make_slot,
)
from tests.igfsession.helpers import DAY4_START

pytestmark = pytest.mark.django_db

NAMES = ["DC Alpha", "DC Bravo", "DC Charlie", "DC Delta", "DC Echo", "DC Foxtrot", "DC Golf"]


def _session_with_final_outputs(names=NAMES, *, part_minutes=115):
    session = make_session(slug="igf2015", name="IGF 2015")
    part = make_part(
        session=session,
        kind=Part.Kind.PRESENTATIONS,
        starts_at=DAY3_START,
        ends_at=DAY3_START + timedelta(minutes=part_minutes),
    )
    outputs = [
        make_output(
            coalition=make_coalition(name=name),
            session=session,
            title=f"Output of {name}",
            status=Output.Status.FINAL,
        )
        for name in names
    ]
    return session, part, outputs


def _local_plan(part):
    """(kind, title, start, end) of the part's slots, in local time (João Pessoa)."""
    return [
        (
            slot.kind,
            slot.title,
            part.session.local(slot.starts_at).strftime("%H:%M"),
            part.session.local(slot.ends_at).strftime("%H:%M"),
        )
        for slot in part.slots.order_by("starts_at", "pk")
    ]


def test_split_minutes_gives_the_leftover_to_the_first_shares():
    assert services.split_minutes(95, 7) == [14, 14, 14, 14, 13, 13, 13]
    assert services.split_minutes(90, 6) == [15, 15, 15, 15, 15, 15]


def test_slots_build_seven_coalitions_in_95_minutes_splits_in_whole_minutes():
    session, part, _outputs = _session_with_final_outputs()

    built = services.slots_build_from_declarations(
        session=session, opening_minutes=10, closing_minutes=10
    )

    assert (built.created, built.updated, built.deleted, built.unchanged) == (9, 0, 0, 0)
    assert _local_plan(part) == [
        ("opening", "Opening", "16:30", "16:40"),
        ("presentation", "Output of DC Alpha", "16:40", "16:54"),
        ("presentation", "Output of DC Bravo", "16:54", "17:08"),
        ("presentation", "Output of DC Charlie", "17:08", "17:22"),
        ("presentation", "Output of DC Delta", "17:22", "17:36"),
        ("presentation", "Output of DC Echo", "17:36", "17:49"),
        ("presentation", "Output of DC Foxtrot", "17:49", "18:02"),
        ("presentation", "Output of DC Golf", "18:02", "18:15"),
        ("closing", "Closing", "18:15", "18:25"),
    ]
    first = part.slots.get(title="Output of DC Alpha")
    assert (first.starts_at, first.ends_at) == (
        datetime(2015, 11, 12, 19, 40, tzinfo=UTC),
        datetime(2015, 11, 12, 19, 54, tzinfo=UTC),
    )
    assert (first.coalition.name, first.output.title, first.is_generated) == (
        "DC Alpha",
        "Output of DC Alpha",
        True,
    )


def test_slots_build_run_again_updates_instead_of_duplicating():
    session, part, _outputs = _session_with_final_outputs()
    services.slots_build_from_declarations(session=session)
    first_ids = list(part.slots.order_by("starts_at").values_list("pk", flat=True))

    built = services.slots_build_from_declarations(session=session)

    assert (built.created, built.updated, built.deleted, built.unchanged) == (0, 0, 0, 9)
    assert list(part.slots.order_by("starts_at").values_list("pk", flat=True)) == first_ids


def test_slots_build_run_again_with_other_lengths_moves_the_same_slots():
    session, part, _outputs = _session_with_final_outputs()
    services.slots_build_from_declarations(session=session)
    ids = set(part.slots.values_list("pk", flat=True))

    built = services.slots_build_from_declarations(
        session=session, opening_minutes=5, closing_minutes=5
    )

    assert (built.created, built.updated, built.deleted) == (0, 9, 0)
    assert set(part.slots.values_list("pk", flat=True)) == ids
    assert _local_plan(part)[:2] == [
        ("opening", "Opening", "16:30", "16:35"),
        ("presentation", "Output of DC Alpha", "16:35", "16:50"),
    ]


def test_slots_build_without_opening_and_closing_fills_the_whole_part():
    session, part, _outputs = _session_with_final_outputs(NAMES[:3], part_minutes=90)

    services.slots_build_from_declarations(session=session, opening_minutes=0, closing_minutes=0)

    assert _local_plan(part) == [
        ("presentation", "Output of DC Alpha", "16:30", "17:00"),
        ("presentation", "Output of DC Bravo", "17:00", "17:30"),
        ("presentation", "Output of DC Charlie", "17:30", "18:00"),
    ]


def test_slots_build_never_touches_slots_made_by_hand():
    session, part, _outputs = _session_with_final_outputs(NAMES[:2], part_minutes=60)
    by_hand = make_slot(
        part=part,
        kind=Slot.Kind.OPENING,
        title="Welcome by the MAG chair",
        speakers="Janis Karklins",
        starts_at=DAY3_START,
        ends_at=DAY3_START + timedelta(minutes=5),
    )
    before = Slot.objects.filter(pk=by_hand.pk).values().get()

    services.slots_build_from_declarations(session=session)
    services.slots_build_from_declarations(session=session, opening_minutes=0, closing_minutes=0)

    assert Slot.objects.filter(pk=by_hand.pk).values().get() == before
    assert part.slots.filter(is_generated=False).count() == 1
    assert part.slots.filter(is_generated=True).count() == 2


def test_slots_build_skips_a_coalition_that_has_a_slot_made_by_hand():
    session, part, outputs = _session_with_final_outputs(NAMES[:3], part_minutes=40)
    services.slots_build_from_declarations(session=session)
    make_slot(
        part=part,
        title="Bravo, by hand",
        coalition=outputs[1].coalition,
        starts_at=DAY3_START + timedelta(minutes=40),
        ends_at=DAY3_START + timedelta(minutes=50),
    )

    built = services.slots_build_from_declarations(session=session, opening_minutes=0)

    assert built.deleted == 2  # Bravo's generated slot and the opening, now of 0 minutes
    assert _local_plan(part) == [
        ("presentation", "Output of DC Alpha", "16:30", "16:45"),
        ("presentation", "Output of DC Charlie", "16:45", "17:00"),
        ("closing", "Closing", "17:00", "17:10"),
        ("presentation", "Bravo, by hand", "17:10", "17:20"),
    ]


def test_slots_build_keeps_the_order_organisers_changed_on_a_re_run():
    session, part, _outputs = _session_with_final_outputs(NAMES[:3], part_minutes=50)
    services.slots_build_from_declarations(session=session)  # 10 + 3 x 10 + 10
    alpha = part.slots.get(coalition__name="DC Alpha")
    charlie = part.slots.get(coalition__name="DC Charlie")
    # The organiser swaps Alpha and Charlie in the admin.
    alpha.starts_at, charlie.starts_at = charlie.starts_at, alpha.starts_at
    alpha.ends_at, charlie.ends_at = charlie.ends_at, alpha.ends_at
    alpha.save()
    charlie.save()
    make_output(
        coalition=make_coalition(name="DC Aardvark"),
        session=session,
        title="Output of DC Aardvark",
        status=Output.Status.FINAL,
    )
    part.ends_at = DAY3_START + timedelta(minutes=60)
    part.save()

    built = services.slots_build_from_declarations(session=session)

    assert (built.created, built.deleted) == (1, 0)
    assert _local_plan(part) == [
        ("opening", "Opening", "16:30", "16:40"),
        ("presentation", "Output of DC Charlie", "16:40", "16:50"),
        ("presentation", "Output of DC Bravo", "16:50", "17:00"),
        ("presentation", "Output of DC Alpha", "17:00", "17:10"),
        ("presentation", "Output of DC Aardvark", "17:10", "17:20"),
        ("closing", "Closing", "17:20", "17:30"),
    ]


def test_slots_build_keeps_speakers_typed_by_organisers():
    session, part, _outputs = _session_with_final_outputs(NAMES[:2], part_minutes=60)
    services.slots_build_from_declarations(session=session)
    Slot.objects.filter(coalition__name="DC Alpha").update(speakers="Ana, Bea")

    services.slots_build_from_declarations(session=session, opening_minutes=5)

    assert part.slots.get(coalition__name="DC Alpha").speakers == "Ana, Bea"


def test_slots_build_puts_work_in_progress_in_the_introductions_part_and_skips_drafts():
    session = make_session()
    day3 = make_part(session=session, kind=Part.Kind.PRESENTATIONS)
    day4 = make_part(
        session=session,
        kind=Part.Kind.INTRODUCTIONS,
        starts_at=DAY4_START,
        ends_at=DAY4_START + timedelta(minutes=40),
    )
    for name, status in (("DC Final", "final"), ("DC Wip", "wip"), ("DC Draft", "draft")):
        make_output(coalition=make_coalition(name=name), session=session, status=status)

    services.slots_build_from_declarations(session=session)

    presenting = day3.slots.filter(coalition__isnull=False)
    assert list(presenting.values_list("kind", "coalition__name")) == [("presentation", "DC Final")]
    assert _local_plan(day4) == [
        ("opening", "Opening", "09:00", "09:10"),
        ("introduction", "DC Wip", "09:10", "09:30"),
        ("closing", "Closing", "09:30", "09:40"),
    ]


def test_slots_build_removes_the_slot_of_a_coalition_no_longer_final():
    session, part, outputs = _session_with_final_outputs(NAMES[:3], part_minutes=50)
    services.slots_build_from_declarations(session=session)
    Output.objects.filter(pk=outputs[1].pk).update(status=Output.Status.DRAFT)

    built = services.slots_build_from_declarations(session=session)

    assert built.deleted == 1
    assert _local_plan(part) == [
        ("opening", "Opening", "16:30", "16:40"),
        ("presentation", "Output of DC Alpha", "16:40", "16:55"),
        ("presentation", "Output of DC Charlie", "16:55", "17:10"),
        ("closing", "Closing", "17:10", "17:20"),
    ]


def test_slots_build_part_too_short_is_refused_and_saves_nothing():
    session, part, _outputs = _session_with_final_outputs(part_minutes=25)

    with pytest.raises(ValidationError) as excinfo:
        services.slots_build_from_declarations(session=session)

    assert excinfo.value.messages == [
        f"“{part.title}” has 5 minutes between its opening and closing slots: not enough for "
        "7 coalitions of at least one minute each."
    ]
    assert part.slots.count() == 0


class _ModelAdminStub:
    def __init__(self):
        self.sent = []

    def message_user(self, request, message, level):
        self.sent.append((level, message))


def test_build_slots_admin_action_builds_and_says_how_many():
    session, part, _outputs = _session_with_final_outputs()
    modeladmin = _ModelAdminStub()

    build_slots_from_declarations(
        modeladmin, RequestFactory().post("/admin/"), Session.objects.filter(pk=session.pk)
    )

    assert modeladmin.sent == [
        (
            messages.SUCCESS,
            "IGF 2015: 9 slots built from declarations (9 new, 0 updated, 0 removed).",
        )
    ]
    assert part.slots.count() == 9
    assert build_slots_from_declarations.short_description == "Build slots from declarations"


def test_build_slots_admin_action_reports_a_part_too_short():
    session, part, _outputs = _session_with_final_outputs(part_minutes=25)
    modeladmin = _ModelAdminStub()

    build_slots_from_declarations(
        modeladmin, RequestFactory().post("/admin/"), Session.objects.filter(pk=session.pk)
    )

    assert modeladmin.sent == [
        (
            messages.ERROR,
            f"IGF 2015: “{part.title}” has 5 minutes between its opening and closing slots: not "
            "enough for 7 coalitions of at least one minute each.",
        )
    ]


def test_build_slots_command_takes_the_opening_and_closing_lengths():
    _session, part, _outputs = _session_with_final_outputs()
    out = io.StringIO()

    call_command(
        "build_slots", "igf2015", "--opening-minutes", "5", "--closing-minutes", "15", stdout=out
    )

    assert out.getvalue() == (
        "IGF 2015: 9 generated slots (9 new, 0 updated, 0 unchanged, 0 removed).\n"
    )
    assert _local_plan(part)[0] == ("opening", "Opening", "16:30", "16:35")
    assert _local_plan(part)[-1] == ("closing", "Closing", "18:10", "18:25")


def test_build_slots_command_unknown_session_is_an_error():
    with pytest.raises(CommandError) as excinfo:
        call_command("build_slots", "igf1999")

    assert str(excinfo.value) == "No session has the short name “igf1999”."


def test_build_slots_action_runs_from_the_session_changelist(organiser_client):
    session, part, _outputs = _session_with_final_outputs()

    response = organiser_client.post(
        "/admin/igfsession/session/",
        {"action": "build_slots_from_declarations", "_selected_action": [session.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "IGF 2015: 9 slots built from declarations (9 new, 0 updated, 0 removed)."
    ]
    assert part.slots.count() == 9


def test_slots_build_part_too_short_for_one_coalition_says_so_in_the_singular():
    session, part, _outputs = _session_with_final_outputs(names=["Solo"], part_minutes=20)

    with pytest.raises(ValidationError) as excinfo:
        services.slots_build_from_declarations(session=session)

    assert excinfo.value.messages == [
        f"“{part.title}” has 0 minutes between its opening and closing slots: not enough for "
        "1 coalition of at least one minute."
    ]
