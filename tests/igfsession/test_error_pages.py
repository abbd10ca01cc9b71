import pytest
from django.test import Client


@pytest.mark.django_db
def test_missing_csrf_token_gets_a_clear_page_and_403(client):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/accounts/login/", {"username": "x"})

    assert response.status_code == 403
    assert "<h1>Your form could not be sent</h1>" in response.content.decode()


@pytest.mark.django_db
def test_unknown_address_gets_our_404_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_server_error_page_renders_without_context_processors():
    from django.template.loader import get_template

    html = get_template("500.html").render()

    assert "<h1>Something went wrong on our side</h1>" in html
