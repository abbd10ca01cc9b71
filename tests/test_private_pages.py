"""Issue 14: pages with private data send ``Cache-Control: private, no-store`` (no shared cache
keeps them, no browser stores them for the next person on the device); /feedback/ varies on the
cookie it reads."""

from datetime import UTC, datetime

import pytest

from tests.factories import (
    make_coalition,
    make_coordinator,
    make_issue,
    make_organiser,
    make_output,
    make_session,
    make_sheet,
)

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


@pytest.fixture
def world():
    session = make_session(is_current=True)
    coalition = make_coalition(slug="dc-pal", acronym="DC-PAL")
    output = make_output(coalition=coalition, session=session, slug="principles", status="final")
    issue = make_issue(output=output, title="Access for all", position=1)
    make_sheet(output=output, code="pal", opens_at=datetime(2015, 11, 1, tzinfo=UTC))
    return coalition, issue


PORTAL_PAGES = [
    "/coalitions/dc-pal/manage/",
    "/coalitions/dc-pal/manage/profile/",
    "/coalitions/dc-pal/manage/outputs/new/",
    "/coalitions/dc-pal/manage/outputs/principles/",
    "/coalitions/dc-pal/manage/outputs/principles/edit/",
    "/coalitions/dc-pal/manage/outputs/principles/status/",
    "/coalitions/dc-pal/manage/outputs/principles/upload/",
    "/coalitions/dc-pal/manage/outputs/principles/issues/new/",
    "/coalitions/dc-pal/manage/outputs/principles/preview/",
]


@pytest.mark.parametrize("path", PORTAL_PAGES)
def test_portal_pages_are_private(client, world, path):
    coalition, _issue = world
    client.force_login(make_coordinator(coalition, username="coordinator"))

    response = client.get(path)

    assert (response.status_code, response["Cache-Control"]) == (200, PRIVATE)


def test_portal_form_refused_is_private(client, world):
    coalition, _issue = world
    client.force_login(make_coordinator(coalition, username="coordinator"))

    response = client.post("/coalitions/dc-pal/manage/outputs/principles/issues/new/", {})

    assert (response.status_code, response["Cache-Control"]) == (200, PRIVATE)


def test_portal_issue_action_is_private(client, world):
    _coalition, issue = world
    client.force_login(make_organiser(username="organiser"))

    response = client.post(
        f"/coalitions/dc-pal/manage/outputs/principles/issues/{issue.pk}/move/",
        {"direction": "down"},
    )

    assert (response.status_code, response["Cache-Control"]) == (302, PRIVATE)


def test_portal_choice_page_is_private(client, world):
    _coalition, _issue = world
    client.force_login(make_organiser(username="organiser"))

    response = client.get("/accounts/portals/")

    assert (response.status_code, response["Cache-Control"]) == (200, PRIVATE)


def test_paper_entry_is_private(client, world):
    client.force_login(make_organiser(username="organiser"))

    response = client.get("/feedback/pal/enter/")

    assert (response.status_code, response["Cache-Control"]) == (200, PRIVATE)


def test_sheet_showing_own_answers_is_private(client, world):
    _coalition, issue = world
    client.post("/feedback/pal/", {f"mark_{issue.pk}": "5"})

    response = client.get("/feedback/pal/")

    assert response.context["editing"] is True
    assert (response.status_code, response["Cache-Control"]) == (200, PRIVATE)


def test_sheet_sent_back_with_typed_answers_is_private(client, world, settings):
    _coalition, issue = world
    settings.FEEDBACK_RATE_PER_RESPONDENT = 0

    response = client.post("/feedback/pal/", {f"mark_{issue.pk}": "5"})

    assert (response.status_code, response["Cache-Control"]) == (429, PRIVATE)


def test_sheet_list_varies_on_the_cookie(client, world):
    response = client.get("/feedback/")

    assert response.status_code == 200
    assert "Cookie" in [part.strip() for part in response["Vary"].split(",")]
