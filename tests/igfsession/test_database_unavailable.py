"""The database unreachable: our 503 page, a log line, nothing half-stored, and the next request
after the database is back answered as usual."""

import logging

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import RequestFactory

from feedback.models import Rating, Response
from igfsession.unavailable import server_error
from tests.factories import make_session
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

UNAVAILABLE_H1 = "<h1>The site is briefly unavailable</h1>"


def _refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


def _refusing(table):
    """The database goes away when the request writes to ``table``: half-way through a write."""

    def wrapper(execute, sql, params, many, context):
        if sql.startswith(f'INSERT INTO "{table}"'):
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    return wrapper


def _assert_unavailable_page(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "15"
    assert response["Cache-Control"] == "no-store"
    assert UNAVAILABLE_H1 in html
    assert "Traceback" not in html
    assert "OperationalError" not in html


@pytest.mark.django_db
def test_database_down_answers_our_503_page_and_logs_it(client, caplog):
    make_session(is_current=True)

    with (
        caplog.at_level(logging.WARNING, logger="igfsession.unavailable"),
        connection.execute_wrapper(_refuse_every_query),
    ):
        response = client.get("/")

    _assert_unavailable_page(response)
    assert [r.getMessage() for r in caplog.records if r.name == "igfsession.unavailable"] == [
        "Database unavailable, answered 503: GET / "
        "(OperationalError: server closed the connection unexpectedly)"
    ]


@pytest.mark.django_db
def test_database_back_the_next_request_is_answered_without_restart(client):
    make_session(is_current=True)
    with connection.execute_wrapper(_refuse_every_query):
        assert client.get("/").status_code == 503

    response = client.get("/")

    assert response.status_code == 200
    assert UNAVAILABLE_H1 not in response.content.decode()


@pytest.mark.django_db
def test_database_down_page_is_translated(client):
    make_session(is_current=True)
    client.cookies["django_language"] = "fr"

    with connection.execute_wrapper(_refuse_every_query):
        response = client.get("/", headers={"accept-language": "fr"})

    assert response.status_code == 503
    assert response.content.decode().startswith("<!doctype html>")
    assert '<html lang="fr" dir="ltr">' in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_database_lost_during_a_submission_stores_nothing_of_it(client):
    sheet, issues = sheet_with_issues(make_session(is_current=True), count=3)
    data = post_data(
        issues,
        ["5", "4", "confusion"],
        **{f"comment_{issues[0].pk}": "Well put."},
        stakeholder_group="civil_society",
    )
    client.get(f"/feedback/{sheet.code}/")

    with connection.execute_wrapper(_refusing("feedback_rating")):
        response = client.post(f"/feedback/{sheet.code}/", data)

    _assert_unavailable_page(response)
    assert (Response.objects.count(), Rating.objects.count()) == (0, 0)

    again = client.post(f"/feedback/{sheet.code}/", data)

    assert again.status_code == 302
    assert Response.objects.count() == 1
    assert sorted(Rating.objects.values_list("issue_id", "mark")) == [
        (issues[0].pk, "5"),
        (issues[1].pk, "4"),
        (issues[2].pk, "confusion"),
    ]


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("could not connect to server: Connection refused"),
        InterfaceError("connection already closed"),
    ],
)
def test_server_error_for_a_database_error_is_our_503(error):
    request = RequestFactory().get("/agenda/")
    try:
        raise error
    except type(error):
        response = server_error(request)

    _assert_unavailable_page(response)


def test_server_error_for_any_other_error_stays_the_500_page():
    request = RequestFactory().get("/agenda/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
    assert "<h1>Something went wrong on our side</h1>" in response.content.decode()
