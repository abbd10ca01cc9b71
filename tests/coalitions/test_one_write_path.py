"""One write path: a change made in the admin — on the issue's own page or in its output's
issue inline — has exactly the outcome of the same change made in the portal: the same issues,
the same recorded changes (who, what, before, after), the same refusal with the same message.

Table-driven: each case has one expected outcome, and every path must produce it.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.messages import get_messages

from coalitions.models import Issue, IssueChange, Output
from feedback.models import RatingSheet
from igfsession.agenda.models import Part, Slot
from igfsession.agenda.services import slots_build_from_declarations
from tests.admin_helpers import admin_url
from tests.factories import (
    make_issue,
    make_output,
    make_part,
    make_rating,
    make_response,
    make_sheet,
)

pytestmark = pytest.mark.django_db

PORTAL = "/coalitions/dc-pal/manage/outputs/principles/"
OPENED = datetime(2015, 11, 1, 12, 0, tzinfo=UTC)
NOW = datetime(2015, 11, 12, 21, 0, tzinfo=UTC)
TITLES = ["Access", "Skills", "Content"]
HAS_RATINGS = (
    "“Skills” can no longer be removed: it has ratings. Hide it instead; its ratings are kept."
)


@pytest.fixture
def world(output, organiser, client):
    """An output whose sheet opened (so every change is recorded), three issues, an organiser."""
    issues = [
        make_issue(output=output, position=n, title=title)
        for n, title in enumerate(TITLES, start=1)
    ]
    make_sheet(output=output, code="dcpal", opens_at=OPENED)
    output.refresh_from_db()
    client.force_login(organiser)
    return output, dict(zip(TITLES, issues, strict=True)), client


def snapshot(issue: Issue, **changes) -> dict:
    values = {
        "title": issue.title,
        "summary": issue.summary,
        "reference": issue.reference,
        "position": issue.position,
        "is_hidden": issue.is_hidden,
    }
    return {**values, **changes}


def outcome(output) -> dict:
    issues = output.issues.order_by("position", "pk")
    changes = IssueChange.objects.filter(output=output).order_by("pk")
    return {
        "issues": [(issue.position, issue.title, issue.is_hidden) for issue in issues],
        "changes": [
            (
                change.action,
                change.issue_title,
                change.before,
                change.after,
                change.changed_by.username,
                change.changed_at,
            )
            for change in changes
        ],
    }


def inline_data(output, rows: list[dict], **extra) -> dict:
    """The output's admin page as posted: its fields and the issue inline's rows."""
    data = {
        "coalition": output.coalition.pk,
        "session": output.session.pk,
        "title": output.title,
        "slug": output.slug,
        "summary": output.summary,
        "language": output.language,
        "status": output.status,
        "issues-TOTAL_FORMS": str(len(rows)),
        "issues-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        "issues-MIN_NUM_FORMS": "0",
        "issues-MAX_NUM_FORMS": "1000",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        **extra,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            if value is True:
                value = "on"
            if value is False or value is None:
                continue
            data[f"issues-{index}-{name}"] = value
        data[f"issues-{index}-output"] = output.pk
    return data


def current_rows(issues: dict[str, Issue]) -> list[dict]:
    return [
        {
            "id": issue.pk,
            "position": issue.position,
            "title": issue.title,
            "summary": issue.summary,
            "reference": issue.reference,
            "is_hidden": issue.is_hidden,
        }
        for issue in issues.values()
    ]


def issue_form(issue: Issue, **changes) -> dict:
    values = {
        "position": issue.position,
        "title": issue.title,
        "summary": issue.summary,
        "reference": issue.reference,
    }
    values.update(changes)
    if values.pop("is_hidden", issue.is_hidden):
        values["is_hidden"] = "on"
    return values


def with_row(issues, name, **changes) -> list[dict]:
    rows = current_rows(issues)
    for row in rows:
        if row["title"] == name:
            row.update(changes)
    return rows


def post_inline(client, output, rows):
    return client.post(admin_url(Output, "change", output.pk), inline_data(output, rows))


# Each case: what every path does, and the one outcome expected of them all.
PATHS = {
    "add": {
        "portal": lambda c, o, i: c.post(f"{PORTAL}issues/new/", {"title": "Funding"}),
        "admin": lambda c, o, i: c.post(
            admin_url(Issue, "add"),
            {"output": o.pk, "position": "4", "title": "Funding", "summary": "", "reference": ""},
        ),
        "inline": lambda c, o, i: post_inline(
            c, o, [*current_rows(i), {"position": "4", "title": "Funding"}]
        ),
    },
    "edit": {
        "portal": lambda c, o, i: c.post(
            f"{PORTAL}issues/{i['Skills'].pk}/edit/", {"title": "Skills and literacy"}
        ),
        "admin": lambda c, o, i: c.post(
            admin_url(Issue, "change", i["Skills"].pk),
            issue_form(i["Skills"], title="Skills and literacy"),
        ),
        "inline": lambda c, o, i: post_inline(
            c, o, with_row(i, "Skills", title="Skills and literacy")
        ),
    },
    "move": {
        "portal": lambda c, o, i: c.post(
            f"{PORTAL}issues/{i['Access'].pk}/move/", {"direction": "down"}
        ),
        "admin": lambda c, o, i: c.post(
            admin_url(Issue, "change", i["Access"].pk), issue_form(i["Access"], position=2)
        ),
        "inline": lambda c, o, i: post_inline(c, o, with_row(i, "Access", position=2)),
    },
    "hide": {
        "portal": lambda c, o, i: c.post(f"{PORTAL}issues/{i['Skills'].pk}/hide/"),
        "admin": lambda c, o, i: c.post(
            admin_url(Issue, "change", i["Skills"].pk), issue_form(i["Skills"], is_hidden=True)
        ),
        "inline": lambda c, o, i: post_inline(c, o, with_row(i, "Skills", is_hidden=True)),
    },
    "remove": {
        "portal": lambda c, o, i: c.post(f"{PORTAL}issues/{i['Content'].pk}/remove/"),
        "admin": lambda c, o, i: c.post(
            admin_url(Issue, "delete", i["Content"].pk), {"post": "yes"}
        ),
        "inline": lambda c, o, i: post_inline(c, o, with_row(i, "Content", DELETE=True)),
    },
}


def expected(case: str, issues: dict[str, Issue]) -> dict:
    content = issues["Content"]
    who = "organiser"
    return {
        "add": {
            "issues": [
                (1, "Access", False),
                (2, "Skills", False),
                (3, "Content", False),
                (4, "Funding", False),
            ],
            "changes": [
                (
                    "added",
                    "Funding",
                    {},
                    {
                        "title": "Funding",
                        "summary": "",
                        "reference": "",
                        "position": 4,
                        "is_hidden": False,
                    },
                    who,
                    NOW,
                )
            ],
        },
        "edit": {
            "issues": [
                (1, "Access", False),
                (2, "Skills and literacy", False),
                (3, "Content", False),
            ],
            "changes": [
                (
                    "edited",
                    "Skills and literacy",
                    {"title": "Skills"},
                    {"title": "Skills and literacy"},
                    who,
                    NOW,
                )
            ],
        },
        "move": {
            "issues": [(1, "Skills", False), (2, "Access", False), (3, "Content", False)],
            "changes": [("moved", "Access", {"position": 1}, {"position": 2}, who, NOW)],
        },
        "hide": {
            "issues": [(1, "Access", False), (2, "Skills", True), (3, "Content", False)],
            "changes": [("hidden", "Skills", {"is_hidden": False}, {"is_hidden": True}, who, NOW)],
        },
        "remove": {
            "issues": [(1, "Access", False), (2, "Skills", False)],
            "changes": [("removed", "Content", snapshot(content), {}, who, NOW)],
        },
    }[case]


@pytest.mark.parametrize("path", ["portal", "admin", "inline"])
@pytest.mark.parametrize("case", list(PATHS))
def test_issue_change_has_the_same_outcome_on_every_path(world, case, path):
    output, issues, client = world

    with time_machine.travel(NOW, tick=False):
        response = PATHS[case][path](client, output, issues)

    assert response.status_code == 302, getattr(response, "context", None) and [
        form.errors for form in response.context.get("inline_admin_formsets", [])
    ]
    assert outcome(output) == expected(case, issues)


def test_issue_shown_again_has_the_same_outcome_on_every_path(world):
    output, issues, client = world
    skills = issues["Skills"]
    paths = {
        "portal": lambda: client.post(f"{PORTAL}issues/{skills.pk}/show/"),
        "admin": lambda: client.post(
            admin_url(Issue, "change", skills.pk), issue_form(skills, is_hidden=False)
        ),
        "inline": lambda: post_inline(client, output, with_row(issues, "Skills", is_hidden=False)),
    }
    outcomes = {}
    for path, act in paths.items():
        Issue.objects.filter(pk=skills.pk).update(is_hidden=True)
        skills.is_hidden = True
        IssueChange.objects.all().delete()
        with time_machine.travel(NOW, tick=False):
            act()
        outcomes[path] = outcome(output)

    shown = {
        "issues": [(1, "Access", False), (2, "Skills", False), (3, "Content", False)],
        "changes": [
            ("shown", "Skills", {"is_hidden": True}, {"is_hidden": False}, "organiser", NOW)
        ],
    }
    assert outcomes == dict.fromkeys(paths, shown)


def test_issue_with_ratings_is_refused_with_the_same_message_on_every_path(world):
    output, issues, client = world
    skills = issues["Skills"]
    make_rating(response=make_response(sheet=output.rating_sheet), issue=skills)
    before = outcome(output)

    portal = client.post(f"{PORTAL}issues/{skills.pk}/remove/", follow=True)
    admin_page = client.get(admin_url(Issue, "delete", skills.pk), follow=True)
    admin_post = client.post(admin_url(Issue, "delete", skills.pk), {"post": "yes"}, follow=True)
    inline = post_inline(client, output, with_row(issues, "Skills", DELETE=True))

    def said(response):
        return [str(message) for message in get_messages(response.wsgi_request)]

    assert (said(portal), said(admin_page), said(admin_post)) == (
        [HAS_RATINGS],
        [HAS_RATINGS],
        [HAS_RATINGS],
    )
    assert inline.status_code == 200
    assert inline.context["inline_admin_formsets"][0].formset.non_form_errors() == [HAS_RATINGS]
    assert outcome(output) == before


def test_issue_bulk_delete_action_is_not_offered(world):
    _output, _issues, client = world

    response = client.get(admin_url(Issue, "changelist"))

    # Issues have no bulk action at all: each removal is refused or done one by one.
    assert (response.status_code, response.context["action_form"]) == (200, None)


@pytest.mark.parametrize("path", ["portal", "admin"])
def test_output_declared_final_has_the_same_outcome_on_both_paths(
    output, other_coalition, organiser, client, path
):
    day3 = make_part(session=output.session, kind=Part.Kind.PRESENTATIONS)
    other = make_output(session=output.session, status="final", coalition=other_coalition)
    slots_build_from_declarations(session=output.session)  # organisers built the agenda
    client.force_login(organiser)

    with time_machine.travel(NOW, tick=False):
        if path == "portal":
            client.post(f"{PORTAL}status/", {"status": "final"})
        else:
            client.post(
                admin_url(Output, "change", output.pk),
                inline_data(output, [], status="final"),
            )
    output.refresh_from_db()
    # Either way the declaration waits for the organisers, who accept it (the same page).
    waiting = (output.review_state, RatingSheet.objects.filter(output=output).count())
    client.post(f"/admin/coalitions/output/{output.pk}/accept-declaration/")

    assert waiting == ("waiting", 0)
    output.refresh_from_db()
    sheet = RatingSheet.objects.get(output=output)
    slots = Slot.objects.filter(part=day3, is_generated=True).order_by("starts_at")
    assert (output.status, output.status_changed_at) == ("final", NOW)
    assert (sheet.code, sheet.opens_at, output.rating_opens_at) == ("dc-pal-2015", None, None)
    # The agenda's generated slots followed: the newcomer after the slot organisers had.
    assert [(slot.kind, slot.output_id) for slot in slots] == [
        ("opening", None),
        ("presentation", other.pk),
        ("presentation", output.pk),
        ("closing", None),
    ]
