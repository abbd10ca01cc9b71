"""The demo's sample coalition to try the portal with: with --today its declaration deadline is
still ahead (the organisers extended it), while every other coalition's has passed; and the
demo's declarations are accepted by the organisers."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from coalitions.models import CoalitionMembership, DeclarationReview, Output
from coalitions.permissions import can_declare_output_status
from coalitions.services import output_status_declare
from igfsession.agenda.demo import COALITIONS
from igfsession.models import Session
from tests.igfsession.demo_helpers import (  # noqa: F401 (autouse)
    FORTALEZA,
    demo_settings,
    load,
    only_2015,
)

pytestmark = pytest.mark.django_db


def _can_declare_now() -> list[str]:
    """The coalitions whose coordinators may declare now (every coordinator of each)."""
    allowed = []
    for output in Output.objects.select_related("coalition", "session").order_by("pk"):
        users = [m.user for m in CoalitionMembership.objects.filter(coalition=output.coalition)]
        if users and all(can_declare_output_status(user, output) for user in users):
            allowed.append(output.coalition.slug)
    return allowed


def test_with_today_exactly_one_coalition_can_still_declare_and_its_deadline_is_ahead():
    load("--today")

    session = Session.objects.get(slug="igf2015")
    trial = Output.objects.get(coalition__slug="sample-dc")
    now = timezone.now()
    today = timezone.localdate(now, FORTALEZA)
    assert session.declaration_deadline < now
    assert Output.objects.filter(declaration_deadline_extended_to__gt=now).count() == 1
    assert trial.declaration_deadline == datetime.combine(
        today + timedelta(days=5), time(23, 59), FORTALEZA
    )
    assert trial.declaration_deadline > now
    assert (trial.status, trial.issues.count(), trial.versions.count()) == ("draft", 0, 0)
    assert _can_declare_now() == ["sample-dc"]


def test_the_sample_coordinator_can_declare_with_the_demo_password():
    output = load("--today")

    user = get_user_model().objects.get(username="sample-coordinator")
    assert user.check_password("igf2015-demo")
    assert "sample-coordinator" in output
    trial = Output.objects.get(coalition__slug="sample-dc")
    output_status_declare(output=trial, user=user, status=Output.Status.FINAL)
    trial.refresh_from_db()
    assert (trial.status, trial.review_state) == ("final", "waiting")


def test_without_today_the_extension_is_on_2015_dates():
    load()

    trial = Output.objects.get(coalition__slug="sample-dc")
    assert trial.declaration_deadline_extended_to == datetime(2015, 11, 18, 2, 59, tzinfo=UTC)
    assert "Sample" in trial.coalition.description


def test_the_demo_declarations_are_accepted_through_the_services():
    load()

    in_the_facts = sum(1 for c in COALITIONS if c.status != Output.Status.DRAFT)
    declared = Output.objects.exclude(status=Output.Status.DRAFT)
    assert (in_the_facts, declared.count()) == (12, 12)
    assert set(declared.values_list("review_state", flat=True)) == {"accepted"}
    assert list(
        DeclarationReview.objects.order_by().values_list("action", flat=True).distinct()
    ) == ["accepted"]
    assert DeclarationReview.objects.count() == 12
    assert set(DeclarationReview.objects.values_list("reviewed_by__username", flat=True)) == {
        "organiser"
    }
