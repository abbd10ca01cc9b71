"""The benchmark's database: made afresh on the shared PostgreSQL, migrated, seeded through the
project's services (the demo, moved to today, plus generated coalitions with open sheets), and
read back after each hall scenario for the lost-data check. Runs in run.py's process, with the
same environment as the app servers (``configure`` sets it)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHEETS, ISSUES_PER_SHEET = 10, 8
SHEET_PREFIX = "bench-"


def configure(env: dict[str, str]) -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()


def database_recreate(url: str) -> None:
    """Drop and create the benchmark's own database (and only it) on the shared server."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed() -> list[str]:
    """Migrate, load the demo on today's dates, and add the generated coalitions: their outputs
    of ``ISSUES_PER_SHEET`` issues declared final and their sheets opened, all through the
    services. Returns the generated sheets' codes."""
    from django.core.management import call_command
    from django.db import connection

    from igfsession import ops
    from igfsession.agenda import demo

    call_command("migrate", verbosity=0, interactive=False)
    demo.load(today=True)
    codes = _generated_sheets()
    ops.bench_write_table_create()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()
    return codes


def _generated_sheets() -> list[str]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from coalitions.models import Coalition, Output
    from coalitions.services import (
        declaration_accept,
        issue_create,
        output_create,
        output_status_declare,
    )
    from feedback.models import RatingSheet
    from feedback.services import sheet_open_now, sheet_save
    from igfsession.models import Session

    session = Session.objects.current()
    organiser = get_user_model().objects.filter(is_staff=True, is_active=True).earliest("pk")
    codes = []
    with transaction.atomic():
        for n in range(1, SHEETS + 1):
            # Organisers add coalitions in the admin: a checked row.
            coalition = Coalition(
                name=f"Benchmark Coalition {n:02d}",
                acronym=f"DC-B{n:02d}",
                slug=f"dc-bench-{n:02d}",
                summary="A generated coalition for the load benchmark.",
                is_active=True,
            )
            coalition.full_clean()
            coalition.save()
            output = output_create(
                coalition=coalition,
                session=session,
                user=organiser,
                title=f"Benchmark output {n:02d}",
                summary="A generated output for the load benchmark.",
                language="en",
            )
            for position in range(1, ISSUES_PER_SHEET + 1):
                issue_create(
                    output=output,
                    user=organiser,
                    title=f"Issue {position} of benchmark output {n:02d}",
                    summary="A generated issue.",
                    reference=f"Section {position}",
                )
            output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)
            # The organisers accept the declaration: feedback makes the output's sheet.
            declaration_accept(output=output, user=organiser)
            sheet = RatingSheet.objects.get(output=output)
            sheet.code = f"{SHEET_PREFIX}{n:02d}"
            sheet_save(sheet=sheet)
            sheet_open_now(sheets=[sheet])
            codes.append(sheet.code)
    return codes


@dataclass(frozen=True)
class Stored:
    responses: int
    ratings: int
    pairs: dict[tuple[str, str], int]  # (respondent hash, sheet code) -> marks


def stored(codes: list[str]) -> Stored:
    """What the generated sheets hold: responses, marks, and each response's marks."""
    from django.db import connection
    from django.db.models import Count

    from feedback.models import Rating, Response

    responses = Response.objects.filter(sheet__code__in=codes)
    pairs = {
        (row["respondent_hash"], row["sheet__code"]): row["marks"]
        for row in responses.order_by()
        .values("respondent_hash", "sheet__code")
        .annotate(marks=Count("ratings"))
    }
    ratings = Rating.objects.filter(response__sheet__code__in=codes).count()
    result = Stored(responses=responses.count(), ratings=ratings, pairs=pairs)
    connection.close()
    return result
