"""The user menu in every page's header: name, portal, the admin for organisers, password
change and a log-out form; nothing for anonymous visitors, at no query for them."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from pytest_django.asserts import assertTemplateUsed

from coalitions.middleware import MARKER_COOKIE
from coalitions.models import CoalitionMembership
from tests.factories import make_coalition, make_organiser, make_session, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
MENU = re.compile(r'<details class="user-menu">.*?</details>', re.S)


def _log_in(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _menu(response) -> str:
    found = MENU.findall(response.content.decode())
    assert len(found) == 1
    return found[0]


def _links(menu: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', menu)


def test_a_coordinator_sees_name_portal_password_and_log_out(client, coordinator):
    coordinator.first_name, coordinator.last_name = "Ana", "Souza"
    coordinator.save()
    _log_in(client, "coordinator")

    menu = _menu(client.get("/coalitions/"))

    assert (
        '<summary class="user-menu-summary"><span class="visually-hidden">Your account: </span>'
        '<span dir="auto">Ana Souza</span></summary>'
    ) in menu
    assert _links(menu) == [
        ("/coalitions/dc-pal/manage/", "Your portal"),
        ("/accounts/password_change/", "Change password"),
    ]
    assert '<form class="user-menu-logout" method="post" action="/accounts/logout/">' in menu
    assert re.search(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]+">', menu)
    assert '<button type="submit" class="btn btn-link p-0">Log out</button>' in menu
    assert '<nav class="user-menu-panel" aria-label="Your account">' in menu


def test_the_name_is_the_username_without_a_full_name(client, coordinator):
    _log_in(client, "coordinator")

    menu = _menu(client.get("/coalitions/"))

    assert '<span dir="auto">coordinator</span>' in menu


def test_a_coordinator_of_several_coalitions_gets_the_choice_of_portals(client, coordinator):
    CoalitionMembership.objects.create(user=coordinator, coalition=make_coalition(slug="dcad"))
    _log_in(client, "coordinator")

    menu = _menu(client.get("/coalitions/"))

    assert _links(menu)[0] == ("/accounts/portals/", "Your portal")


def test_an_organiser_gets_run_the_session_and_no_portal(client):
    make_organiser(username="secretariat")
    _log_in(client, "secretariat")

    menu = _menu(client.get("/coalitions/"))

    assert _links(menu) == [
        ("/admin/", "Run the session"),
        ("/accounts/password_change/", "Change password"),
    ]


def test_someone_with_no_coalition_gets_no_portal_link(client):
    make_user(username="someone")
    _log_in(client, "someone")

    menu = _menu(client.get("/coalitions/"))

    assert _links(menu) == [("/accounts/password_change/", "Change password")]


def test_anonymous_visitors_get_no_menu(client, coalition):
    html = client.get("/coalitions/").content.decode()

    assert "user-menu" not in html
    assert "/accounts/logout/" not in html


def test_the_menu_is_on_pages_that_never_read_the_user(client, coordinator):
    make_session(is_current=True)
    _log_in(client, "coordinator")

    for url in ("/", "/agenda/", "/feedback/", "/coalitions/dc-pal/"):
        assert '<span dir="auto">coordinator</span>' in _menu(client.get(url)), url


def test_logging_out_through_the_menu_logs_out(client, coordinator):
    _log_in(client, "coordinator")
    page = client.get("/coalitions/")
    form = re.compile(r'<form class="user-menu-logout" method="post" action="([^"]+)">')
    action = form.search(_menu(page))

    response = client.post(action.group(1))

    assert response.status_code == 200
    assertTemplateUsed(response, "registration/logged_out.html")
    assert SESSION_KEY not in client.session
    assert response.cookies[MARKER_COOKIE].value == ""
    assert "user-menu" not in client.get("/coalitions/").content.decode()


def test_logging_in_sets_the_marker_and_logging_out_removes_it(client, coordinator):
    logged_in = client.post("/accounts/login/", {"username": "coordinator", "password": PASSWORD})
    logged_out = client.post("/accounts/logout/")

    assert logged_in.cookies[MARKER_COOKIE].value == "1"
    assert logged_in.cookies[MARKER_COOKIE]["httponly"] is True
    # As long as the session's cookie (two weeks, Django's default).
    assert logged_in.cookies[MARKER_COOKIE]["max-age"] == 1209600
    assert logged_out.cookies[MARKER_COOKIE]["max-age"] == 0


def test_the_menu_costs_anonymous_visitors_no_query(client, coalition, django_assert_num_queries):
    # The directory's own three (the current session twice, the coalitions), with no session and
    # with a stale marker cookie alone (no session): the menu reads neither session nor user.
    with django_assert_num_queries(3):
        client.get("/coalitions/")
    client.cookies[MARKER_COOKIE] = "1"
    with django_assert_num_queries(3):
        client.get("/coalitions/")


def test_the_menu_costs_a_logged_in_user_one_query(client, coordinator, django_assert_num_queries):
    _log_in(client, "coordinator")

    # The directory's six for someone logged in (its three, the session, the user, "your
    # coalitions"); and the menu's one: the coalitions the user coordinates, for its portal link.
    with django_assert_num_queries(7):
        client.get("/coalitions/")


def test_a_page_with_the_menu_is_private_and_has_no_validators(client, coordinator):
    make_session(is_current=True)
    anonymous = client.get("/agenda/")
    _log_in(client, "coordinator")

    logged_in = client.get("/agenda/", HTTP_IF_NONE_MATCH=anonymous["ETag"])

    assert "public" in anonymous["Cache-Control"]
    assert logged_in.status_code == 200
    assert sorted(logged_in["Cache-Control"].split(", ")) == ["max-age=10", "no-store", "private"]
    assert "ETag" not in logged_in
    assert "Last-Modified" not in logged_in
    assert '<span dir="auto">coordinator</span>' in _menu(logged_in)


def test_logging_in_through_the_admin_sets_the_marker_too(client):
    make_organiser(username="secretariat")

    response = client.post(
        "/admin/login/?next=/admin/", {"username": "secretariat", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.cookies[MARKER_COOKIE].value == "1"
    assert _links(_menu(client.get("/coalitions/")))[0] == ("/admin/", "Run the session")


def test_a_marker_left_by_an_expired_session_is_removed(client, coalition):
    client.cookies["sessionid"] = "expired-or-unknown-session-key"
    client.cookies[MARKER_COOKIE] = "1"

    response = client.get("/coalitions/")

    assert "user-menu" not in response.content.decode()
    assert response.cookies[MARKER_COOKIE]["max-age"] == 0
