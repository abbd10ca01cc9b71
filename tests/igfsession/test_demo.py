"""manage.py load_demo: the IGF 2015 session, idempotent, deterministic, movable to today, and
built through the services that organisers, coordinators and participants use."""

import re
from collections import Counter
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model

from coalitions.models import (
    Coalition,
    CoalitionMembership,
    Issue,
    Output,
    OutputVersion,
)
from feedback.models import Rating, RatingSheet, Response
from igfsession.agenda.demo import COALITIONS, DEMO_PASSWORD, make_pdf
from igfsession.agenda.demo.facts import DATA_FILE, read_facts
from igfsession.agenda.models import Part, Slot
from igfsession.choices import Attendance, Region, StakeholderGroup
from igfsession.models import Session
from tests.factories import make_session
from tests.igfsession.demo_helpers import (  # noqa: F401 (autouse)
    COALITIONS_IN_JSON,
    FORTALEZA,
    IRPC_PRINCIPLES,
    RATING_ENDS,
    demo_settings,
    load,
    only_2015,
    snapshot,
)


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
    # And the sample coalition to try the portal with (test_demo_trial.py).
    assert Coalition.objects.exclude(slug="sample-dc").count() == COALITIONS_IN_JSON
    assert Output.objects.exclude(coalition__slug="sample-dc").count() == COALITIONS_IN_JSON
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

    for output in Output.objects.exclude(coalition__slug="sample-dc"):  # a draft, no file yet
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
        "trial.py",
        "year2016.py",
    ]
    assert max(text.count("\n") for text in sources.values()) <= 400
