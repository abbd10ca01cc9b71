"""Issues freeze for coordinators once rating starts; organisers may still change them, and
every such change is recorded and shown in the portal."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import (
    assertContains,
)

from coalitions.models import Issue, IssueChange
from tests.factories import make_issue, make_sheet

pytestmark = pytest.mark.django_db

BASE = "/coalitions/dc-pal/manage/outputs/principles/"
FROZEN = (
    "The rating sheet opened on 1 November 2015, 09:00 (America/Fortaleza), so the issues are "
    "frozen: participants are rating them. Write to the organisers if one needs a correction."
)
OPENED = datetime(2015, 11, 1, 12, 0, tzinfo=UTC)


def _titles(output):
    return list(output.issues.order_by("position", "pk").values_list("title", flat=True))


def _messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def issues(output):
    return [
        make_issue(output=output, position=n, title=title)
        for n, title in enumerate(["Access", "Skills", "Content"], start=1)
    ]


@pytest.fixture
def open_sheet(output):
    return make_sheet(output=output, code="dcpal", opens_at=OPENED)


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


# Frozen once the rating sheet opens ---------------------------------------------------------


def test_issues_can_change_while_the_sheet_is_not_open_yet(coordinator_client, output, issues):
    make_sheet(output=output, opens_at=timezone.now() + timedelta(days=1))

    coordinator_client.post(f"{BASE}issues/new/", {"title": "Funding"})

    assert _titles(output) == ["Access", "Skills", "Content", "Funding"]


def test_issue_add_after_the_sheet_opens_is_refused_for_coordinators(
    coordinator_client, output, issues, open_sheet
):
    response = coordinator_client.post(f"{BASE}issues/new/", {"title": "Late issue"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [FROZEN]
    assert response.context["form"]["title"].value() == "Late issue"
    assert Issue.objects.count() == 3


def test_issue_edit_after_the_sheet_opens_is_refused_for_coordinators(
    coordinator_client, output, issues, open_sheet
):
    response = coordinator_client.post(f"{BASE}issues/{issues[0].pk}/edit/", {"title": "Typo"})

    assert response.context["form"].non_field_errors() == [FROZEN]
    issues[0].refresh_from_db()
    assert issues[0].title == "Access"


@pytest.mark.parametrize(
    "action,data",
    [("move", {"direction": "down"}), ("hide", {}), ("remove", {})],
)
def test_issue_actions_after_the_sheet_opens_are_refused_for_coordinators(
    coordinator_client, output, issues, open_sheet, action, data
):
    response = coordinator_client.post(f"{BASE}issues/{issues[0].pk}/{action}/", data, follow=True)

    assert _messages(response) == [FROZEN]
    assert list(output.issues.order_by("pk").values_list("title", "position", "is_hidden")) == [
        ("Access", 1, False),
        ("Skills", 2, False),
        ("Content", 3, False),
    ]


def test_issue_list_after_the_sheet_opens_is_read_only_for_coordinators(
    coordinator_client, issues, open_sheet
):
    response = coordinator_client.get(BASE)

    assertContains(
        response,
        f'<p class="alert alert-warning read-only-reason">{FROZEN}</p>',
        count=1,
    )
    assertContains(response, "/move/", count=0)
    assertContains(response, f'action="{BASE}issues/new/"', count=0)


def test_issue_edit_by_organiser_after_the_sheet_opens_is_recorded(
    organiser_client, organiser, output, issues, open_sheet
):
    organiser_client.post(f"{BASE}issues/{issues[1].pk}/edit/", {"title": "Skils fixed"})

    issues[1].refresh_from_db()
    assert issues[1].title == "Skils fixed"
    assert list(
        IssueChange.objects.values_list(
            "output", "issue", "issue_title", "action", "before", "after", "changed_by"
        )
    ) == [
        (
            output.pk,
            issues[1].pk,
            "Skils fixed",
            "edited",
            {"title": "Skills"},
            {"title": "Skils fixed"},
            organiser.pk,
        )
    ]


@pytest.mark.parametrize(
    "action,data,expected",
    [
        ("move", {"direction": "down"}, ("moved", {"position": 1}, {"position": 2})),
        ("hide", {}, ("hidden", {"is_hidden": False}, {"is_hidden": True})),
    ],
)
def test_issue_actions_by_organiser_after_the_sheet_opens_are_recorded(
    organiser_client, issues, open_sheet, action, data, expected
):
    organiser_client.post(f"{BASE}issues/{issues[0].pk}/{action}/", data)

    assert list(IssueChange.objects.values_list("action", "before", "after")) == [expected]


def test_issue_add_and_remove_by_organiser_after_the_sheet_opens_are_recorded(
    organiser_client, output, open_sheet
):
    organiser_client.post(f"{BASE}issues/new/", {"title": "Forgotten issue"})
    added = Issue.objects.get()
    organiser_client.post(f"{BASE}issues/{added.pk}/remove/")

    assert list(
        IssueChange.objects.order_by("pk").values_list("issue", "issue_title", "action")
    ) == [(None, "Forgotten issue", "added"), (None, "Forgotten issue", "removed")]


def test_issue_changes_before_the_sheet_opens_are_not_recorded(coordinator_client, issues, output):
    coordinator_client.post(f"{BASE}issues/{issues[0].pk}/edit/", {"title": "Typo"})

    assert IssueChange.objects.count() == 0


def test_issue_changes_are_shown_in_the_portal(organiser_client, issues, open_sheet):
    organiser_client.post(f"{BASE}issues/{issues[1].pk}/edit/", {"title": "Skils fixed"})

    response = organiser_client.get(BASE)

    assert [c.get_action_display() for c in response.context["issue_changes"]] == ["Edited"]
    assertContains(response, "title changed from “Skills” to “Skils fixed”", count=1)
