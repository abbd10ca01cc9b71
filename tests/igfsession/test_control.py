"""/agenda/control/: organisers only, each action a POST with CSRF."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from igfsession.agenda import services
from igfsession.agenda.models import LiveState
from igfsession.permissions import can_run_live_agenda
from tests.factories import make_coordinator, make_slot, make_user
from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

ACTIONS = [
    "/agenda/control/start/",
    "/agenda/control/next/",
    "/agenda/control/end/",
    "/agenda/control/clock/",
]
DURING_SLOT_1 = datetime(2015, 11, 12, 19, 35, tzinfo=UTC)  # 16:35 in João Pessoa


@pytest.fixture
def agenda():
    return make_agenda(slots=3)


def _mode(session):
    state = LiveState.objects.filter(session=session).first()
    return (state.mode, state.slot_id) if state else None


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", False), ("outsider", False), ("coordinator", False), ("organiser", True)],
)
def test_can_run_live_agenda_role_matrix(request, persona, expected):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)

    assert can_run_live_agenda(user) is expected


def test_can_run_live_agenda_staff_without_superuser_may():
    assert can_run_live_agenda(make_user(is_staff=True)) is True


def test_can_run_live_agenda_inactive_staff_may_not():
    assert can_run_live_agenda(make_user(is_staff=True, is_active=False)) is False


@pytest.mark.parametrize("url", ["/agenda/control/", *ACTIONS])
def test_control_anonymous_is_sent_to_login(client, agenda, url):
    response = client.post(url) if url in ACTIONS else client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={url}"


def _live_state_row(session):
    """The session's LiveState row as stored, or None where there is none."""
    return (
        LiveState.objects.filter(session=session)
        .values("session_id", "mode", "slot_id", "changed_at", "changed_by_id")
        .first()
    )


@pytest.mark.parametrize("url", ["/agenda/control/", *ACTIONS])
def test_control_coordinator_is_refused_and_no_live_state_is_created(client, agenda, url):
    session, _day3, _day4, slots = agenda
    client.force_login(make_coordinator(slots[0].coalition))

    with time_machine.travel(DURING_SLOT_1, tick=False):
        response = client.post(url, {"slot": slots[1].pk}) if url in ACTIONS else client.get(url)

    assert (response.status_code, LiveState.objects.count(), _live_state_row(session)) == (
        403,
        0,
        None,
    )


@pytest.mark.parametrize("url", ["/agenda/control/", *ACTIONS])
def test_control_coordinator_is_refused_and_the_live_state_is_unchanged(
    client, agenda, organiser, url
):
    session, _day3, _day4, slots = agenda
    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        services.live_state_start_slot(session=session, slot=slots[0], user=organiser)
    before = _live_state_row(session)
    client.force_login(make_coordinator(slots[0].coalition))

    # An hour later: a save, even of the same values, would move changed_at.
    with time_machine.travel(BEFORE_THE_SESSION + timedelta(hours=1), tick=False):
        response = client.post(url, {"slot": slots[1].pk}) if url in ACTIONS else client.get(url)

    assert before == {
        "session_id": session.pk,
        "mode": "slot",
        "slot_id": slots[0].pk,
        "changed_at": BEFORE_THE_SESSION,
        "changed_by_id": organiser.pk,
    }
    assert (response.status_code, LiveState.objects.count(), _live_state_row(session)) == (
        403,
        1,
        before,
    )


@pytest.mark.parametrize("url", ACTIONS)
def test_control_staff_post_without_csrf_is_refused(agenda, organiser, url):
    session, _day3, _day4, slots = agenda
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)

    response = client.post(url, {"slot": slots[1].pk})

    assert response.status_code == 403
    assert _mode(session) is None


@pytest.mark.parametrize("url", ACTIONS)
def test_control_actions_refuse_get(organiser_client, agenda, url):
    assert organiser_client.get(url).status_code == 405


def test_control_page_lists_the_slots_with_labelled_start_buttons(organiser_client, agenda):
    _session, _day3, _day4, slots = agenda

    response = organiser_client.get("/agenda/control/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == ("max-age=0, no-cache, no-store, must-revalidate, private")
    assert (
        f'<button type="submit" name="slot" value="{slots[1].pk}" '
        'class="btn btn-sm btn-outline-primary">Start<span class="visually-hidden"> Slot 2'
        "</span></button>" in html
    )
    assert 'name="csrfmiddlewaretoken"' in html


def test_control_start_with_csrf_starts_the_slot(agenda, organiser):
    session, _day3, _day4, slots = agenda
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)
    page = client.get("/agenda/control/")
    token = page.cookies["csrftoken"].value

    response = client.post(
        "/agenda/control/start/",
        {"slot": slots[1].pk, "csrfmiddlewaretoken": token},
        follow=True,
    )

    assert response.redirect_chain == [("/agenda/control/", 302)]
    assert _mode(session) == ("slot", slots[1].pk)
    assert [str(m) for m in response.context["messages"]] == ["“Slot 2” is on now."]
    assert LiveState.objects.get(session=session).changed_by == organiser


def test_control_start_a_slot_of_another_session_is_refused(organiser_client, agenda):
    session, _day3, _day4, _slots = agenda
    stranger = make_slot()

    response = organiser_client.post("/agenda/control/start/", {"slot": stranger.pk}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Choose a slot of this session."]
    assert _mode(session) is None


def test_control_next_then_end_then_clock(organiser_client, agenda):
    session, _day3, _day4, slots = agenda
    organiser_client.post("/agenda/control/start/", {"slot": slots[0].pk})

    organiser_client.post("/agenda/control/next/")
    after_next = _mode(session)
    organiser_client.post("/agenda/control/end/")
    after_end = _mode(session)
    response = organiser_client.post("/agenda/control/clock/", follow=True)

    assert (after_next, after_end, _mode(session)) == (
        ("slot", slots[1].pk),
        ("ended", None),
        ("clock", None),
    )
    assert [str(m) for m in response.context["messages"]] == [
        "“Public access in libraries” is on now.",
        "“Slot 2” is on now.",
        "The session has ended.",
        "The clock decides what is on now.",
    ]


def test_control_next_when_ended_says_why(organiser_client, agenda):
    session, _day3, _day4, _slots = agenda
    organiser_client.post("/agenda/control/end/")

    response = organiser_client.post("/agenda/control/next/", follow=True)

    assert [str(m) for m in response.context["messages"]][-1] == (
        "The session has ended. Start a slot or follow the clock first."
    )
    assert _mode(session) == ("ended", None)
