"""The portal's outputs: adding one for the session, editing it, declaring its status."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertFormError, assertRedirects

from coalitions.models import JoinRequest, Output
from tests.factories import make_issue, make_output, make_session

pytestmark = pytest.mark.django_db

BASE = "/coalitions/dc-pal/manage/outputs/principles/"


# Adding and editing -------------------------------------------------------------------------


def test_output_add_creates_a_draft_for_the_current_session(coordinator_client, session):
    response = coordinator_client.post(
        "/coalitions/dc-pal/manage/outputs/new/",
        {"title": "Principles on Public Access", "summary": "Ten principles.", "language": "en"},
    )

    assertRedirects(response, "/coalitions/dc-pal/manage/outputs/principles-on-public-access/")
    assert list(
        Output.objects.values_list("coalition__slug", "session", "title", "slug", "status")
    ) == [
        (
            "dc-pal",
            session.pk,
            "Principles on Public Access",
            "principles-on-public-access",
            "draft",
        )
    ]


def test_output_add_is_offered_only_without_an_output_for_the_session(coordinator_client, session):
    before = coordinator_client.get("/coalitions/dc-pal/manage/")
    coordinator_client.post(
        "/coalitions/dc-pal/manage/outputs/new/", {"title": "Principles", "language": "en"}
    )
    after = coordinator_client.get("/coalitions/dc-pal/manage/")

    assert before.context["can_add_output"] is True
    assert after.context["can_add_output"] is False


def test_output_add_twice_for_the_session_is_refused(coordinator_client, output):
    response = coordinator_client.post(
        "/coalitions/dc-pal/manage/outputs/new/", {"title": "Second one", "language": "en"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Output with this Coalition and Session already exists."
    ]
    assert response.context["form"]["title"].value() == "Second one"
    assert Output.objects.count() == 1


def test_output_add_without_current_session_is_404(coordinator_client, coalition):
    make_session(is_current=False)

    response = coordinator_client.get("/coalitions/dc-pal/manage/outputs/new/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("title", "t" * 256, "Ensure this value has at most 255 characters (it has 256)."),
        ("title", "", "This field is required."),
        (
            "language",
            "l" * 11,
            "Select a valid choice. lllllllllll is not one of the available choices.",
        ),
        ("language", "de", "Select a valid choice. de is not one of the available choices."),
    ],
)
def test_output_edit_bad_input_is_refused_beside_the_field(
    coordinator_client, output, field, value, message
):
    data = {"title": "New title", "summary": "New summary", "language": "pt-br"}

    response = coordinator_client.post(f"{BASE}edit/", {**data, field: value})

    assert response.status_code == 200
    assertFormError(response.context["form"], field, [message])
    form = response.context["form"]
    assert {name: form[name].value() for name in data} == {**data, field: value}
    output.refresh_from_db()
    assert (output.title, output.summary, output.language) == (
        "Principles on public access in libraries",
        "",
        "en",
    )


def test_output_edit_saves_and_keeps_the_slug(coordinator_client, output):
    response = coordinator_client.post(
        f"{BASE}edit/", {"title": "Renamed", "summary": "Short.", "language": "pt-br"}
    )

    assertRedirects(response, BASE)
    output.refresh_from_db()
    assert (output.title, output.summary, output.language, output.slug) == (
        "Renamed",
        "Short.",
        "pt-br",
        "principles",
    )


# Declaring the status -----------------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "wip", "final"])
def test_status_declare_saves_the_status_and_when(coordinator_client, output, status):
    output.status = "draft" if status != "draft" else "wip"
    output.save()

    response = coordinator_client.post(f"{BASE}status/", {"status": status})

    assertRedirects(response, BASE)
    output.refresh_from_db()
    assert output.status == status
    assert timezone.now() - output.status_changed_at < timedelta(minutes=1)


def test_status_declare_offers_the_three_statuses(coordinator_client, output):
    response = coordinator_client.get(f"{BASE}status/")

    assert list(response.context["form"].fields["status"].choices) == [
        ("draft", "Draft"),
        ("wip", "Work in progress — introduce the coalition on Day 4"),
        ("final", "Final — present the output on Day 3 and collect ratings"),
    ]
    assert response.context["form"]["status"].value() == "draft"


def test_status_declare_unknown_status_is_refused(coordinator_client, output):
    response = coordinator_client.post(f"{BASE}status/", {"status": "published"})

    assertFormError(
        response.context["form"],
        "status",
        ["Select a valid choice. published is not one of the available choices."],
    )
    output.refresh_from_db()
    assert output.status == "draft"


def _deadline_passed(session):
    session.declaration_deadline = datetime(2015, 10, 31, 2, 59, tzinfo=UTC)
    session.save()


DEADLINE_MESSAGE = (
    "The declaration deadline passed on 30 October 2015, 23:59 (America/Fortaleza). "
    "Declarations are read-only now; write to the organisers if your output's status must "
    "change."
)


def test_status_declare_after_deadline_is_refused_beside_the_field(
    coordinator_client, output, session
):
    _deadline_passed(session)

    response = coordinator_client.post(f"{BASE}status/", {"status": "final"})

    assert response.status_code == 200
    assertFormError(response.context["form"], "status", [DEADLINE_MESSAGE])
    assert response.context["form"]["status"].value() == "final"
    output.refresh_from_db()
    assert (output.status, output.status_changed_at) == ("draft", None)


def test_status_page_after_deadline_is_read_only_and_says_why(coordinator_client, output, session):
    _deadline_passed(session)

    response = coordinator_client.get(f"{BASE}status/")

    assertContains(
        response,
        '<p class="alert alert-warning read-only-reason">'
        + DEADLINE_MESSAGE.replace("'", "&#x27;")
        + "</p>",
        count=1,
    )
    assertContains(response, "<fieldset disabled>", count=1)
    assertContains(response, "Declare</button>", count=0)


def test_output_portal_after_deadline_shows_why_instead_of_the_form(
    coordinator_client, output, session
):
    _deadline_passed(session)

    response = coordinator_client.get(BASE)

    assert response.context["can_declare"] is False
    assert response.context["declaration_closed"] == DEADLINE_MESSAGE
    assertContains(
        response, 'action="/coalitions/dc-pal/manage/outputs/principles/status/"', count=0
    )


def test_status_declare_before_deadline_is_accepted(coordinator_client, output, session):
    session.declaration_deadline = timezone.now() + timedelta(days=1)
    session.save()

    coordinator_client.post(f"{BASE}status/", {"status": "final"})

    output.refresh_from_db()
    assert output.status == "final"


def test_status_declare_by_organiser_after_deadline_is_accepted(client, organiser, output, session):
    _deadline_passed(session)
    client.force_login(organiser)

    response = client.post(f"{BASE}status/", {"status": "wip"})

    assertRedirects(response, BASE)
    output.refresh_from_db()
    assert output.status == "wip"


def test_status_shows_in_the_directory_after_declaring(coordinator_client, output):
    coordinator_client.post(f"{BASE}status/", {"status": "wip"})

    response = coordinator_client.get("/coalitions/")

    assertContains(
        response,
        "— Work in progress — introduce the coalition on Day 4",
        count=1,
    )


def test_output_html_payload_is_stored_as_text_and_escaped(coordinator_client, output):
    payload = '<a href="javascript:alert(1)">click</a>'

    coordinator_client.post(
        f"{BASE}edit/", {"title": payload, "summary": payload, "language": "en"}
    )
    page = coordinator_client.get("/coalitions/dc-pal/outputs/principles/")

    output.refresh_from_db()
    assert (output.title, output.summary) == (payload, payload)
    assert payload not in page.content.decode()
    assertContains(
        page,
        '<h1 dir="auto" lang="en">'
        "&lt;a href=&quot;javascript:alert(1)&quot;&gt;click&lt;/a&gt;</h1>",
        count=1,
    )


@pytest.mark.parametrize("count", [3, 30])
def test_portal_dashboard_queries_do_not_grow_with_outputs_and_requests(
    coordinator_client, coalition, django_assert_max_num_queries, count
):
    for n in range(count):
        output = make_output(coalition=coalition, session=make_session(year=1990 + n))
        make_issue(output=output)
        JoinRequest.objects.create(
            coalition=coalition,
            name=f"Person {n}",
            email=f"p{n}@example.org",
            stakeholder_group="academia",
            region="weog",
            consent=True,
        )

    # 11: one of them for the header's user menu (the coalitions the user coordinates).
    with django_assert_max_num_queries(11):
        response = coordinator_client.get("/coalitions/dc-pal/manage/")

    assert len(response.context["outputs"]) == count
    assert len(response.context["join_requests"]) == count
