"""Without Redis the rate-limit counters live in the database cache: every process counts the
same attempts, and a window lasts what the limit says (not the cache's default timeout)."""

import hashlib
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.cache import caches

from igfsession.ratelimit import Limit, expired_cache_entries_delete, hit

PROJECT = Path(__file__).resolve().parents[2]
DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "igfdc_cache",
        "KEY_PREFIX": "igfdc",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
}


@pytest.fixture
def database_cache(settings, db):
    settings.CACHES = DATABASE_CACHE
    yield
    caches["default"].clear()


def test_two_cache_connections_see_one_counter(database_cache):
    # Two backends, as two worker processes each have: the counter is the table's row.
    first = caches.create_connection("default")
    second = caches.create_connection("default")
    limit = Limit("test-shared", 3, 600)

    answers = [bool(hit(limit, "203.0.113.7", backend=b)) for b in (first, second) * 3]

    assert answers == [True, True, True, False, False, False]


def test_database_counter_keeps_its_window_and_says_the_wait(database_cache):
    limit = Limit("test-window", 2, 600)
    start = datetime(2026, 11, 12, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        assert bool(hit(limit, "token")) is True
        assert bool(hit(limit, "token")) is True
        traveller.move_to(start + timedelta(seconds=420))
        refused = hit(limit, "token")
        traveller.move_to(start + timedelta(seconds=601))
        again = hit(limit, "token")

    assert (refused.allowed, refused.retry_after) == (False, 180)
    assert (again.allowed, again.retry_after) == (True, 0)


_COUNT_25 = (
    "from igfsession.ratelimit import Limit, hit; "
    "print(sum(bool(hit(Limit('{scope}', 30, 600), 'one-respondent')) for _ in range(25)))"
)


def test_two_processes_share_the_limit(tmp_path):
    # Two processes, as two gunicorn workers, on one SQLite database: 50 attempts, limit 30.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "CACHE_BACKEND": "database",
        "DEBUG": "1",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "createcachetable"], cwd=PROJECT, env=env, check=True, timeout=60)
    code = _COUNT_25.format(scope=f"test-{uuid.uuid4().hex}")
    workers = [
        subprocess.Popen(
            [*manage, "shell", "--no-imports", "-c", code],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    allowed = [int(worker.communicate(timeout=120)[0].strip()) for worker in workers]

    assert sum(allowed) == 30
    assert all(worker.returncode == 0 for worker in workers)


def test_counter_row_is_the_caches_own_and_expired_rows_are_cleaned_up(database_cache):
    start = datetime(2026, 11, 12, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        hit(Limit("test-clean", 5, 60), "a")
        hit(Limit("test-clean", 5, 600), "b")
        key = "rate:test-clean:" + hashlib.sha256(b"a").hexdigest()[:32]
        stored = caches["default"].get(key)
        traveller.move_to(start + timedelta(seconds=61))
        deleted = expired_cache_entries_delete()
        again = expired_cache_entries_delete()
        kept = hit(Limit("test-clean", 1, 600), "b")

    assert stored == (start.timestamp(), 1)
    assert (deleted, again) == (1, 0)
    assert (kept.allowed, kept.retry_after) == (False, 539)


def test_cleanup_without_the_database_cache_deletes_nothing(db):
    assert expired_cache_entries_delete() == 0
