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


# Issue 12 (helper B): one move through the portal's own POST, then the order as each page
# prints it (the HTML, not the view's context). Issue.Meta.ordering alone keeps these passing;
# the next test takes it away, so that it fails as soon as a page's selector stops ordering.
def _text(fragments: list[str]) -> list[str]:
    """The titles as read: without the <bdi> that keeps each one's own direction."""
    return [re.sub(r"<[^>]+>", "", fragment).strip() for fragment in fragments]


def _portal_titles(html: str) -> list[str]:
    return _text(
        re.findall(
            r'<li class="border-bottom py-2" id="issue-\d+">\s*<strong>\d+\. (.*?)</strong>', html
        )
    )


def _preview_titles(html: str) -> list[str]:
    return _text(re.findall(r"<legend[^>]*>(.*?)</legend>", html))


def _public_titles(html: str) -> list[str]:
    return _text(re.findall(r'<a href="#issue-\d+" class="issue-title[^"]*"[^>]*>(.*?)</a>', html))


def test_a_move_in_the_portal_shows_on_every_page_in_the_new_order(
    coordinator_client, client, issues
):
    moved = coordinator_client.post(
        f"{BASE}issues/{issues[2].pk}/move/", {"direction": "up"}, follow=True
    )

    expected = ["Access", "Content", "Skills"]
    assert moved.redirect_chain == [(f"{BASE}#issues", 302)]
    assert "“Content” was moved." in moved.content.decode()
    assert _portal_titles(moved.content.decode()) == expected
    assert _portal_titles(coordinator_client.get(BASE).content.decode()) == expected
    assert _preview_titles(coordinator_client.get(f"{BASE}preview/").content.decode()) == expected
    public = client.get("/coalitions/dc-pal/outputs/principles/").content.decode()
    assert _public_titles(public) == expected


def test_the_pages_order_issues_themselves_not_by_the_models_default(
    coordinator_client, client, issues, monkeypatch
):
    # The defect came back whenever a page's query lost its ordering: with the model's default
    # ordering gone, each page must still order by position (its selector's own order_by).
    from coalitions.models import Issue

    monkeypatch.setattr(Issue._meta, "ordering", [])

    test_a_move_in_the_portal_shows_on_every_page_in_the_new_order(
        coordinator_client, client, issues
    )
