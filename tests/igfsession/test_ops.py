"""/healthz, /readyz and the benchmark's write view (igfsession/ops.py)."""

import importlib
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.urls import clear_url_caches

from igfsession import ops
from igfsession import urls as root_urls


@pytest.mark.django_db
def test_healthz_answers_ok_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"].split(", ")
    assert "no-store" in response["Cache-Control"].split(", ")


def test_healthz_answers_even_when_the_database_fails(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert (response.status_code, response.content) == (200, b"ok\n")


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_and_the_cache_answer(
    client, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/readyz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-store" in response["Cache-Control"].split(", ")
    assert cache.get(ops.READY_CACHE_KEY) is not None


@pytest.mark.django_db
def test_readyz_says_the_database_failed(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.content == b"database: failed\ncache: ok\n"


@pytest.mark.django_db
def test_readyz_says_the_cache_failed(client):
    with mock.patch.object(cache, "set", side_effect=ConnectionError("redis down")):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.content == b"database: ok\ncache: failed\n"


@pytest.mark.django_db
def test_readyz_says_both_failed(client):
    with (
        mock.patch.object(connection, "cursor", side_effect=OperationalError("down")),
        mock.patch.object(cache, "get", side_effect=ConnectionError("redis down")),
    ):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.content == b"database: failed\ncache: failed\n"


@pytest.mark.django_db
def test_readyz_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/agenda/").status_code == 301


@pytest.fixture
def bench_view_on(settings):
    """The root URLconf as it is built with BENCH_WRITE_VIEW on, then as it was."""
    settings.BENCH_WRITE_VIEW = True
    importlib.reload(root_urls)
    clear_url_caches()
    yield
    settings.BENCH_WRITE_VIEW = False
    importlib.reload(root_urls)
    clear_url_caches()


@pytest.mark.django_db
def test_bench_write_not_routed_by_default(client):
    response = client.post("/bench/write/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_bench_write_inserts_one_row_when_on(bench_view_on, client):
    response = client.post("/bench/write/")

    assert response.status_code == 201
    assert response.content == b"written\n"
    assert ops.bench_write_count() == 1
    assert client.post("/bench/write/").status_code == 201
    assert ops.bench_write_count() == 2


@pytest.mark.django_db
def test_bench_write_refuses_get_and_writes_nothing(bench_view_on, client):
    ops.bench_write_table_create()

    response = client.get("/bench/write/")

    assert response.status_code == 405
    assert ops.bench_write_count() == 0
