"""Redis unreachable: every page still answers from the database, submissions succeed, the rate
limits fail open, a warning is logged; when Redis is back, caching resumes
(igfsession/cache.py)."""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache

from feedback.models import Response
from tests.factories import make_session
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

CLOSED_PORT = 18699  # helper F's range; nothing listens there
PRIVATE_REDIS_PORT = 18698


def _redis_cache(settings, port, retry_seconds=5):
    settings.CACHES = {
        "default": {
            "BACKEND": "igfsession.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "igfdc-test",
            "RETRY_SECONDS": retry_seconds,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def _cache_warnings(caplog):
    return [r for r in caplog.records if r.name == "igfsession.cache"]


@pytest.mark.django_db
def test_redis_down_public_pages_answer_from_the_database(client, settings, caplog):
    _redis_cache(settings, CLOSED_PORT)
    sheet_with_issues(make_session(is_current=True), count=2)
    urls = ["/", "/agenda/", "/agenda/now.json", "/feedback/", "/feedback/results/"]

    with caplog.at_level(logging.WARNING, logger="igfsession.cache"):
        statuses = [client.get(url).status_code for url in urls]

    assert statuses == [200, 200, 200, 200, 200]
    warnings = _cache_warnings(caplog)
    # One warning, then the backend leaves Redis alone for RETRY_SECONDS.
    assert len(warnings) == 1
    assert warnings[0].levelname == "WARNING"
    assert warnings[0].getMessage().startswith("Cache unreachable during ")
    assert (
        warnings[0]
        .getMessage()
        .endswith(
            "reads are misses, writes are dropped and rate limits are not counted for the next 5 s."
        )
    )


@pytest.mark.django_db
def test_redis_down_submissions_succeed_and_rate_limits_fail_open(client, settings, caplog):
    _redis_cache(settings, CLOSED_PORT, retry_seconds=0)
    settings.FEEDBACK_RATE_PER_RESPONDENT = 1
    sheet, issues = sheet_with_issues(make_session(is_current=True), count=2)
    client.get(f"/feedback/{sheet.code}/")

    with caplog.at_level(logging.WARNING, logger="igfsession.cache"):
        statuses = [
            client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5", "4"])).status_code
            for _ in range(3)
        ]

    # With Redis up, the second would be refused (429): the limit is 1 per respondent.
    assert statuses == [302, 302, 302]
    assert Response.objects.count() == 1
    assert len(_cache_warnings(caplog)) >= 3


def test_redis_down_every_cache_call_answers_as_an_empty_cache(settings):
    _redis_cache(settings, CLOSED_PORT, retry_seconds=0)

    assert (
        cache.get("k", "default"),
        cache.set("k", 1),
        cache.add("k", 1),
        cache.get_many(["a", "b"]),
        cache.set_many({"a": 1, "b": 2}),
        cache.incr("counter"),
        cache.delete("k"),
        cache.has_key("k"),
        cache.get_or_set("k", 7),
        cache.touch("k"),
    ) == ("default", None, False, {}, ["a", "b"], 1, False, False, 7, False)


def _wait_for_port(port, *, up, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            reachable = probe.connect_ex(("127.0.0.1", port)) == 0
        if reachable == up:
            return
        time.sleep(0.05)
    raise AssertionError(f"port {port} did not become {'open' if up else 'closed'}")


def _start_redis(port):
    server = subprocess.Popen(
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for_port(port, up=True)
    return server


def _stop(server, port):
    server.terminate()
    server.wait(timeout=10)
    _wait_for_port(port, up=False)


def test_redis_back_caching_resumes_by_itself(settings, caplog):
    _redis_cache(settings, PRIVATE_REDIS_PORT, retry_seconds=0.5)
    server = _start_redis(PRIVATE_REDIS_PORT)
    try:
        cache.set("page", "cached body")
        assert cache.get("page") == "cached body"

        _stop(server, PRIVATE_REDIS_PORT)
        with caplog.at_level(logging.WARNING, logger="igfsession.cache"):
            assert cache.get("page", "miss") == "miss"
            assert cache.set("page", "dropped") is None
        assert len(_cache_warnings(caplog)) == 1

        server = _start_redis(PRIVATE_REDIS_PORT)
        time.sleep(0.6)  # past RETRY_SECONDS
        cache.set("page", "cached again")

        assert cache.get("page") == "cached again"
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
