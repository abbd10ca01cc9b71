"""What the demo's tests share: the settings they run with, the 2015 session on its own, the
command run and read, and every row of the database."""

import io
from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.management import call_command

from feedback.models import Response
from igfsession.agenda.demo import year2016

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
