"""Who is an organiser: one predicate (igfsession.permissions.is_organiser) for every app, the
views' decorators, the templates and the admin — active staff, and superusers as staff."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from coalitions import permissions as coalition_permissions
from feedback.permissions import can_see_sheet_results
from igfsession.permissions import is_organiser
from tests.factories import make_sheet, make_user

pytestmark = pytest.mark.django_db

ACCOUNTS = {
    "staff": {"is_staff": True},
    "superuser, not staff": {"is_superuser": True},
    "staff and superuser": {"is_staff": True, "is_superuser": True},
    "inactive staff": {"is_staff": True, "is_active": False},
    "inactive superuser": {"is_superuser": True, "is_active": False},
    "participant": {},
}
ORGANISERS = {"staff", "superuser, not staff", "staff and superuser"}


@pytest.mark.parametrize("account", sorted(ACCOUNTS))
def test_is_organiser_role_matrix(account):
    user = make_user(**ACCOUNTS[account])

    assert is_organiser(user) is (account in ORGANISERS)


def test_is_organiser_anonymous_and_none_are_not():
    assert (is_organiser(AnonymousUser()), is_organiser(None)) == (False, False)


@pytest.mark.parametrize("account", sorted(ACCOUNTS))
def test_every_app_asks_the_same_predicate(account):
    user = make_user(**ACCOUNTS[account])
    hidden_results = make_sheet(results_visibility="staff_only")

    answers = {
        "coalitions": coalition_permissions.is_organiser(user),
        "feedback": can_see_sheet_results(user, hidden_results, None),
        "igfsession": is_organiser(user),
    }

    expected = account in ORGANISERS
    assert answers == dict.fromkeys(answers, expected)


@pytest.mark.parametrize("account", sorted(ACCOUNTS))
def test_admin_login_lets_in_organisers_only(account):
    make_user(username="someone", password="a-long-test-password", **ACCOUNTS[account])
    client = Client()

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "someone", "password": "a-long-test-password", "next": "/admin/"},
    )

    if account in ORGANISERS:
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert client.get("/admin/").status_code == 200
    else:
        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == [
            "Please enter the correct username and password for a staff account. Note that "
            "both fields may be case-sensitive."
        ]
