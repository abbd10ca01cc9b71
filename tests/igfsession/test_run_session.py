"""The admin's index is "Run the session": the current session's sheets, live state, next slot,
join requests and declaration deadline, with the models' lists below and the technical records
apart."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from coalitions.models import JoinRequest
from feedback.models import Channel, RatingSheet
from igfsession.agenda.models import LiveState
from tests.factories import (
    make_output,
    make_part,
    make_response,
    make_session,
    make_sheet,
    make_slot,
    make_user,
)


def current_session(**fields):
    return make_session(is_current=True, **fields)


def sheet_for(session, **fields):
    return make_sheet(output=make_output(session=session), **fields)


def join_request(coalition):
    return JoinRequest.objects.create(
        coalition=coalition,
        name="Ana Souza",
        email="ana@example.org",
        stakeholder_group="civil_society",
        region="grulac",
        consent=True,
    )


@pytest.mark.django_db
def test_run_the_session_lists_current_sheets_with_state_and_responses(organiser_client):
    session = current_session()
    now = timezone.now()
    open_sheet = sheet_for(session, code="open1", opens_at=now - timedelta(hours=1))
    later = sheet_for(session, code="later1", opens_at=now + timedelta(hours=1))
    sheet_for(session, code="shut1", opens_at=now - timedelta(hours=2), closes_at=now)
    sheet_for(make_session(), code="other1")  # another session's sheet is not shown
    make_response(sheet=open_sheet)
    make_response(sheet=open_sheet)
    typist = make_user()
    make_response(sheet=open_sheet, channel=Channel.PAPER, entered_by=typist, respondent_hash=None)
    make_response(sheet=open_sheet, withdrawn_at=now)  # not counted

    response = organiser_client.get("/admin/")

    assert response.status_code == 200
    rows = [
        (row.sheet.code, row.state, row.online, row.paper) for row in response.context["run"].sheets
    ]
    assert rows == [
        ("later1", "not_yet_open", 0, 0),
        ("open1", "open", 2, 1),
        ("shut1", "closed", 0, 0),
    ]
    page = response.content.decode()
    assert "<td>2 online, 1 on paper</td>" in page
    assert f'action="/admin/feedback/ratingsheet/{open_sheet.pk}/close-now/"' in page
    assert f'action="/admin/feedback/ratingsheet/{later.pk}/open-now/"' in page
    for link in (
        "/feedback/open1/print/",
        "/feedback/open1/enter/",
        "/feedback/results/open1/",
        "/feedback/results/projector/",
        "/agenda/control/",
    ):
        assert f'href="{link}"' in page


@pytest.mark.django_db
def test_run_the_session_says_live_state_next_slot_join_requests_and_deadline(
    organiser_client, organiser
):
    session = current_session(declaration_deadline=datetime(2015, 10, 31, 2, 59, tzinfo=UTC))
    part = make_part(session=session)
    first = make_slot(part=part, title="Opening")
    make_slot(
        part=part,
        title="Libraries",
        starts_at=first.ends_at,
        ends_at=first.ends_at + timedelta(minutes=10),
    )
    LiveState.objects.create(
        session=session, mode=LiveState.Mode.SLOT, slot=first, changed_by=organiser
    )
    output = make_output(session=session)
    join_request(output.coalition)
    join_request(output.coalition)

    response = organiser_client.get("/admin/")

    run = response.context["run"]
    assert (run.live_mode, run.live.now.title, run.live.next.title) == (
        "A slot is on",
        "Opening",
        "Libraries",
    )
    assert run.join_requests == 2
    page = response.content.decode()
    assert "2 join requests received" in page
    assert "Fri 30 Oct 2015 23:59 (America/Fortaleza)" in page
    assert "passed" in page


@pytest.mark.django_db
def test_run_the_session_without_current_session_says_so(organiser_client):
    make_session()

    response = organiser_client.get("/admin/")

    assert response.status_code == 200
    assert response.context["run"].session is None
    assert "No session is current." in response.content.decode()


@pytest.mark.django_db
def test_open_now_button_opens_sheet_and_returns_to_run_the_session(organiser_client):
    session = current_session()
    sheet = sheet_for(session, opens_at=None)

    response = organiser_client.post(f"/admin/feedback/ratingsheet/{sheet.pk}/open-now/")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    sheet.refresh_from_db()
    assert sheet.is_open()
    assert sheet.output.__class__.objects.get(pk=sheet.output_id).rating_opens_at == sheet.opens_at
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["1 rating sheet is open now."]


@pytest.mark.django_db
def test_close_now_button_closes_open_sheet(organiser_client):
    sheet = sheet_for(current_session(), opens_at=timezone.now() - timedelta(hours=1))

    response = organiser_client.post(f"/admin/feedback/ratingsheet/{sheet.pk}/close-now/")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    sheet.refresh_from_db()
    assert sheet.has_closed()


@pytest.mark.django_db
def test_open_close_buttons_refuse_get_and_missing_sheet(organiser_client):
    sheet = sheet_for(current_session(), opens_at=None)

    assert organiser_client.get(
        f"/admin/feedback/ratingsheet/{sheet.pk}/open-now/"
    ).status_code == (405)
    assert organiser_client.post("/admin/feedback/ratingsheet/999999/open-now/").status_code == 404
    sheet.refresh_from_db()
    assert sheet.opens_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "participant", "coordinator"])
def test_open_now_button_refused_to_non_organisers(client, coordinator, who):
    sheet = sheet_for(current_session(), opens_at=None)
    if who == "participant":
        client.force_login(make_user())
    elif who == "coordinator":
        client.force_login(coordinator)

    response = client.post(f"/admin/feedback/ratingsheet/{sheet.pk}/open-now/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert RatingSheet.objects.get(pk=sheet.pk).opens_at is None


@pytest.mark.django_db
def test_admin_index_groups_technical_records_apart(organiser_client):
    response = organiser_client.get("/admin/")

    apps = {app["app_label"]: app for app in response.context["app_list"]}
    assert [app["app_label"] for app in response.context["app_list"]][-1] == "technical"
    assert [model["object_name"] for model in apps["technical"]["models"]] == [
        "AccessAttempt",
        "AccessFailureLog",
        "AccessLog",
        "DeclarationReview",
        "IssueChange",
        "LiveState",
    ]
    assert "axes" not in apps
    assert [model["object_name"] for model in apps["igfsession"]["models"]] == [
        "Part",
        "Session",
        "Slot",
    ]
    assert "IssueChange" not in [model["object_name"] for model in apps["coalitions"]["models"]]


@pytest.mark.django_db
@pytest.mark.parametrize("sheets", [1, 6])
def test_run_the_session_queries_are_fixed(organiser_client, django_assert_num_queries, sheets):
    session = current_session()
    part = make_part(session=session)
    make_slot(part=part)
    for _ in range(sheets):
        sheet = sheet_for(session)
        make_response(sheet=sheet)
    organiser_client.get("/admin/")  # warm any per-process caches

    with django_assert_num_queries(11):  # 10, and the declarations waiting (one)
        response = organiser_client.get("/admin/")

    assert len(response.context["run"].sheets) == sheets
