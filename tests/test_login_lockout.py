"""Login brute force: django-axes locks a user name out from one address, on both logins."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.management import call_command
from django.test import Client, RequestFactory
from pytest_django.asserts import assertTemplateUsed

from igfsession.client_address import client_address
from tests.factories import make_organiser
from tests.test_security import EXPECTED_CSP, csp_directives

PASSWORD = "the-right-password-2015"
LOGINS = ["/accounts/login/", "/admin/login/"]
ELSEWHERE = "203.0.113.7"


@pytest.fixture
def organiser(db):
    # Staff, so that the right password opens the admin too.
    return make_organiser(username="mag-secretariat", password=PASSWORD)


def _post(client, url, username, password, address="127.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, url, times, username="mag-secretariat", address="127.0.0.1"):
    return [
        _post(client, url, username, "a-wrong-guess", address).status_code for _ in range(times)
    ]


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_axes_settings_guard_every_login():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(hours=1) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True


@pytest.mark.parametrize("url", LOGINS)
def test_lockout_after_five_failures_shows_the_lockout_page(client, organiser, url):
    statuses = _fail(client, url, 4)

    locked = _post(client, url, "mag-secretariat", "a-wrong-guess")

    assert statuses == [200, 200, 200, 200]
    assert locked.status_code == 429
    assertTemplateUsed(locked, "registration/lockout.html")
    html = locked.content.decode()
    assert "<h1>Too many failed log-ins</h1>" in html
    assert "failed 5 times in a row" in html
    assert "Wait 1\xa0hour, then log in again." in html
    assert '<a href="/accounts/password_reset/">Reset your password</a>' in html
    assert AccessAttempt.objects.get().failures_since_start == 5


@pytest.mark.parametrize("url", LOGINS)
def test_lockout_refuses_the_right_password_until_reset(client, organiser, url):
    _fail(client, url, 5)

    refused = _post(client, url, "mag-secretariat", PASSWORD)
    call_command("axes_reset_username", "mag-secretariat")
    accepted = _post(client, url, "mag-secretariat", PASSWORD)

    assert refused.status_code == 429
    assert accepted.status_code == 302
    assert _logged_in(client)


@pytest.mark.parametrize("url", LOGINS)
def test_lockout_ends_after_the_cool_off_time(organiser, url):
    client = Client()
    with time_machine.travel("2015-11-12 19:00 +0000", tick=False) as clock:
        _fail(client, url, 5)
        clock.shift(timedelta(minutes=59))
        early = _post(client, url, "mag-secretariat", PASSWORD)
        # That attempt started the wait again: an hour after the first lock-out is too soon.
        clock.shift(timedelta(minutes=30))
        restarted = _post(client, url, "mag-secretariat", PASSWORD)
        clock.shift(timedelta(minutes=61))
        accepted = _post(client, url, "mag-secretariat", PASSWORD)

    assert (early.status_code, restarted.status_code, accepted.status_code) == (429, 429, 302)


@pytest.mark.parametrize("url", LOGINS)
def test_lockout_leaves_another_user_name_from_the_same_address_alone(client, organiser, url):
    make_organiser(username="other-organiser", password=PASSWORD)
    _fail(client, url, 5)

    other = _post(client, url, "other-organiser", PASSWORD)

    assert other.status_code == 302
    assert client.session["_auth_user_id"] == str(
        type(organiser).objects.get(username="other-organiser").pk
    )


@pytest.mark.parametrize("url", LOGINS)
def test_lockout_leaves_the_same_user_name_from_another_address_alone(client, organiser, url):
    _fail(client, url, 5)

    elsewhere = _post(client, url, "mag-secretariat", PASSWORD, address=ELSEWHERE)

    assert elsewhere.status_code == 302
    assert _logged_in(client)


def test_lockout_count_starts_again_after_a_successful_login(client, organiser):
    _fail(client, "/accounts/login/", 4)
    _post(client, "/accounts/login/", "mag-secretariat", PASSWORD)
    client.post("/accounts/logout/")

    statuses = _fail(client, "/accounts/login/", 4)

    assert statuses == [200, 200, 200, 200]
    assert AccessAttempt.objects.get().failures_since_start == 4
    assert AccessLog.objects.count() == 0  # successful log-ins and their addresses: not kept


def test_lockout_counts_failures_on_both_logins_together(client, organiser):
    _fail(client, "/accounts/login/", 3)
    _fail(client, "/admin/login/", 1)

    locked = _post(client, "/admin/login/", "mag-secretariat", "a-wrong-guess")

    assert locked.status_code == 429


def test_lockout_page_is_sent_with_the_content_security_policy(client, organiser):
    _fail(client, "/accounts/login/", 5)

    locked = _post(client, "/accounts/login/", "mag-secretariat", PASSWORD)

    assert locked.status_code == 429
    assert csp_directives(locked["Content-Security-Policy"]) == EXPECTED_CSP


# The client's address, with and without reverse proxies in front.


def _request(forwarded=None):
    extra = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_client_address_without_proxies_is_the_connections(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(_request("198.51.100.9")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.9, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.9, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2"),
        (1, None, "10.0.0.2"),
    ],
)
def test_client_address_behind_proxies_trusts_only_their_entries(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count

    assert client_address(_request(forwarded)) == expected
