"""After logging in, a coordinator lands in their portal (or a choice of portals)."""

import pytest
from django.contrib.auth import SESSION_KEY
from pytest_django.asserts import assertRedirects

from coalitions.models import CoalitionMembership
from tests.factories import make_coalition, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def _log_in(client, username, **extra):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD, **extra})


@pytest.mark.parametrize("extra", [{}, {"next": ""}, {"next": "/"}])
def test_a_coordinator_without_next_lands_in_their_portal(client, coordinator, extra):
    response = _log_in(client, "coordinator", **extra)

    assertRedirects(response, "/coalitions/dc-pal/manage/")


def test_a_coordinator_of_several_coalitions_gets_the_choice(client, coordinator):
    other = make_coalition(name="Dynamic Coalition on Accessibility", slug="dcad")
    CoalitionMembership.objects.create(user=coordinator, coalition=other)

    response = _log_in(client, "coordinator")

    assertRedirects(response, "/accounts/portals/")
    page = client.get("/accounts/portals/")
    assert page.status_code == 200
    assert [c.slug for c in page.context["coalitions"]] == ["dcad", "dc-pal"]
    html = page.content.decode()
    assert '<a href="/coalitions/dcad/manage/" dir="auto">' in html
    assert '<a href="/coalitions/dc-pal/manage/" dir="auto">' in html


def test_any_other_next_is_honoured(client, coordinator):
    response = _log_in(client, "coordinator", next="/agenda/")

    assertRedirects(response, "/agenda/")


def test_a_next_on_another_host_is_not_followed(client, coordinator):
    response = _log_in(client, "coordinator", next="https://evil.example.org/")

    assertRedirects(response, "/coalitions/dc-pal/manage/")


def test_someone_coordinating_nothing_lands_on_the_home_page(client, db):
    make_user(username="visitor")

    response = _log_in(client, "visitor")

    assertRedirects(response, "/", fetch_redirect_response=False)


def test_a_wrong_password_logs_no_one_in(client, coordinator):
    response = client.post("/accounts/login/", {"username": "coordinator", "password": "nope"})

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_the_portals_page_sends_the_only_portal_straight_in(client, coordinator):
    client.force_login(coordinator)

    assertRedirects(client.get("/accounts/portals/"), "/coalitions/dc-pal/manage/")


def test_the_portals_page_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get("/accounts/portals/")

    assertRedirects(response, "/accounts/login/?next=/accounts/portals/")


def test_the_portals_page_of_someone_coordinating_nothing(client, db):
    client.force_login(make_user(username="visitor"))

    response = client.get("/accounts/portals/")

    assert response.status_code == 200
    assert list(response.context["coalitions"]) == []
    assert "You coordinate no coalition yet." in response.content.decode()
