"""Issue 14: password-reset mails limited per address and per client, the same page either way;
the password pages are private."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories import make_user

pytestmark = pytest.mark.django_db

URL = "/accounts/password_reset/"
LINK = re.compile(r"http://testserver(/accounts/reset/[^/]+/[^/]+/)")


def _ask(client, email, address="198.51.100.9"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=address)


def test_password_reset_sends_at_most_three_mails_to_one_address(db):
    make_user(username="coordinator")

    answers = [_ask(Client(), "coordinator@example.org", f"198.51.100.{n}") for n in range(5)]

    assert [(a.status_code, a["Location"]) for a in answers] == [
        (302, "/accounts/password_reset/done/")
    ] * 5
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]] * 3


def test_password_reset_address_limit_ignores_the_case(db):
    make_user(username="coordinator")

    for email in ["coordinator@example.org", "Coordinator@Example.org", "COORDINATOR@example.org"]:
        _ask(Client(), email, "203.0.113.1")
    _ask(Client(), "coordinator@EXAMPLE.ORG", "203.0.113.2")

    assert len(mail.outbox) == 3


def test_password_reset_sends_at_most_ten_mails_from_one_client(client, db):
    users = [make_user(username=f"person{n}") for n in range(12)]

    answers = [_ask(client, user.email) for user in users]

    assert {a["Location"] for a in answers} == {"/accounts/password_reset/done/"}
    assert [m.to[0] for m in mail.outbox] == [f"person{n}@example.org" for n in range(10)]


def test_password_reset_limits_are_settings(client, db, settings):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = 1
    make_user(username="coordinator")

    _ask(Client(), "coordinator@example.org", "203.0.113.1")
    _ask(Client(), "coordinator@example.org", "203.0.113.2")

    assert len(mail.outbox) == 1


def test_password_reset_unknown_address_counts_and_answers_the_same(client, db):
    make_user(username="coordinator")

    unknown = [_ask(client, f"nobody{n}@example.org") for n in range(10)]
    known = _ask(client, "coordinator@example.org")

    assert {(a.status_code, a["Location"]) for a in [*unknown, known]} == {
        (302, "/accounts/password_reset/done/")
    }
    assert mail.outbox == []


def test_password_reset_bad_address_is_refused_beside_the_field(client, db):
    response = _ask(client, "not an address")

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": ["Enter a valid email address."]}
    assert response.context["form"]["email"].value() == "not an address"
    assert mail.outbox == []


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/done/",
        "/accounts/reset/MQ/not-a-token/",
    ],
)
def test_password_pages_are_private(client, db, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_password_change_pages_are_private(client, db):
    client.force_login(make_user(username="coordinator"))

    pages = [
        client.get("/accounts/password_change/"),
        client.get("/accounts/password_change/done/"),
    ]

    assert [(p.status_code, p["Cache-Control"]) for p in pages] == [
        (200, "private, no-store"),
        (200, "private, no-store"),
    ]


def test_password_reset_link_page_is_private(client, db):
    make_user(username="coordinator")
    _ask(client, "coordinator@example.org")
    path = LINK.search(mail.outbox[0].body).group(1)

    first = client.get(path)
    form_page = client.get(first["Location"])

    assert (first.status_code, first["Cache-Control"]) == (302, "private, no-store")
    assert (form_page.status_code, form_page["Cache-Control"]) == (200, "private, no-store")
