"""manage.py load_demo: the IGF 2015 session, idempotent, deterministic, movable to today, and
built through the services that organisers, coordinators and participants use."""

import hashlib
import io
import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import (
    Coalition,
    CoalitionMembership,
    Issue,
    IssueChange,
    Output,
    OutputVersion,
)
from feedback.models import Channel, Rating, RatingSheet, Response
from feedback.results import session_results
from feedback.services import paper_entry_key_hash
from igfsession.agenda.demo import COALITIONS, DEMO_PASSWORD, make_pdf, year2016
from igfsession.agenda.demo.facts import DATA_FILE, read_facts
from igfsession.agenda.models import LiveState, Part, Slot
from igfsession.choices import Attendance, Region, StakeholderGroup
from igfsession.models import Session
from tests.factories import make_session

FORTALEZA = ZoneInfo("America/Fortaleza")
# igf2015-coalitions.json lists 13 coalitions; the test does not read files outside the project.
COALITIONS_IN_JSON = 13
IRPC_PRINCIPLES = [
    "Universality and equality",
    "Rights and social justice",
    "Accessibility",
    "Expression and association",
    "Privacy and data protection",
    "Life, liberty and security",
    "Diversity",
    "Network equality",
    "Standards and regulation",
    "Governance",
]


@pytest.fixture(autouse=True)
def demo_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True
    return settings


@pytest.fixture(autouse=True)
def only_2015(monkeypatch):
    """These tests are about the 2015 session: the 2016 one (sample data, loaded with it by
    ``load_demo``) is left out here and tested in test_demo_2016.py."""
    monkeypatch.setattr(year2016, "load_2016", lambda *args, **kwargs: (None, 0))


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def new_this_run(output: str) -> str:
    """The command's line saying what this run added."""
    return next(line for line in output.splitlines() if line.startswith("  new this run:"))


