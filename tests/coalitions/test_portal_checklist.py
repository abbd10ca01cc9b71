"""The portal opens with the coalition's next steps for the current session, each with its date
and ticked when done: declare by …, upload, break into issues, the sheet opens …, answer."""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coalitions.models import Output
from feedback.models import IssueAnswer
from tests.coalitions.helpers import make_version
from tests.factories import make_issue, make_sheet

pytestmark = pytest.mark.django_db

PORTAL = "/coalitions/dc-pal/manage/"
DEADLINE = datetime(2015, 10, 20, 15, 0, tzinfo=UTC)
OPENS = datetime(2030, 11, 12, 13, 0, tzinfo=UTC)
_STEP = re.compile(r'<li class="portal-step( done)?">(.*?)</li>', re.S)


def _steps(response) -> list[tuple[bool, str]]:
    assert response.status_code == 200
    html = response.content.decode()
    return [
        (bool(done), " ".join(re.sub(r"<[^>]+>", "", text).split()))
        for done, text in _STEP.findall(html)
    ]


@pytest.fixture
def deadline(session):
    session.declaration_deadline = DEADLINE
    session.save()
    return session


def test_with_no_output_yet_the_first_step_is_to_add_and_declare_it(coordinator_client, deadline):
    assert _steps(coordinator_client.get(PORTAL)) == [
        (
            False,
            "To do: Add the output and declare its status — by 20 October 2015, 12:00 "
            "(America/Fortaleza)",
        ),
        (False, "To do: Upload the output"),
        (False, "To do: Break it into the main issues"),
    ]


def test_a_draft_output_has_every_step_to_do_and_the_sheet_not_made_yet(
    coordinator_client, deadline, output
):
    assert _steps(coordinator_client.get(PORTAL)) == [
        (
            False,
            "To do: Declare the output's status — by 20 October 2015, 12:00 (America/Fortaleza)",
        ),
        (False, "To do: Upload the output"),
        (False, "To do: Break it into the main issues"),
        (
            False,
            "To do: The rating sheet: an output gets one once the organisers accept its final "
            "declaration.",
        ),
        (False, "To do: Answer the feedback"),
    ]


def test_steps_are_ticked_as_they_are_done(coordinator_client, coordinator, deadline, output):
    Output.objects.filter(pk=output.pk).update(status="final", status_changed_at=timezone.now())
    make_version(output=output, user=coordinator)
    make_issue(output=output, title="Access")
    make_sheet(output=output, opens_at=OPENS)

    assert _steps(coordinator_client.get(PORTAL)) == [
        (
            True,
            "Done: Declare the output's status — by 20 October 2015, 12:00 (America/Fortaleza) "
            "Accepted by the organisers.",
        ),
        (True, "Done: Upload the output"),
        (True, "Done: Break it into the main issues"),
        (False, "To do: The rating sheet opens on 12 November 2030, 10:00 (America/Fortaleza)."),
        (False, "To do: Answer the feedback"),
    ]


def test_the_sheet_having_opened_and_an_answer_published_tick_the_last_steps(
    coordinator_client, coordinator, deadline, output
):
    issue = make_issue(output=output, title="Access")
    make_sheet(output=output, opens_at=DEADLINE)
    IssueAnswer.objects.create(
        issue=issue, version=1, decision="keep", reply="", published_at=timezone.now()
    )

    steps = _steps(coordinator_client.get(PORTAL))

    assert steps[3:] == [
        (True, "Done: The rating sheet opens on 20 October 2015, 12:00 (America/Fortaleza)."),
        (True, "Done: Answer the feedback"),
    ]


def test_a_draft_answer_does_not_tick_answering(coordinator_client, deadline, output):
    issue = make_issue(output=output, title="Access")
    make_sheet(output=output, opens_at=DEADLINE)
    IssueAnswer.objects.create(issue=issue, version=1, decision="keep", reply="")

    assert _steps(coordinator_client.get(PORTAL))[4] == (False, "To do: Answer the feedback")


def test_the_checklist_costs_a_fixed_number_of_queries(
    coordinator_client, coordinator, deadline, output, django_assert_num_queries
):
    make_sheet(output=output, opens_at=DEADLINE)
    coordinator_client.get(PORTAL)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(PORTAL)
    for n in range(5):
        make_version(output=output, user=coordinator)
        make_issue(output=output, title=f"Issue {n}")
    with django_assert_num_queries(len(few.captured_queries)):
        coordinator_client.get(PORTAL)


def test_declaring_draft_again_does_not_tick_the_declaration(coordinator_client, deadline, output):
    Output.objects.filter(pk=output.pk).update(status="draft", status_changed_at=timezone.now())

    assert _steps(coordinator_client.get(PORTAL))[0][0] is False
