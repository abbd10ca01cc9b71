"""What one request for a public agenda page costs in-process, answered from the shared page cache
(igfsession/page_cache.py) and not, against a trivial view through the same middleware.

For each page it prints the median time and the queries per request of: a miss (the page cache
forgotten before each request: the whole stack renders it; a fifth as many requests), a hit (an
unconditional GET served from the cache) and a conditional hit (If-None-Match with the current
ETag: 304), and each as a ratio to the trivial view's requests per second (trivial median / page
median: the "vs trivial" column). The load benchmark measures the same through gunicorn; this
one needs no server.

Runs on its own (``python bench/now_cost.py [requests]``), with ``DEBUG`` off, on a throw-away
database (SQLite; PostgreSQL when ``DATABASE_URL`` is set: the test database made from it) and the
local-memory cache (Redis when ``REDIS_URL`` is set), loaded with ``manage.py load_demo``, the
clock set in the middle of the demo session's first slot (clock mode: what is on now is the
clock's).
"""

import os
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/agenda/now.json",
    "/agenda/now/",
    "/agenda/",
    "/",
    "/agenda/schedule.json",
]
TRIVIAL = "/bench/trivial/"


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="igfsession.settings",
        DEBUG="0",
        # The templates' {% static %} without collectstatic's manifest.
        STATIC_NO_MANIFEST="1",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.http import HttpResponse
    from django.test.utils import setup_test_environment
    from django.urls import path

    setup_test_environment()  # the test client's host is allowed

    def trivial(request):
        return HttpResponse("ok", content_type="text/plain")

    from igfsession import urls as site_urls

    urlconf = types.ModuleType("bench_now_cost_urls")
    urlconf.urlpatterns = [path(TRIVIAL.strip("/") + "/", trivial), *site_urls.urlpatterns]
    sys.modules[urlconf.__name__] = urlconf
    settings.ROOT_URLCONF = urlconf.__name__


def _first_slot_middle():
    from igfsession.agenda.models import Slot
    from igfsession.models import Session

    session = Session.objects.get(is_current=True)
    slot = Slot.objects.for_session(session).order_by("starts_at", "pk").first()
    return slot.starts_at + (slot.ends_at - slot.starts_at) / 2


def _measure(client, url: str, n: int, *, before=None, headers=None) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries, status = [], [], None
    for _ in range(n):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, secure=True, headers=headers or {})
            times.append(time.perf_counter() - start)
        queries.append(len(captured))
        status = response.status_code
    return statistics.median(times) * 1000, statistics.mean(queries), status


def main(n: int) -> None:
    _setup()
    import time_machine
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases

    from igfsession import page_cache

    config = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        cache.clear()
        at = _first_slot_middle()
        with time_machine.travel(at, tick=True):
            client = Client()
            backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
            print(
                f"{connection.vendor}, {backend}, {n} requests each, "
                f"clock at {at.isoformat()} (the demo's first slot)"
            )
            for _ in range(20):  # warm-up: imports, templates, connections
                client.get(TRIVIAL, secure=True)
                for url in PAGES:
                    client.get(url, secure=True)
            trivial_ms, trivial_q, status = _measure(client, TRIVIAL, n)
            print(f"{'page':<24}{'answer':<22}{'median ms':>10}{'queries':>9}{'vs trivial':>11}")
            name = f"trivial view ({status})"
            print(f"{TRIVIAL:<24}{name:<22}{trivial_ms:>10.2f}{trivial_q:>9.0f}{1:>11.2f}")
            for url in PAGES:
                # Misses are slow: a fifth as many.
                miss = _measure(client, url, max(20, n // 5), before=page_cache.forget)
                client.get(url, secure=True)  # stored again
                hit = _measure(client, url, n)
                etag = client.get(url, secure=True)["ETag"]
                not_modified = _measure(client, url, n, headers={"if-none-match": etag})
                for label, (ms, queries, status) in (
                    ("miss", miss),
                    ("hit", hit),
                    ("conditional hit", not_modified),
                ):
                    name = f"{label} ({status})"
                    ratio = trivial_ms / ms
                    print(f"{url:<24}{name:<22}{ms:>10.2f}{queries:>9.0f}{ratio:>11.2f}")
    finally:
        teardown_databases(config, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
