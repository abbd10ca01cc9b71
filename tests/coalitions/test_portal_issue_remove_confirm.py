"""Removing an issue asks first, on a page of its own that works without JavaScript."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from tests.factories import (
    make_coalition,
    make_coordinator,
    make_issue,
    make_output,
    make_rating,
    make_response,
    make_sheet,
    make_user,
)

pytestmark = pytest.mark.django_db

BASE = "/coalitions/dc-pal/manage/outputs/principles/"
OPENED = datetime(2015, 11, 1, 12, 0, tzinfo=UTC)


def _titles(output):
    return list(output.issues.order_by("position", "pk").values_list("title", flat=True))


@pytest.fixture
def issues(output):
    return [
        make_issue(output=output, position=n, title=title, summary=f"About {title.lower()}.")
        for n, title in enumerate(["Access", "Skills", "Content"], start=1)
    ]


def _confirm(issue):
    return f"{BASE}issues/{issue.pk}/remove/confirm/"


def test_the_portal_links_remove_to_the_confirmation_page_and_removes_nothing(
    coordinator_client, output, issues
):
    response = coordinator_client.get(BASE)

    assertContains(response, f'href="{_confirm(issues[1])}"', count=1)
    assertNotContains(response, f'action="{BASE}issues/{issues[1].pk}/remove/"')
    assert _titles(output) == ["Access", "Skills", "Content"]


def test_the_confirmation_page_names_the_issue_and_offers_yes_or_no(
    coordinator_client, output, issues
):
    response = coordinator_client.get(_confirm(issues[1]))

    assert response.status_code == 200
    assertContains(response, "<h1>Remove an issue</h1>", count=1)
    assertContains(response, '<p class="card-title h5" dir="auto" lang="en">Skills</p>', count=1)
    assertContains(response, "About skills.", count=1)
    assertContains(
        response, f'<form method="post" action="{BASE}issues/{issues[1].pk}/remove/">', count=1
    )
    assertContains(response, "Yes, remove the issue", count=1)
    assertContains(response, f'href="{BASE}#issue-{issues[1].pk}">No, keep it</a>', count=1)
    assert _titles(output) == ["Access", "Skills", "Content"]


def test_confirming_removes_the_issue_and_goes_back_to_the_issues(
    coordinator_client, output, issues
):
    response = coordinator_client.post(f"{BASE}issues/{issues[1].pk}/remove/")

    assertRedirects(response, f"{BASE}#issues", fetch_redirect_response=False)
    assert _titles(output) == ["Access", "Content"]


def test_an_issue_with_ratings_is_not_offered_for_removal(coordinator_client, output, issues):
    sheet = make_sheet(output=output, opens_at=None)
    make_rating(response=make_response(sheet=sheet), issue=issues[0])

    response = coordinator_client.get(_confirm(issues[0]))

    assert response.status_code == 200
    assertContains(
        response,
        "“Access” can no longer be removed: it has ratings. Hide it instead; its ratings are kept.",
        count=1,
    )
    assertNotContains(response, "Yes, remove the issue")
    assert _titles(output) == ["Access", "Skills", "Content"]


def test_frozen_issues_are_not_offered_for_removal(coordinator_client, output, issues):
    make_sheet(output=output, code="dcpal", opens_at=OPENED)

    response = coordinator_client.get(_confirm(issues[0]))

    assertContains(response, "so the issues are frozen", count=1)
    assertNotContains(response, "Yes, remove the issue")


def test_another_outputs_issue_or_an_unknown_one_is_404(coordinator_client, coalition, issues):
    other = make_output(coalition=coalition, slug="other", title="Other")
    foreign = make_issue(output=other, title="Elsewhere")

    assert coordinator_client.get(_confirm(foreign)).status_code == 404
    assert coordinator_client.get(f"{BASE}issues/999999/remove/confirm/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("participant", 403),
        ("other coordinator", 403),
        ("coordinator", 200),
        ("organiser", 200),
    ],
)
def test_who_may_open_the_confirmation_page(
    client, coordinator, organiser, issues, persona, expected
):
    users = {
        "anonymous": None,
        "participant": make_user(username="participant"),
        "other coordinator": make_coordinator(
            make_coalition(name="Other coalition", acronym="OC", slug="oc"), username="oc"
        ),
        "coordinator": coordinator,
        "organiser": organiser,
    }
    if users[persona] is not None:
        client.force_login(users[persona])

    response = client.get(_confirm(issues[0]))

    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith("/accounts/login/?next=")


def test_the_confirmation_page_costs_a_fixed_number_of_queries(
    coordinator_client, output, issues, django_assert_num_queries
):
    sheet = make_sheet(output=output, opens_at=None)
    coordinator_client.get(_confirm(issues[2]))
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(_confirm(issues[2]))
    for n in range(10):
        issue = make_issue(output=output, position=10 + n)
        make_rating(response=make_response(sheet=sheet), issue=issue)
    with django_assert_num_queries(len(few.captured_queries)):
        coordinator_client.get(_confirm(issues[2]))
