from datetime import UTC, datetime

import pytest
from pytest_django.asserts import (
    assertContains,
    assertFormError,
    assertNotContains,
    assertRedirects,
)

from coalitions.models import Issue, IssueChange
from tests.factories import make_issue, make_output, make_rating, make_response, make_sheet

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


# Adding and editing -------------------------------------------------------------------------


def test_issue_add_appends_it_at_the_end(coordinator_client, output, issues):
    response = coordinator_client.post(
        f"{BASE}issues/new/",
        {"title": "Funding", "summary": "Who pays.", "reference": "§ 4"},
    )

    assertRedirects(response, f"{BASE}#issues")
    assert list(output.issues.values_list("title", "summary", "reference", "position")) == [
        ("Access", "", "", 1),
        ("Skills", "", "", 2),
        ("Content", "", "", 3),
        ("Funding", "Who pays.", "§ 4", 4),
    ]


def test_issue_add_shows_on_the_public_output_page(coordinator_client, output):
    coordinator_client.post(f"{BASE}issues/new/", {"title": "Funding"})

    response = coordinator_client.get("/coalitions/dc-pal/outputs/principles/")

    assert [issue.title for issue in response.context["output"].visible_issues] == ["Funding"]


def test_issue_edit_saves(coordinator_client, output, issues):
    response = coordinator_client.post(
        f"{BASE}issues/{issues[1].pk}/edit/",
        {"title": "Digital skills", "summary": "Training.", "reference": "p. 4"},
    )

    assertRedirects(response, f"{BASE}#issues")
    issues[1].refresh_from_db()
    assert (issues[1].title, issues[1].summary, issues[1].reference, issues[1].position) == (
        "Digital skills",
        "Training.",
        "p. 4",
        2,
    )


def test_issue_edit_form_shows_current_values(coordinator_client, issues):
    response = coordinator_client.get(f"{BASE}issues/{issues[0].pk}/edit/")

    assert response.context["form"]["title"].value() == "Access"


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("title", "t" * 256, "Ensure this value has at most 255 characters (it has 256)."),
        ("title", "", "This field is required."),
        ("reference", "r" * 101, "Ensure this value has at most 100 characters (it has 101)."),
    ],
)
def test_issue_add_bad_input_is_refused_beside_the_field(
    coordinator_client, output, issues, field, value, message
):
    data = {"title": "Funding", "summary": "Who pays.", "reference": "§ 4"}

    response = coordinator_client.post(f"{BASE}issues/new/", {**data, field: value})

    assert response.status_code == 200
    assertFormError(response.context["form"], field, [message])
    form = response.context["form"]
    assert {name: form[name].value() for name in data} == {**data, field: value}
    assert Issue.objects.count() == 3


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("title", "t" * 256, "Ensure this value has at most 255 characters (it has 256)."),
        ("title", "", "This field is required."),
    ],
)
def test_issue_edit_bad_input_is_refused_beside_the_field(
    coordinator_client, issues, field, value, message
):
    data = {"title": "Digital skills", "summary": "Training.", "reference": "p. 4"}

    response = coordinator_client.post(f"{BASE}issues/{issues[1].pk}/edit/", {**data, field: value})

    assertFormError(response.context["form"], field, [message])
    form = response.context["form"]
    assert {name: form[name].value() for name in data} == {**data, field: value}
    issues[1].refresh_from_db()
    assert (issues[1].title, issues[1].summary, issues[1].reference) == ("Skills", "", "")


def test_issue_html_payload_is_stored_as_text_and_escaped(coordinator_client, output):
    payload = "<img src=x onerror=alert(1)>"

    coordinator_client.post(f"{BASE}issues/new/", {"title": payload, "summary": payload})
    portal = coordinator_client.get(BASE)
    preview = coordinator_client.get(f"{BASE}preview/")

    assert Issue.objects.get().title == payload
    for response in (portal, preview):
        assert payload not in response.content.decode()
        assertContains(response, "&lt;img src=x onerror=alert(1)&gt;")


def test_issue_of_another_output_is_404(coordinator_client, output, other_coalition):
    foreign = make_issue(output=make_output(coalition=other_coalition, slug="charter"))

    assert coordinator_client.get(f"{BASE}issues/{foreign.pk}/edit/").status_code == 404
    assert coordinator_client.post(f"{BASE}issues/{foreign.pk}/remove/").status_code == 404
    assert Issue.objects.filter(pk=foreign.pk).count() == 1


# Reordering ---------------------------------------------------------------------------------


def test_issue_move_up(coordinator_client, output, issues):
    response = coordinator_client.post(f"{BASE}issues/{issues[2].pk}/move/", {"direction": "up"})

    assertRedirects(response, f"{BASE}#issues")
    assert _titles(output) == ["Access", "Content", "Skills"]
    assert list(output.issues.values_list("position", flat=True)) == [1, 2, 3]


def test_issue_move_down(coordinator_client, output, issues):
    coordinator_client.post(f"{BASE}issues/{issues[0].pk}/move/", {"direction": "down"})

    assert _titles(output) == ["Skills", "Access", "Content"]


