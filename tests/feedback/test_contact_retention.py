"""Issue 14: contact details left with a response are deleted FEEDBACK_CONTACT_RETENTION_DAYS
(default 180) after the sheet closes, by the scheduled ``manage.py cleanup``."""

import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command

from feedback.models import Response
from feedback.services import contact_details_expire
from tests.feedback.results_helpers import respond, results_sheet

pytestmark = pytest.mark.django_db

CLOSED = datetime(2015, 11, 20, tzinfo=UTC)  # results_sheet(closed=True)
CONTACT = {
    "contact_consent": True,
    "contact_name": "Ana Souza",
    "contact_organisation": "Biblioteca",
    "contact_email": "ana@example.org",
}


def _contacts():
    return list(
        Response.objects.order_by("pk").values_list(
            "sheet__code",
            "contact_consent",
            "contact_name",
            "contact_organisation",
            "contact_email",
        )
    )


@pytest.fixture
def responses(session):
    closed = results_sheet(session, code="pal", closed=True)
    still_open = results_sheet(session, code="irpc")
    respond(
        closed,
        {"Access": "5"},
        overall_comment="Keep this.",
        stakeholder_group="academia",
        **CONTACT,
    )
    respond(closed, {"Access": "4"})
    respond(still_open, {"Access": "3"}, **CONTACT)
    return closed, still_open


def _cleanup():
    out = io.StringIO()
    call_command("cleanup", stdout=out)
    return out.getvalue().strip()


def test_contact_details_are_kept_until_the_retention_time(responses):
    with time_machine.travel(datetime(2016, 5, 17, 23, 59, tzinfo=UTC), tick=False):
        said = _cleanup()

    assert said == (
        "Contact details deleted from 0 response(s) whose sheet closed more than 180 days ago.\n"
        "Client address hashes and browser families cleared from 0 response(s) whose sheet "
        "closed more than 30 days ago.\n"
        "Expired cache entries deleted: 0."
    )
    assert _contacts() == [
        ("pal", True, "Ana Souza", "Biblioteca", "ana@example.org"),
        ("pal", False, "", "", ""),
        ("irpc", True, "Ana Souza", "Biblioteca", "ana@example.org"),
    ]


def test_contact_details_are_deleted_after_the_retention_time(responses):
    with time_machine.travel(datetime(2016, 5, 18, 0, 0, tzinfo=UTC), tick=False):  # 180 days
        said = _cleanup()

    assert said == (
        "Contact details deleted from 1 response(s) whose sheet closed more than 180 days ago.\n"
        "Client address hashes and browser families cleared from 0 response(s) whose sheet "
        "closed more than 30 days ago.\n"
        "Expired cache entries deleted: 0."
    )
    assert _contacts() == [
        ("pal", False, "", "", ""),
        ("pal", False, "", "", ""),
        ("irpc", True, "Ana Souza", "Biblioteca", "ana@example.org"),
    ]
    kept = Response.objects.get(sheet__code="pal", overall_comment="Keep this.")
    assert (kept.stakeholder_group, kept.ratings.get().mark) == ("academia", "5")


def test_contact_retention_is_a_setting_and_runs_again_harmlessly(responses, settings):
    settings.FEEDBACK_CONTACT_RETENTION_DAYS = 10
    at = datetime(2015, 12, 1, tzinfo=UTC)  # 11 days after closing

    first = contact_details_expire(at=at)
    second = contact_details_expire(at=at)

    assert (first, second) == (1, 0)
    assert _contacts()[0] == ("pal", False, "", "", "")


def test_sheet_that_never_closes_keeps_contact_details(responses):
    assert contact_details_expire(at=datetime(2030, 1, 1, tzinfo=UTC)) == 1
    assert _contacts()[2] == ("irpc", True, "Ana Souza", "Biblioteca", "ana@example.org")
