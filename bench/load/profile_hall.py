"""The hall's path in-process: what one sheet costs, query by query.

    .venv/bin/python bench/load/profile_hall.py [rounds]

Seeds the load benchmark's database (``BENCH_DATABASE``, dropped afterwards unless
``BENCH_KEEP=1``) with production settings (``DEBUG`` off, PostgreSQL, the Redis cache of
``BENCH_REDIS``), then, for ``rounds`` (default 40) participants, GETs a generated sheet and
POSTs a complete response (8 marks, a comment, the profile) through Django's test client, and
prints, for the GET and the POST, the median time per request and the queries each made (with
the SQL of the last one's queries: what to look at when removing waste).
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run
import seed

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MARK_INPUT = re.compile(r'name="(mark_\d+)"')


def main(rounds: int) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="bench-profile-"))
    env = run.environment(workdir, balanced=False)
    try:
        codes = run.prepare(env)
        return _profile(codes, rounds)
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            from django.db import connections

            connections.close_all()
            seed.database_drop(run.DATABASE)


def _profile(codes: list[str], rounds: int) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    timings: dict[str, list[float]] = {"GET": [], "POST": []}
    queries: dict[str, list[int]] = {"GET": [], "POST": []}
    last_sql: dict[str, list[str]] = {}
    for n in range(rounds):
        client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
        for code in codes[:2]:
            path = f"/feedback/{code}/"
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                page = client.get(path)
                timings["GET"].append(time.perf_counter() - started)
            assert page.status_code == 200, page.status_code
            queries["GET"].append(len(captured))
            last_sql["GET"] = [q["sql"] for q in captured.captured_queries]
            html = page.content.decode()
            data = dict.fromkeys(dict.fromkeys(MARK_INPUT.findall(html)), "4")
            first = next(iter(data)).removeprefix("mark_")
            data[f"comment_{first}"] = "A comment."
            data.update(stakeholder_group="technical", region="weog", attendance="room")
            data["overall_comment"] = "Overall."
            data["csrfmiddlewaretoken"] = CSRF_INPUT.search(html).group(1)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                sent = client.post(path, data, HTTP_REFERER=f"http://127.0.0.1{path}")
                timings["POST"].append(time.perf_counter() - started)
            assert sent.status_code == 302, (sent.status_code, n)
            queries["POST"].append(len(captured))
            last_sql["POST"] = [q["sql"] for q in captured.captured_queries]
    for method in ("GET", "POST"):
        times = sorted(timings[method][len(codes[:2]) :])  # the first participant warms up
        print(
            f"{method} /feedback/<code>/: median {statistics.median(times) * 1000:.1f} ms, "
            f"p90 {times[int(len(times) * 0.9)] * 1000:.1f} ms, queries "
            f"{sorted(set(queries[method]))} (the second sheet of the last participant below)"
        )
        for sql in last_sql[method]:
            print(f"    {sql[:220]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40))
