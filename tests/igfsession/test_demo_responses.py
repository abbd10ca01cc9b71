"""manage.py load_demo, continued: the outputs' moments and the sample responses (when they come,
through which channel, their breakdowns), --today and back, and the data file."""

import hashlib
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import (
    IssueChange,
    Output,
    OutputVersion,
)
from feedback.models import Channel, Rating, RatingSheet, Response
from feedback.results import session_results
from feedback.services import paper_entry_key_hash
from igfsession.agenda.models import LiveState, Part, Slot
from igfsession.choices import Attendance, Region, StakeholderGroup
from igfsession.models import Session
from tests.igfsession.demo_helpers import (  # noqa: F401 (autouse)
    COALITIONS_IN_JSON,
    DAY3_END,
    DAY3_START,
    FILE_UPLOADED,
    FINAL_DECLARED,
    LAST_DAY_ENDS,
    RATING_ENDS,
    SHEETS,
    SHEETS_OPEN,
    WIP_DECLARED,
    by_sheet_period_channel,
    demo_settings,
    load,
    new_this_run,
    only_2015,
    period,
)


@pytest.mark.django_db
def test_final_outputs_are_declared_and_get_their_sheet_through_the_services():
    load()

    # The sample coalition to try the portal with has its draft (test_demo_trial.py).
    in_2015 = Output.objects.exclude(coalition__slug="sample-dc")
    for output in in_2015.select_related("coalition"):
        if output.status == Output.Status.FINAL:
            sheet = RatingSheet.objects.get(output=output)
            # The code that feedback's sheet_create_for_output makes: <coalition>-<year>.
            assert sheet.code == f"{output.coalition.slug}-2015"
            closes = RATING_ENDS if sheet.code == "irpc-2015" else None
            assert (sheet.opens_at, sheet.closes_at) == (SHEETS_OPEN, closes)
            assert output.rating_opens_at == sheet.opens_at
            assert output.status_changed_at == FINAL_DECLARED
        elif output.status == Output.Status.WORK_IN_PROGRESS:
            assert output.rating_opens_at is None
            assert output.status_changed_at == WIP_DECLARED
        else:
            assert (output.coalition.slug, output.status) == ("dc-accountability", "draft")
            assert output.status_changed_at is None
    assert Counter(in_2015.values_list("status", flat=True)) == {
        "final": 3,
        "wip": 9,
        "draft": 1,
    }
    # Issues were written before rating opened: no change was recorded.
    assert IssueChange.objects.count() == 0


@pytest.mark.django_db
def test_files_are_uploaded_by_the_coalitions_side_at_their_moment():
    load()

    uploads = {
        version.output.coalition.slug: (version.uploaded_by.username, version.uploaded_at)
        for version in OutputVersion.objects.select_related("output__coalition", "uploaded_by")
    }
    assert uploads["dc-pal"] == ("coordinator", FILE_UPLOADED)
    assert {who for slug, who in uploads.items() if slug != "dc-pal"} == {
        ("organiser", FILE_UPLOADED)
    }
    assert len(uploads) == COALITIONS_IN_JSON


@pytest.mark.django_db
def test_output_slugs_come_from_the_portal_except_two_shortened_by_organisers():
    load()

    assert dict(Output.objects.values_list("coalition__slug", "slug")) == {
        "sample-dc": "sample-output-to-try-the-portal-with",
        "irpc": "charter-of-human-rights-and-principles-for-the-internet",
        "dcnn": "outcome-document-on-network-neutrality",
        "dc-pal": "statement-of-principles-on-public-access-in-libraries",
        "dc-iot": "internet-of-things-good-practice",
        "dcpr": "work-in-progress-sample",
        "dccos": "work-in-progress-sample",
        "dc-civ": "work-in-progress-sample",
        "dcad": "work-in-progress-sample",
        "dc-gender": "work-in-progress-sample",
        "ycig": "work-in-progress-sample",
        "dc-accountability": "work-in-progress-sample",
        "foe-dc": "work-in-progress-sample",
        "dc-connecting-the-unconnected": "work-in-progress-sample",
    }


@pytest.mark.django_db
def test_online_responses_have_respondent_hashes_and_paper_ones_their_typist():
    load()
    organiser = get_user_model().objects.get(username="organiser")

    online = Response.objects.filter(channel=Channel.ONLINE)
    paper = Response.objects.filter(channel=Channel.PAPER)
    assert (online.count(), paper.count()) == (356, 114)
    assert not online.filter(entered_by__isnull=False).exists()
    assert set(paper.values_list("entered_by", flat=True)) == {organiser.pk}
    # Paper sheets come from the room.
    assert set(paper.values_list("attendance", flat=True)) == {"room"}
    # The deterministic hashes of sample n on a sheet: online, the hash of "igf-demo:<seed>:
    # <code>:<n>"; paper, the hash feedback gives the entry form's key (that same string).
    counts = {"irpc-2015": 240, "dcnn-2015": 200, "dc-pal-2015": 30}
    hashes = {}
    for code, count in counts.items():
        for n in range(count):
            key = f"igf-demo:2015:{code}:{n}"
            hashes[hashlib.sha256(key.encode()).hexdigest()] = ("online", code, n)
            hashes[paper_entry_key_hash(key)] = ("paper", code, n)
    samples = []
    for code, channel, respondent_hash in Response.objects.values_list(
        "sheet__code", "channel", "respondent_hash"
    ):
        kind, sample_code, n = hashes[respondent_hash]
        samples.append((sample_code, n, sample_code == code, kind == channel))
    # Each sample once, on its own sheet, under the hash of its channel.
    assert sorted(samples) == sorted(
        (code, n, True, True) for code, count in counts.items() for n in range(count)
    )


