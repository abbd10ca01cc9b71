"""manage.py load_demo: the IGF 2015 session, idempotent, deterministic, movable to today."""

import io
import re
from collections import Counter
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from coalitions.models import Coalition, CoalitionMembership, Issue, Output, OutputVersion
from feedback.models import Rating, RatingSheet, Response
from igfsession.agenda.demo import COALITIONS, DEMO_PASSWORD, make_pdf
from igfsession.agenda.models import Part, Slot
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


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


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
    assert len(first["feedback.Response"]) == 600
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
def test_each_final_output_has_one_open_sheet_and_a_pdf_version(settings):
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
    for output in Output.objects.final():
        sheet = RatingSheet.objects.get(output=output)
        assert sheet.is_open()
        assert sheet.closes_at is None
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
    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False):
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
    assert Response.objects.filter(created_at__year=2026).count() == 600

    load()

    day3.refresh_from_db()
    assert day3.starts_at == datetime(2015, 11, 12, 19, 30, tzinfo=UTC)
    assert Response.objects.count() == 600
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
    assert Response.objects.count() == 1200
