"""Operational endpoints: liveness, readiness, and the load benchmark's write ceiling.

``/healthz`` says the process answers (no database, no cache): a load balancer or a process
manager restarts or skips a server that stops answering it. ``/readyz`` touches the database and
the cache and says which one failed: a load balancer takes a server out while it answers 503.
Both are plain text and never cached. ``/bench/write/`` is routed only with ``BENCH_WRITE_VIEW``
on (the load benchmark, ``bench/load/``): one trivial INSERT, the ceiling that the rating
sheets' submissions are measured against.
"""

import logging

from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

logger = logging.getLogger(__name__)

READY_CACHE_KEY = "readyz"
# The benchmark's table: made by the benchmark and by the view's first call in a process
# (``bench_write_table_create``), never by a migration: production databases do not carry it.
BENCH_TABLE = "bench_write"
_table_made = False


def _plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return _plain("ok\n")


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("readyz: the database failed")
        return False


def _cache_ok() -> bool:
    try:
        value = timezone.now().isoformat()
        cache.set(READY_CACHE_KEY, value, timeout=30)
        # Another server may have written it in between: any value read back means it works.
        return cache.get(READY_CACHE_KEY) is not None
    except Exception:
        logger.exception("readyz: the cache failed")
        return False


@never_cache
@require_GET
def readyz(request):
    """Readiness: 200 "ok" when the database and the cache answer, else 503 naming each."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    if all(checks.values()):
        return _plain("ok\n")
    lines = [f"{name}: {'ok' if ok else 'failed'}" for name, ok in checks.items()]
    return _plain("\n".join(lines) + "\n", status=503)


def bench_write_table_create() -> None:
    """The benchmark's one-column table, if it is not there yet."""
    if connection.vendor == "postgresql":
        column = "id bigserial PRIMARY KEY"
    else:
        column = "id integer PRIMARY KEY AUTOINCREMENT"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BENCH_TABLE} ({column}, written_at timestamp NOT NULL)"
        )


def bench_write_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {BENCH_TABLE}")  # noqa: S608
        return cursor.fetchone()[0]


@csrf_exempt
@never_cache
@require_POST
def bench_write(request):
    """The write ceiling: one row inserted in one transaction, as a submission is stored."""
    global _table_made
    if not _table_made:
        bench_write_table_create()
        _table_made = True
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BENCH_TABLE} (written_at) VALUES (%s)",  # noqa: S608
            [timezone.now().replace(tzinfo=None)],
        )
    return _plain("written\n", status=201)
