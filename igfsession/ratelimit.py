"""Counting what strangers do, in the cache that every process of the deployment shares: Redis
when REDIS_URL is set, otherwise the database cache table (settings.CACHES).

Subjects (tokens, addresses) are only hashed into cache keys, never stored as they are. A window
starts with its first attempt; a refusal says how long until that window ends (``retry_after``,
the seconds a client should wait, sent as ``Retry-After``).
"""

import hashlib
import math
import time
from dataclasses import dataclass

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
    """The database cache has no atomic increment (and Django's generic one resets the expiry):
    lock the counter's row, read it, write it back with the window's remaining time, in one
    transaction, so that two processes never read the same count."""
    backend.add(key, (now, 0), timeout=window)  # the row exists before it is locked
    alias = router.db_for_write(backend.cache_model_class)
    connection = connections[alias]
    table = connection.ops.quote_name(backend._table)
    with transaction.atomic(using=alias):
        with connection.cursor() as cursor:
            # A write first: PostgreSQL locks the row, SQLite the database, until commit.
            cursor.execute(
                f"UPDATE {table} SET expires = expires WHERE cache_key = %s",  # noqa: S608
                [backend.make_and_validate_key(key)],
            )
        value = backend.get(key)
        started, used = value if value is not None else (now, 0)
        used += 1
        remaining = max(1, math.ceil(started + window - now))
        backend.set(key, (started, used), timeout=remaining)
    return started, used