@pytest.mark.django_db
def test_responses_come_before_during_and_after_the_session():
    load()

    assert by_sheet_period_channel() == {
        ("irpc-2015", "before", "online"): 46,
        ("irpc-2015", "during", "online"): 83,
        ("irpc-2015", "during", "paper"): 64,
        ("irpc-2015", "after", "online"): 47,
        ("dcnn-2015", "before", "online"): 36,
        ("dcnn-2015", "during", "online"): 80,
        ("dcnn-2015", "during", "paper"): 46,
        ("dcnn-2015", "after", "online"): 38,
        ("dc-pal-2015", "before", "online"): 4,
        ("dc-pal-2015", "during", "online"): 14,
        ("dc-pal-2015", "during", "paper"): 4,
        ("dc-pal-2015", "after", "online"): 8,
    }
    moments = Response.objects.values_list("created_at", flat=True)
    assert min(moments) >= SHEETS_OPEN
    assert max(moments) <= RATING_ENDS


@pytest.mark.django_db
def test_online_responses_in_the_room_come_during_the_outputs_presentation_part():
    load()

    for slot in Slot.objects.filter(kind=Slot.Kind.PRESENTATION).select_related("part"):
        room = Response.objects.filter(
            sheet__output=slot.output,
            channel=Channel.ONLINE,
            attendance="room",
            created_at__gte=DAY3_START,
            created_at__lt=LAST_DAY_ENDS,
        )
        assert room.exists()
        assert not room.filter(created_at__lt=slot.starts_at).exists()
        assert not room.filter(created_at__gte=slot.part.ends_at).exists()


@pytest.mark.django_db
def test_paper_sheets_are_typed_in_one_after_another_from_the_end_of_the_part():
    load()

    typed = list(
        Response.objects.filter(channel=Channel.PAPER)
        .order_by("created_at")
        .values_list("sheet__code", "created_at")
    )
    assert [moment for _code, moment in typed] == [
        DAY3_END + timedelta(seconds=40 * n) for n in range(114)
    ]
    # In the order the outputs were presented.
    assert list(dict.fromkeys(code for code, _moment in typed)) == list(SHEETS)


BREAKDOWNS = {
    "stakeholder group": ("stakeholder_group", [*StakeholderGroup.values, ""]),
    "regional group": ("region", [*Region.values, ""]),
    "attendance": ("attendance", [*Attendance.values, ""]),
    "channel": ("channel", Channel.values),
    "period": (None, ["before", "during", "after"]),
}


def cell_sizes(counts) -> set[str]:
    return {"5 or more" if n >= 5 else "1 to 4" for n in counts if n}


@pytest.mark.django_db
def test_every_breakdown_has_cells_of_five_or_more_and_of_one_to_four():
    """As the results count them (a sheet's respondents per value): over the demo, and on the
    small DC-PAL sheet alone, every breakdown has cells the public sees and cells it sees as
    "fewer than 5"."""
    load()

    results = session_results(Session.objects.current(), breakdowns=True)
    by_sheet = {
        result.sheet.code: {
            name: [cell.respondents for cell in cells]
            for name, cells in result.respondent_cells.items()
        }
        for result in results
    }
    everywhere = {
        name: cell_sizes(n for cells in by_sheet.values() for n in cells[name])
        for name in by_sheet["dc-pal-2015"]
    }
    both = frozenset({"5 or more", "1 to 4"})
    assert everywhere == dict.fromkeys(everywhere, both)
    small_sheet = {name: cell_sizes(cells) for name, cells in by_sheet["dc-pal-2015"].items()}
    assert small_sheet == dict.fromkeys(everywhere, both)
    assert list(everywhere) == ["stakeholder_group", "region", "attendance", "channel", "period"]


@pytest.mark.django_db
def test_every_value_of_every_breakdown_occurs_on_the_large_sheets():
    load()

    for dimension, (name, values) in BREAKDOWNS.items():
        for code in ("irpc-2015", "dcnn-2015"):
            responses = Response.objects.filter(sheet__code=code)
            if name is None:
                found = {
                    period(moment) for moment in responses.values_list("created_at", flat=True)
                }
            else:
                found = set(responses.values_list(name, flat=True))
            assert (dimension, code, found) == (dimension, code, set(values))


