"""Counting what strangers do, in the cache that every process of the deployment shares: Redis
when REDIS_URL is set, otherwise the database cache table (settings.CACHES).

Subjects (tokens, addresses) are only hashed into cache keys, never stored as they are. A window
starts with its first attempt; a refusal says how long until that window ends (``retry_after``,
the seconds a client should wait, sent as ``Retry-After``).
"""

import base64
import hashlib
import math
import pickle
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils.connection import ConnectionProxy
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    window_seconds: int


@dataclass(frozen=True)
class Verdict:
    """One counted attempt: allowed or not, and when the window ends (seconds from now)."""

    allowed: bool
    retry_after: int = 0

    def __bool__(self) -> bool:
        return self.allowed


def _key(scope: str, subject: str) -> str:
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"rate:{scope}:{digest}"


def hit(limit: Limit, subject: str, *, backend=None) -> Verdict:
    """Count one attempt; allowed while still within the limit."""
    backend = cache if backend is None else backend
    key = _key(limit.scope, subject)
    now = time.time()
    if isinstance(_real(backend), DatabaseCache):
        started, used = _count_in_database(_real(backend), key, limit.window_seconds, now)
    else:
        started, used = _count_natively(backend, key, limit.window_seconds, now)
    if used <= limit.count:
        return Verdict(True)
    if started is None:  # read only for a refusal
        started = backend.get(f"{key}:start") or now
    return Verdict(False, retry_after=max(1, math.ceil(started + limit.window_seconds - now)))


def wait_text(seconds: int) -> str:
    """A wait as a page says it: seconds under a minute, else rounded to the nearest minute."""
    if seconds < 60:
        count = max(1, seconds)
        return ngettext("%(count)d second", "%(count)d seconds", count) % {"count": count}
    count = max(1, round(seconds / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}


def _real(backend):
    # django.core.cache.cache is a proxy to the configured backend.
    if isinstance(backend, ConnectionProxy):
        return backend._connections[backend._alias]
    return backend


def _count_natively(backend, key: str, window: int, now: float) -> tuple[None, int]:
    """Redis and local memory: an atomic increment that keeps the key's expiry."""
    if backend.add(key, 0, timeout=window):
        backend.set(f"{key}:start", now, timeout=window)
    try:
        used = backend.incr(key)
    except ValueError:  # expired between add and incr
        backend.set(key, 1, timeout=window)
        backend.set(f"{key}:start", now, timeout=window)
        used = 1
    return None, used


def _count_in_database(backend: DatabaseCache, key: str, window: int, now: float):
    """The database cache's generic increment is a read then a write (two processes can read the
    same count) and resets the expiry. Instead, in one transaction: make the counter's row if
    there is none, lock it, read it, write it back. The row is in the cache's own format, so
    ``cache.get`` reads it; its value holds the window's start and the count."""
    alias = router.db_for_write(backend.cache_model_class)
    connection = connections[alias]
    table = connection.ops.quote_name(backend._table)
    full_key = backend.make_and_validate_key(key)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        # A write first: SQLite locks the database from here until commit.
        cursor.execute(
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "  # noqa: S608
            "ON CONFLICT (cache_key) DO NOTHING",
            [full_key, _encode(backend, (now, 0)), _expires(connection, now + window)],
        )
        # PostgreSQL locks the row until commit.
        cursor.execute(f"SELECT value FROM {table} WHERE cache_key = %s{lock}", [full_key])  # noqa: S608
        started, used = pickle.loads(base64.b64decode(cursor.fetchone()[0].encode()))  # noqa: S301 (our own rows)
        if started + window <= now:  # the row outlived its window: a new one starts
            started, used = now, 0
        used += 1
        cursor.execute(
            f"UPDATE {table} SET value = %s, expires = %s WHERE cache_key = %s",  # noqa: S608
            [_encode(backend, (started, used)), _expires(connection, started + window), full_key],
        )
    return started, used


def _encode(backend: DatabaseCache, value) -> str:
    # As django.core.cache.backends.db.DatabaseCache stores its values.
    return base64.b64encode(pickle.dumps(value, backend.pickle_protocol)).decode("latin1")


def _expires(connection, moment: float):
    return connection.ops.adapt_datetimefield_value(
        datetime.fromtimestamp(math.ceil(moment), tz=UTC)
    )


def expired_cache_entries_delete() -> int:
    """Delete the database cache's expired rows (counters of past windows, old pages): Django
    only does it when the table outgrows MAX_ENTRIES. Run by ``manage.py cleanup``."""
    backend = _real(cache)
    if not isinstance(backend, DatabaseCache):
        return 0
    alias = router.db_for_write(backend.cache_model_class)
    connection = connections[alias]
    table = connection.ops.quote_name(backend._table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE expires < %s",  # noqa: S608
            [_expires(connection, time.time())],
        )
        return cursor.rowcount
