"""Reordering issues shows at once in the portal's list, the preview and the public page."""

import re

import pytest

from tests.factories import make_issue

pytestmark = pytest.mark.django_db

BASE = "/coalitions/dc-pal/manage/outputs/principles/"


@pytest.fixture
def issues(output):
    # Created in an order unlike their positions, so that no order by primary key hides a bug.
    content = make_issue(output=output, position=3, title="Content")
    skills = make_issue(output=output, position=2, title="Skills")
    access = make_issue(output=output, position=1, title="Access")
    return [access, skills, content]


def _move(client, issue, direction):
    response = client.post(f"{BASE}issues/{issue.pk}/move/", {"direction": direction})
    assert response.status_code == 302


def test_portal_list_follows_the_positions(coordinator_client, issues):
    response = coordinator_client.get(BASE)

    assert [issue.title for issue in response.context["issues"]] == ["Access", "Skills", "Content"]


def test_portal_list_shows_a_move_at_once(coordinator_client, issues):
    _move(coordinator_client, issues[2], "up")

    response = coordinator_client.get(BASE)

    assert [issue.title for issue in response.context["issues"]] == ["Access", "Content", "Skills"]


def test_preview_shows_a_move_at_once(coordinator_client, issues):
    _move(coordinator_client, issues[0], "down")

    html = coordinator_client.get(f"{BASE}preview/").content.decode()

    assert re.findall(r"<legend[^>]*>(.*?)</legend>", html) == ["Skills", "Access", "Content"]


def test_public_page_and_portal_agree(coordinator_client, client, issues):
    _move(coordinator_client, issues[1], "down")

    portal = [issue.title for issue in coordinator_client.get(BASE).context["issues"]]
    public = client.get("/coalitions/dc-pal/outputs/principles/")

    assert portal == ["Access", "Content", "Skills"]
    assert [issue.title for issue in public.context["output"].visible_issues] == portal