@pytest.mark.django_db
def test_today_no_response_is_in_the_future_and_later_runs_add_those_come_due():
    shift = datetime(2026, 3, 10, tzinfo=UTC) - datetime(2015, 11, 12, tzinfo=UTC)

    def by_period_channel() -> Counter:
        return Counter(
            (period(created_at - shift), channel)
            for created_at, channel in Response.objects.values_list("created_at", "channel")
        )

    evening = datetime(2026, 3, 10, 22, 0, tzinfo=UTC)  # 19:00 on Day 3 in João Pessoa
    with time_machine.travel(evening, tick=False):
        first = load("--today")
    assert not Response.objects.filter(created_at__gt=evening).exists()
    # Every response sent before the session, those sent online since it started, and the paper
    # sheets typed in so far (one every 40 s from 18:00).
    assert by_period_channel() == {
        ("before", "online"): 86,
        ("during", "online"): 113,
        ("during", "paper"): 91,
    }
    assert new_this_run(first) == (
        "  new this run: 290 responses (seed 2015), 13 files, 3 accounts"
    )

    night = datetime(2026, 3, 11, 2, 30, tzinfo=UTC)  # 23:30 the same day in João Pessoa
    with time_machine.travel(night, tick=False):
        later = load("--today")
    assert not Response.objects.filter(created_at__gt=night).exists()
    assert by_period_channel() == {
        ("before", "online"): 86,
        ("during", "online"): 126,
        ("during", "paper"): 114,
    }
    assert new_this_run(later) == "  new this run: 36 responses (seed 2015), 0 files, 0 accounts"

    # A week later, --today moves the session again: Day 3 is that day, at 09:00 so far.
    next_week = datetime(2026, 3, 17, 12, 0, tzinfo=UTC)
    with time_machine.travel(next_week, tick=False):
        load("--today")
    day3 = Part.objects.get(kind=Part.Kind.PRESENTATIONS)
    assert day3.starts_at == datetime(2026, 3, 17, 19, 30, tzinfo=UTC)
    assert not Response.objects.filter(created_at__gt=next_week).exists()
    assert Response.objects.count() == 80


@pytest.mark.django_db
def test_today_and_back_puts_every_2015_moment_back():
    def moments():
        return {
            "responses": sorted(
                Response.objects.values_list(
                    "sheet__code",
                    "respondent_hash",
                    "channel",
                    "created_at",
                    "stakeholder_group",
                    "region",
                    "attendance",
                    "overall_comment",
                    "entered_by__username",
                )
            ),
            "ratings": sorted(
                Rating.objects.values_list("response__respondent_hash", "issue__title", "mark")
            ),
            "outputs": sorted(
                Output.objects.values_list("slug", "status", "status_changed_at", "rating_opens_at")
            ),
            "versions": sorted(OutputVersion.objects.values_list("output__slug", "uploaded_at")),
            "sheets": sorted(RatingSheet.objects.values_list("code", "opens_at", "closes_at")),
            "parts": sorted(Part.objects.values_list("kind", "starts_at", "ends_at")),
            "slots": sorted(Slot.objects.values_list("title", "starts_at", "ends_at")),
            "session": list(Session.objects.values_list("declaration_deadline", "description")),
        }

    load()
    in_2015 = moments()
    with time_machine.travel(datetime(2026, 3, 12, 12, 0, tzinfo=UTC), tick=False):
        load("--today")
        assert moments() != in_2015
    load()

    assert moments() == in_2015
    assert IssueChange.objects.count() == 0


@pytest.mark.django_db
def test_a_second_run_reads_the_existing_responses_in_one_query():
    load()

    with CaptureQueriesContext(connection) as queries:
        output = load()

    reads = [q["sql"] for q in queries if 'FROM "feedback_response"' in q["sql"]]
    assert len(reads) == 2  # the demo's existing hashes, and the count printed
    assert new_this_run(output) == "  new this run: 0 responses (seed 2015), 0 files, 0 accounts"
    assert not [q for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]


@pytest.mark.django_db
def test_a_sample_response_changed_by_hand_is_put_back():
    load()
    response = Response.objects.filter(channel=Channel.ONLINE).order_by("pk").first()
    before = (response.respondent_hash, response.created_at)
    Response.objects.filter(pk=response.pk).update(created_at=datetime(2015, 12, 1, tzinfo=UTC))

    output = load()

    again = Response.objects.get(respondent_hash=before[0])
    assert (again.respondent_hash, again.created_at) == before
    assert new_this_run(output) == "  new this run: 1 responses (seed 2015), 0 files, 0 accounts"
    assert Response.objects.count() == 470


@pytest.mark.django_db
def test_the_live_state_follows_the_clock():
    load()

    state = LiveState.objects.get(session__slug="igf2015")
    assert (state.mode, state.slot, state.changed_by.username) == ("clock", None, "organiser")