def snapshot() -> dict[str, list[dict]]:
    """Every row of every model, so that "changes nothing" can be checked exactly."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
    }


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load()
    first = snapshot()
    load()
    second = snapshot()

    assert {k: len(v) for k, v in second.items()} == {k: len(v) for k, v in first.items()}
    assert second == first
    assert len(first["feedback.Response"]) == 470
    assert len(first["coalitions.OutputVersion"]) == COALITIONS_IN_JSON


@pytest.mark.django_db
def test_the_session_is_igf_2015_in_joao_pessoa_time_and_the_only_current_one():
    other = make_session(slug="older", is_current=True)

    load()

    session = Session.objects.get(slug="igf2015")
    assert session.is_current
    assert Session.objects.current() == session
    other.refresh_from_db()
    assert not other.is_current
    assert session.time_zone == "America/Fortaleza"
    assert session.name == "IGF 2015 — Main Session on Dynamic Coalitions"
    assert (session.year, session.city, session.country) == (2015, "João Pessoa", "Brazil")

    day3 = Part.objects.get(session=session, kind=Part.Kind.PRESENTATIONS)
    assert day3.starts_at == datetime(2015, 11, 12, 19, 30, tzinfo=UTC)
    assert day3.ends_at == datetime(2015, 11, 12, 21, 0, tzinfo=UTC)
    assert day3.room == "Main Meeting Room"
    assert day3.slots.order_by("starts_at").first().starts_at == day3.starts_at

    day4 = Part.objects.filter(session=session).exclude(pk=day3.pk).order_by("starts_at")
    assert [(p.kind, session.local(p.starts_at).strftime("%d %H:%M")) for p in day4] == [
        ("introductions", "13 10:00"),
        ("debate", "13 10:40"),
    ]
    assert all("sample" in p.description for p in day4)


@pytest.mark.django_db
def test_slots_lie_within_their_parts_and_are_organiser_made():
    load()

    slots = Slot.objects.select_related("part", "output")
    assert slots.count() > 0
    for slot in slots:
        assert slot.part.starts_at <= slot.starts_at < slot.ends_at <= slot.part.ends_at
        assert not slot.is_generated
    presentations = slots.filter(kind=Slot.Kind.PRESENTATION)
    assert {s.coalition.slug for s in presentations} == {"irpc", "dcnn", "dc-pal"}
    assert all(s.output.status == Output.Status.FINAL for s in presentations)
    introductions = slots.filter(kind=Slot.Kind.INTRODUCTION)
    assert introductions.exists()
    for slot in introductions:
        assert slot.output.status == Output.Status.WORK_IN_PROGRESS
        assert "Sample placement" in slot.description


@pytest.mark.django_db
def test_every_coalition_of_2015_is_loaded():
    load()

    assert len(COALITIONS) == COALITIONS_IN_JSON
    assert Coalition.objects.count() == COALITIONS_IN_JSON
    assert Output.objects.count() == COALITIONS_IN_JSON
    assert set(Output.objects.final().values_list("coalition__slug", flat=True)) == {
        "irpc",
        "dcnn",
        "dc-pal",
    }
    irpc = Coalition.objects.get(slug="irpc")
    assert (irpc.acronym, irpc.year_formed, irpc.is_active) == ("IRPC", 2008, True)
    assert Coalition.objects.get(slug="dc-pal").year_formed is None
    dcnn_issues = Issue.objects.filter(output__coalition__slug="dcnn")
    assert dcnn_issues.count() >= 4
    assert all("Sample" in issue.summary for issue in dcnn_issues)


@pytest.mark.django_db
def test_irpc_issues_are_its_ten_principles_in_order():
    load()

    output = Output.objects.get(coalition__slug="irpc")
    assert list(output.issues.order_by("position").values_list("title", flat=True)) == (
        IRPC_PRINCIPLES
    )
    assert Issue.objects.filter(output__coalition__slug="dc-pal").count() == 4


@pytest.mark.django_db
def test_each_final_output_has_one_sheet_open_or_closed_at_the_end_of_rating_and_a_pdf(settings):
    load()

    for output in Output.objects.all():
        version = OutputVersion.objects.get(output=output)
        assert version.number == 1
        with version.file.open("rb") as handle:
            data = handle.read()
        assert data.startswith(b"%PDF-")
        assert b"Sample for the demo." in data
        assert version.size == len(data)
        assert version.content_type == "application/pdf"
        assert version.original_name == f"{output.slug}.pdf"
        assert version.file.name != version.original_name
        assert (settings.MEDIA_ROOT / version.file.name).is_file()
    sheets = {
        sheet.code: (sheet.is_open(), sheet.closes_at)
        for sheet in RatingSheet.objects.filter(output__in=Output.objects.final())
    }
    # IRPC's closed when online rating ended (its results are public); the others stay open.
    assert sheets == {
        "irpc-2015": (False, RATING_ENDS),
        "dcnn-2015": (True, None),
        "dc-pal-2015": (True, None),
    }
    assert RatingSheet.objects.count() == Output.objects.final().count()
    assert RatingSheet.objects.get(code="irpc-2015").output.coalition.slug == "irpc"


def test_the_pdf_cross_reference_table_points_at_its_objects():
    data = make_pdf(["Hello (world) — João"])

    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    assert data[startxref:].startswith(b"xref\n0 6\n")
    offsets = re.findall(rb"(\d{10}) 00000 n \n", data[startxref:])
    for number, offset in enumerate(offsets, start=1):
        assert data[int(offset) :].startswith(f"{number} 0 obj\n".encode())
    length = int(re.search(rb"/Length (\d+) >>\nstream\n", data).group(1))
    stream = data.split(b"stream\n", 1)[1]
    assert stream[length:].startswith(b"endstream")
    assert b"(Hello \\(world\\) \x97 Jo\xe3o) Tj" in data


@pytest.mark.django_db
def test_today_moves_the_session_keeping_local_times_and_back():
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # 09:00 on Day 3 in João Pessoa
    with time_machine.travel(now, tick=False):
        load("--today")
        moved = snapshot()
        load("--today")
        assert snapshot() == moved

    session = Session.objects.get(slug="igf2015")
    day3, intro, debate = Part.objects.filter(session=session).order_by("starts_at")
    assert day3.starts_at == datetime.combine(date(2026, 3, 10), time(16, 30), FORTALEZA)
    assert session.local(day3.starts_at).date() == date(2026, 3, 10)
    assert intro.starts_at == datetime.combine(date(2026, 3, 11), time(10, 0), FORTALEZA)
    assert debate.ends_at == datetime.combine(date(2026, 3, 11), time(11, 30), FORTALEZA)
    assert session.declaration_deadline.year == 2026
    # Only the responses whose moment has passed: some of those sent before the session.
    assert Response.objects.filter(created_at__year=2026).count() == 80
    assert Response.objects.count() == 80
    assert not Response.objects.filter(created_at__gt=now).exists()

    load()

    day3.refresh_from_db()
    assert day3.starts_at == datetime(2015, 11, 12, 19, 30, tzinfo=UTC)
    assert Response.objects.count() == 470
    assert not Response.objects.filter(created_at__year=2026).exists()


@pytest.mark.django_db
def test_credentials_are_printed_only_with_debug(settings):
    output = load()
    assert DEMO_PASSWORD in output
    organiser = get_user_model().objects.get(username="organiser")
    assert organiser.is_staff and organiser.is_superuser
    assert organiser.check_password(DEMO_PASSWORD)
    coordinator = get_user_model().objects.get(username="coordinator")
    assert CoalitionMembership.objects.filter(user=coordinator, coalition__slug="dc-pal").exists()


@pytest.mark.django_db
def test_without_debug_accounts_have_no_usable_password(settings):
    settings.DEBUG = False

    output = load()

    assert DEMO_PASSWORD not in output
    assert "changepassword" in output
    for username in ("organiser", "coordinator"):
        assert not get_user_model().objects.get(username=username).has_usable_password()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_marks():
    def marks():
        return Counter(
            Rating.objects.values_list(
                "response__sheet__code",
                "issue__position",
                "mark",
                "response__channel",
                "response__stakeholder_group",
                "response__region",
                "response__attendance",
            )
        )

    load()
    first = marks()
    assert {m[2] for m in first} == {"1", "2", "3", "4", "5", "confusion"}
    assert not Response.objects.filter(channel="paper", entered_by__isnull=True).exists()
    assert not Response.objects.filter(respondent_hash__isnull=True).exists()

    Rating.objects.all().delete()
    Response.objects.all().delete()
    load()
    assert marks() == first

    load("--seed", "7")
    assert Response.objects.count() == 940


# --------------------------------------------------------------------------------------------
# Built through the services, at realistic moments
# --------------------------------------------------------------------------------------------

SHEETS = ("irpc-2015", "dcnn-2015", "dc-pal-2015")
# The moments of the data file on 2015's dates, in UTC (João Pessoa is UTC-3).
SHEETS_OPEN = datetime(2015, 10, 1, 12, 0, tzinfo=UTC)  # 1 Oct 2015, 09:00
FINAL_DECLARED = datetime(2015, 9, 28, 15, 0, tzinfo=UTC)
WIP_DECLARED = datetime(2015, 10, 22, 15, 0, tzinfo=UTC)
FILE_UPLOADED = datetime(2015, 9, 24, 18, 0, tzinfo=UTC)
DAY3_START = datetime(2015, 11, 12, 19, 30, tzinfo=UTC)
DAY3_END = datetime(2015, 11, 12, 21, 0, tzinfo=UTC)
LAST_DAY_ENDS = datetime(2015, 11, 14, 3, 0, tzinfo=UTC)  # midnight after Day 4, venue time
RATING_ENDS = datetime(2016, 1, 1, 2, 59, tzinfo=UTC)  # 31 Dec 2015, 23:59


def period(moment: datetime) -> str:
    if moment < DAY3_START:
        return "before"
    return "during" if moment < LAST_DAY_ENDS else "after"


def by_sheet_period_channel() -> Counter:
    return Counter(
        (code, period(created_at), channel)
        for code, created_at, channel in Response.objects.values_list(
            "sheet__code", "created_at", "channel"
        )
    )


@pytest.mark.django_db
def test_final_outputs_are_declared_and_get_their_sheet_through_the_services():
    load()

    for output in Output.objects.select_related("coalition"):
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
    assert Counter(Output.objects.values_list("status", flat=True)) == {
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
        "  new this run: 290 responses (seed 2015), 13 files, 2 accounts"
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


def test_the_data_file_uses_the_projects_lists():
    facts = read_facts()
    crowd = facts.responses

    assert set(crowd.stakeholder_group) == set(StakeholderGroup.values)
    assert set(crowd.region) == set(Region.values)
    assert set(crowd.attendance) == set(Attendance.values)
    assert {k: set(v) for k, v in crowd.periods.items()} == {
        attendance: {"before", "during", "after"} for attendance in ("room", "remote", "")
    }
    assert {c.status for c in facts.coalitions} == set(Output.Status.values)
    assert [s.coalition for s in facts.slots if s.kind == "presentation"] == [
        c.slug for c in facts.coalitions if c.presents_on_day3
    ]


def test_the_data_file_refuses_an_unknown_key(tmp_path):
    broken = tmp_path / "igf2015.toml"
    broken.write_text(
        DATA_FILE.read_text(encoding="utf-8").replace("city = ", "town = ", 1), encoding="utf-8"
    )

    with pytest.raises(ValueError) as error:
        read_facts(broken)

    assert str(error.value) == "igf2015.toml, session: unknown keys ['town']"


def test_the_demo_loader_uses_ordinary_imports_only():
    """No dodging the layers: no app-registry lookups, no relation names read from _meta."""
    package = Path(__file__).resolve().parents[2] / "igfsession" / "agenda" / "demo"
    sources = {path.name: path.read_text(encoding="utf-8") for path in package.glob("*.py")}

    found = {
        name: [word for word in ("get_model", "_meta", "related_model") if word in text]
        for name, text in sources.items()
    }
    assert found == {name: [] for name in sources}
    assert sorted(sources) == [
        "__init__.py",
        "facts.py",
        "loader.py",
        "outputs.py",
        "pdf.py",
        "responses.py",
        "rows.py",
        "samples.py",
        "year2016.py",
    ]
    assert max(text.count("\n") for text in sources.values()) <= 400
