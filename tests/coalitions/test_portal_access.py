"""Who may open the portal: the role matrix, posts from another coalition, CSRF."""

import pytest
from django.test import Client

from coalitions.models import Coalition, Issue, Output, OutputVersion
from tests.coalitions.helpers import upload
from tests.factories import make_coordinator, make_issue, make_user

pytestmark = pytest.mark.django_db

PORTAL_PAGES = [
    "/coalitions/dc-pal/manage/",
    "/coalitions/dc-pal/manage/profile/",
    "/coalitions/dc-pal/manage/outputs/new/",
    "/coalitions/dc-pal/manage/outputs/principles/",
    "/coalitions/dc-pal/manage/outputs/principles/edit/",
    "/coalitions/dc-pal/manage/outputs/principles/status/",
    "/coalitions/dc-pal/manage/outputs/principles/upload/",
    "/coalitions/dc-pal/manage/outputs/principles/preview/",
    "/coalitions/dc-pal/manage/outputs/principles/issues/new/",
    "/coalitions/dc-pal/manage/outputs/principles/issues/{issue}/edit/",
]


@pytest.fixture
def issue(output):
    return make_issue(output=output, title="Access for all", position=1)


def _login(client, role, coalition, other_coalition):
    users = {
        "anonymous": None,
        "outsider": lambda: make_user(),
        "coordinator of another coalition": lambda: make_coordinator(other_coalition),
        "coordinator": lambda: make_coordinator(coalition),
        "staff organiser": lambda: make_user(is_staff=True),
        "superuser organiser": lambda: make_user(is_staff=True, is_superuser=True),
    }
    if users[role] is not None:
        client.force_login(users[role]())


@pytest.mark.parametrize("page", PORTAL_PAGES)
@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("coordinator of another coalition", 403),
        ("coordinator", 200),
        ("staff organiser", 200),
        ("superuser organiser", 200),
    ],
)
def test_portal_role_matrix(client, output, issue, other_coalition, page, role, expected):
    url = page.format(issue=issue.pk)
    _login(client, role, output.coalition, other_coalition)

    response = client.get(url)

    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_portal_inactive_coordinator_is_sent_to_login(client, output, coordinator):
    coordinator.is_active = False
    coordinator.save()
    client.force_login(coordinator)

    response = client.get("/coalitions/dc-pal/manage/")

    assert response.status_code == 302


def test_portal_output_add_without_current_session_sends_anonymous_to_login(client, coalition):
    response = client.get("/coalitions/dc-pal/manage/outputs/new/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/coalitions/dc-pal/manage/outputs/new/"


def test_portal_unknown_coalition_is_404(client, organiser):
    client.force_login(organiser)

    assert client.get("/coalitions/nothing/manage/").status_code == 404


def test_portal_another_coalitions_output_is_404_even_for_organisers(
    client, output, other_coalition, organiser
):
    client.force_login(organiser)

    assert client.get("/coalitions/irpc/manage/outputs/principles/").status_code == 404


def _snapshot(output):
    output.refresh_from_db()
    coalition = Coalition.objects.get(pk=output.coalition_id)
    return (
        coalition.name,
        coalition.description,
        output.title,
        output.status,
        OutputVersion.objects.count(),
        list(Issue.objects.order_by("pk").values_list("title", "position", "is_hidden")),
    )


def _posts(issue):
    base = "/coalitions/dc-pal/manage/"
    out = f"{base}outputs/principles/"
    return [
        (f"{base}profile/", {"name": "Taken over", "description": "pwned"}),
        (f"{base}outputs/new/", {"title": "Another output", "language": "en"}),
        (f"{out}edit/", {"title": "Taken over", "language": "en"}),
        (f"{out}status/", {"status": "final"}),
        (f"{out}upload/", {"file": upload()}),
        (f"{out}issues/new/", {"title": "Injected issue"}),
        (f"{out}issues/{issue.pk}/edit/", {"title": "Changed"}),
        (f"{out}issues/{issue.pk}/move/", {"direction": "down"}),
        (f"{out}issues/{issue.pk}/hide/", {}),
        (f"{out}issues/{issue.pk}/show/", {}),
        (f"{out}issues/{issue.pk}/remove/", {}),
    ]


POST_COUNT = 11


@pytest.mark.parametrize("index", range(POST_COUNT))
def test_portal_post_by_coordinator_of_another_coalition_is_403_and_changes_nothing(
    client, output, issue, other_coordinator, index
):
    make_issue(output=output, title="Second", position=2)
    before = _snapshot(output)
    url, data = _posts(issue)[index]
    client.force_login(other_coordinator)

    response = client.post(url, data)

    assert response.status_code == 403
    assert _snapshot(output) == before
    assert Output.objects.count() == 1


@pytest.mark.parametrize("index", range(POST_COUNT))
def test_portal_post_by_anonymous_goes_to_login_and_changes_nothing(client, output, issue, index):
    before = _snapshot(output)
    url, data = _posts(issue)[index]

    response = client.post(url, data)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert _snapshot(output) == before


@pytest.mark.parametrize("index", range(POST_COUNT))
def test_portal_post_without_csrf_token_is_403_and_changes_nothing(
    output, issue, coordinator, session, index
):
    make_issue(output=output, title="Second", position=2)
    output.session = session
    before = _snapshot(output)
    url, data = _posts(issue)[index]
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)

    response = client.post(url, data)

    assert response.status_code == 403
    assert _snapshot(output) == before
    assert Output.objects.count() == 1


def test_portal_post_with_csrf_token_is_accepted(output, coordinator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    page = client.get("/coalitions/dc-pal/manage/outputs/principles/status/")
    token = page.cookies["csrftoken"].value

    response = client.post(
        "/coalitions/dc-pal/manage/outputs/principles/status/",
        {"status": "wip", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    output.refresh_from_db()
    assert output.status == "wip"
