"""Input the log-ins and the admin must bound. A user name longer than any account's is refused
by the form, on both logins, before authenticate() and django-axes see it (axes' record of an
attempt holds 255 characters: a 1,000-character name was a 500 on PostgreSQL); the admin's
search reads at most 200 characters. Both found by tests/test_fuzz.py."""

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


def test_the_admin_search_reads_at_most_200_characters(client):
    # Django's admin searches word by word, an OR over every search field per word: 10,000
    # words were thousands of clauses (over a minute on PostgreSQL).
    from tests.factories import make_organiser

    client.force_login(make_organiser(username="organiser"))

    response = client.get("/admin/feedback/response/", {"q": "ab " * 10_000})

    assert response.status_code == 200
    assert response.context["cl"].query == ("ab " * 100)[:200]
