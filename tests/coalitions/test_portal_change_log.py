"""The portal's change log says in words what was done, by whom and when (venue time)."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from coalitions import services
from coalitions.models import IssueChange
from tests.factories import make_issue, make_organiser, make_sheet

pytestmark = pytest.mark.django_db

BASE = "/coalitions/dc-pal/manage/outputs/principles/"
OPENED = datetime(2015, 11, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2015, 11, 2, 13, 30, tzinfo=UTC)
WHEN = "2 November 2015, 10:30 (America/Fortaleza)"


@pytest.fixture
def ana(db):
    return make_organiser(username="ana", first_name="Ana", last_name="Silva")


@pytest.fixture
def issues(output):
    make_sheet(output=output, code="dcpal", opens_at=OPENED)
    return [
        make_issue(output=output, position=n, title=title)
        for n, title in enumerate(["Access", "Skills", "Content"], start=1)
    ]


def _sentences(client):
    response = client.get(BASE)
    assert response.status_code == 200
    return [(c.issue_title, c.in_words) for c in response.context["issue_changes"]]


def test_each_kind_of_change_reads_as_a_sentence(client, ana, issues, output):
    access, skills, content = issues
    services.issue_hide(issue=access, user=ana, at=LATER)
    services.issue_show(issue=access, user=ana, at=LATER)
    services.issue_move(issue=content, user=ana, direction="up", at=LATER)
    services.issue_update(issue=skills, user=ana, at=LATER, title="Skils", reference="§ 2")
    added = services.issue_create(output=output, user=ana, at=LATER, title="Funding")
    services.issue_remove(issue=added, user=ana, at=LATER)
    client.force_login(ana)

    assert _sentences(client) == [
        ("Funding", f"Removed by Ana Silva on {WHEN}."),
        ("Funding", f"Added by Ana Silva on {WHEN}."),
        (
            "Skils",
            f"Edited by Ana Silva on {WHEN}: title changed from “Skills” to “Skils”; "
            "reference changed from nothing to “§ 2”.",
        ),
        ("Content", f"Moved from place 3 to place 2 by Ana Silva on {WHEN}."),
        ("Access", f"Shown again by Ana Silva on {WHEN}."),
        ("Access", f"Hidden by Ana Silva on {WHEN}."),
    ]


def test_the_page_shows_sentences_not_field_dumps(client, ana, issues):
    services.issue_update(issue=issues[1], user=ana, at=LATER, summary="A new summary")
    client.force_login(ana)

    response = client.get(BASE)

    assertContains(
        response,
        f'<strong dir="auto" lang="en">Skills</strong> — Edited by Ana Silva on {WHEN}: '
        "summary rewritten.",
        count=1,
        html=False,
    )
    assertNotContains(response, "summary: ")
    assertNotContains(response, "is_hidden")


def test_a_user_without_a_full_name_is_named_by_username_and_a_deleted_one_said_so(
    client, issues, organiser
):
    services.issue_hide(issue=issues[0], user=organiser, at=LATER)
    eve = make_organiser(username="eve")
    services.issue_hide(issue=issues[1], user=eve, at=LATER)
    get_user_model().objects.filter(pk=eve.pk).delete()
    client.force_login(organiser)

    assert _sentences(client) == [
        ("Skills", f"Hidden by a deleted account on {WHEN}."),
        ("Access", f"Hidden by organiser on {WHEN}."),
    ]
    assert IssueChange.objects.count() == 2


def test_the_change_log_costs_the_same_queries_for_one_change_or_many(
    client, ana, issues, django_assert_num_queries
):
    services.issue_hide(issue=issues[0], user=ana, at=LATER)
    client.force_login(ana)
    client.get(BASE)
    with CaptureQueriesContext(connection) as one:
        client.get(BASE)
    for issue in issues[1:]:
        services.issue_hide(issue=issue, user=make_organiser(first_name="X"), at=LATER)
        services.issue_show(issue=issue, user=ana, at=LATER)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(BASE)