def test_issue_move_first_up_changes_nothing(coordinator_client, output, issues):
    coordinator_client.post(f"{BASE}issues/{issues[0].pk}/move/", {"direction": "up"})

    assert _titles(output) == ["Access", "Skills", "Content"]


def test_issue_move_renumbers_equal_positions(coordinator_client, output):
    first = make_issue(output=output, position=0, title="A")
    make_issue(output=output, position=0, title="B")

    coordinator_client.post(f"{BASE}issues/{first.pk}/move/", {"direction": "down"})

    assert list(output.issues.order_by("position").values_list("title", "position")) == [
        ("B", 1),
        ("A", 2),
    ]


def test_issue_move_unknown_direction_is_refused(coordinator_client, output, issues):
    response = coordinator_client.post(
        f"{BASE}issues/{issues[1].pk}/move/", {"direction": "sideways"}, follow=True
    )

    assert _messages(response) == ["Move an issue up or down."]
    assert _titles(output) == ["Access", "Skills", "Content"]


def test_issue_move_buttons_are_plain_forms(coordinator_client, issues):
    response = coordinator_client.get(BASE)

    html = response.content.decode()
    move = f'<form method="post" action="{BASE}issues/{issues[1].pk}/move/">'
    assert html.count(move) == 2
    assert html.count('<input type="hidden" name="direction" value="up">') == 3
    assert (
        '<button type="submit" class="btn btn-sm btn-outline-secondary">Up'
        '<span class="visually-hidden">: <bdi lang="en">Skills</bdi></span></button>'
    ) in html


def test_issue_move_get_is_not_allowed(coordinator_client, issues):
    assert coordinator_client.get(f"{BASE}issues/{issues[0].pk}/move/").status_code == 405


# Hiding and removing ------------------------------------------------------------------------


def test_issue_hide_and_show(coordinator_client, output, issues):
    coordinator_client.post(f"{BASE}issues/{issues[1].pk}/hide/")
    hidden = list(output.issues.visible().values_list("title", flat=True))
    coordinator_client.post(f"{BASE}issues/{issues[1].pk}/show/")
    shown = list(output.issues.visible().values_list("title", flat=True))

    assert hidden == ["Access", "Content"]
    assert shown == ["Access", "Skills", "Content"]


def test_issue_remove(coordinator_client, output, issues):
    response = coordinator_client.post(f"{BASE}issues/{issues[1].pk}/remove/", follow=True)

    assert _messages(response) == ["“Skills” was removed."]
    assert _titles(output) == ["Access", "Content"]


def test_issue_remove_with_ratings_is_refused_and_nothing_recorded(
    organiser_client, output, issues, open_sheet
):
    make_rating(response=make_response(sheet=open_sheet), issue=issues[1])

    response = organiser_client.post(f"{BASE}issues/{issues[1].pk}/remove/", follow=True)

    assert _messages(response) == [
        "“Skills” can no longer be removed: it has ratings. Hide it instead; its ratings are kept."
    ]
    assert _titles(output) == ["Access", "Skills", "Content"]
    assert IssueChange.objects.count() == 0


def test_issue_remove_with_ratings_is_refused_even_before_the_sheet_opens(
    coordinator_client, output, issues
):
    sheet = make_sheet(output=output, opens_at=None)
    make_rating(response=make_response(sheet=sheet), issue=issues[0])

    coordinator_client.post(f"{BASE}issues/{issues[0].pk}/remove/")

    assert _titles(output) == ["Access", "Skills", "Content"]


def test_issue_with_responses_can_still_be_hidden(organiser_client, output, issues, open_sheet):
    rating = make_rating(response=make_response(sheet=open_sheet), issue=issues[1])

    organiser_client.post(f"{BASE}issues/{issues[1].pk}/hide/")

    issues[1].refresh_from_db()
    assert issues[1].is_hidden is True
    assert list(issues[1].ratings.all()) == [rating]


def test_issue_remove_button_disappears_from_an_issue_once_it_has_ratings(
    organiser_client, output, issues, open_sheet
):
    before = organiser_client.get(BASE)
    make_rating(response=make_response(sheet=open_sheet), issue=issues[1])
    after = organiser_client.get(BASE)

    remove = '">Remove<span class="visually-hidden">: '
    assertContains(before, remove, count=3)
    assertContains(after, remove, count=2)
    assertNotContains(after, f"{remove}Skills")
    assertContains(after, "Issues with ratings can no longer be removed, only hidden")


# Query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_output_portal_queries_do_not_grow_with_issues(
    coordinator_client, output, django_assert_max_num_queries, count
):
    sheet = make_sheet(output=output, opens_at=None)
    for n in range(count):
        issue = make_issue(output=output, position=n)
        make_rating(response=make_response(sheet=sheet), issue=issue)

    # The answers panel and the report link too, and the header's user menu (one).
    with django_assert_max_num_queries(16):
        response = coordinator_client.get(BASE)

    assert len(response.context["issues"]) == count
