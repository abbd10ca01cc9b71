"""A user name longer than any account's is refused by the form, on both logins, before
authenticate() and django-axes see it (axes' record of an attempt holds 255 characters: a
1,000-character name was a 500 on PostgreSQL, found by tests/test_fuzz.py)."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_login_with_a_1000_character_name_is_refused_beside_the_field(url):
    response = Client().post(url, {"username": "0" * 1000, "password": "guess"})

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Ensure this value has at most 150 characters (it has 1000)."
    ]
    assert AccessAttempt.objects.count() == 0


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_login_with_a_150_character_name_is_an_ordinary_failure(url):
    response = Client().post(url, {"username": "0" * 150, "password": "guess"})

    assert response.status_code == 200
    assert "username" not in response.context["form"].errors
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        ("0" * 150, 1)
    ]
