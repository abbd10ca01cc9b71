"""Faults survived with nothing lost: `make bench-faults`.

Starts its own PostgreSQL cluster, Redis, gunicorn (production settings, 2 sync workers) and
HAProxy (bench/faults/stack.py), seeds them with the demo, then checks, each printing PASS or
FAIL with its figures:

(a) PostgreSQL restarted during a submission loop: requests in the outage get our 503 page (no
    500, no traceback), the app recovers by itself, and the responses and marks stored equal the
    2xx submissions exactly, none half-stored;
(b) Redis stopped: pages still 200, submissions succeed, a warning is logged; Redis restarted:
    caching resumes;
(c) slow clients: requests that send their headers byte by byte hold at most one sync worker
    each, gunicorn's timeout frees it, and behind HAProxy (`timeout http-request`) they reach no
    worker at all: a normal request still answers.

(d), a storage error during an upload, is a test in the suite:
tests/coalitions/test_portal_upload_storage_error.py.

Exits non-zero on a FAIL. BENCH_KEEP=1 keeps the temporary folder (logs) for a look.
"""

import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from client import SlowClient, Visitor
from stack import (
    APP_PORT,
    HTTP_REQUEST_TIMEOUT,
    LB_PORT,
    WORKER_TIMEOUT,
    WORKERS,
    Stack,
)

SHEET = "irpc-2015"
THREADS = 4
PAGES = ["/", "/agenda/", "/agenda/now/", "/agenda/now.json", "/feedback/", "/feedback/results/"]
APP = f"http://127.0.0.1:{APP_PORT}"
BALANCER = f"http://127.0.0.1:{LB_PORT}"

failures: list[str] = []


def verdict(name: str, ok: bool, figures: str) -> None:
    print(f"{'PASS' if ok else 'FAIL'} {name}: {figures}", flush=True)
    if not ok:
        failures.append(name)


def _stored(stack: Stack, after_id: int, issues_per_sheet: int) -> tuple[int, int, int]:
    """Responses and marks stored on the sheet since ``after_id``, and how many of those
    responses do not have every mark (half-stored)."""
    ((responses, marks, incomplete),) = stack.query(
        "SELECT count(*), coalesce(sum(n), 0), count(*) FILTER (WHERE n <> %s) FROM ("
        " SELECT r.id, (SELECT count(*) FROM feedback_rating m WHERE m.response_id = r.id) AS n"
        " FROM feedback_response r JOIN feedback_ratingsheet s ON s.id = r.sheet_id"
        " WHERE s.code = %s AND r.id > %s) AS stored",
        (issues_per_sheet, SHEET, after_id),
    )
    return responses, marks, incomplete


def _last_response_id(stack: Stack) -> int:
    return stack.query("SELECT coalesce(max(id), 0) FROM feedback_response")[0][0]


def _submission_loop(until: float, answers: list, issues: list) -> None:
    while time.monotonic() < until:
        page, post, marked = Visitor(APP, timeout=20).fill_in(SHEET)
        answers.append(page)
        if post is None:
            time.sleep(0.05)
            continue
        answers.append(post)
        if 200 <= post.status < 400:
            issues.append(marked)


def warm_up(stack: Stack) -> None:
    """Each worker loads Django on its first requests: before any check, both have answered."""
    for _ in range(4 * WORKERS):
        Visitor(APP).fill_in(SHEET)
        _pages(APP)


def check_postgres_restart(stack: Stack) -> None:
    """(a)"""
    first = _last_response_id(stack)
    answers, issues = [], []
    until = time.monotonic() + 16
    threads = [
        threading.Thread(target=_submission_loop, args=(until, answers, issues))
        for _ in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(4)
    down_at = time.monotonic()
    stack.pg_stop()
    stopped_at = time.monotonic()
    time.sleep(3)
    stack.pg_start()
    up_at = time.monotonic()
    for thread in threads:
        thread.join()

    statuses = Counter(a.status for a in answers)
    in_outage = [a for a in answers if down_at <= a.started + a.seconds and a.started <= up_at]
    unavailable = [a for a in answers if a.status == 503]
    ours = sum(a.our_unavailable_page for a in unavailable)
    accepted = [a for a in answers if a.method == "POST" and 200 <= a.status < 400]
    before = [a for a in accepted if a.started + a.seconds <= down_at]
    recovered = [a for a in accepted if a.started >= up_at]
    refused_posts = sum(1 for a in unavailable if a.method == "POST")
    first_success = min((a.started + a.seconds for a in recovered), default=None)
    issues_per_sheet = issues[0] if issues else 0
    responses, marks, incomplete = _stored(stack, first, issues_per_sheet)
    expected_marks = sum(issues)

    verdict(
        "(a) PostgreSQL restarted: outage answered with our 503 page",
        statuses[500] == 0
        and statuses[0] == 0
        and len(unavailable) > 0
        and ours == len(unavailable)
        and all(a.status in (200, 302, 503) for a in answers),
        f"{len(answers)} requests by {THREADS} threads, statuses {dict(sorted(statuses.items()))}"
        f"; {len(in_outage)} during the outage ({up_at - down_at:.1f} s from the stop to "
        f"PostgreSQL back, stopping took {stopped_at - down_at:.1f} s); 503 with our page: "
        f"{ours}/{len(unavailable)}, of which {refused_posts} submissions",
    )
    verdict(
        "(a) PostgreSQL restarted: the app recovers without a restart",
        first_success is not None,
        "first accepted submission "
        + (f"{first_success - up_at:.2f} s" if first_success else "never")
        + f" after PostgreSQL was back; accepted before the stop {len(before)}, after it "
        f"{len(recovered)}",
    )
    verdict(
        "(a) PostgreSQL restarted: every 2xx submission stored complete, none half-stored",
        responses == len(accepted) and marks == expected_marks and incomplete == 0,
        f"2xx submissions {len(accepted)} x {issues_per_sheet} marks = {expected_marks}; stored "
        f"{responses} responses, {marks} marks, {incomplete} incomplete",
    )


def _pages(base: str) -> list:
    visitor = Visitor(base, timeout=10)
    return [visitor.request(path) for path in PAGES]


def check_redis_stopped(stack: Stack) -> None:
    """(b)"""
    log_from = len(stack.log_text())
    up_times = [a.seconds for a in _pages(APP) + _pages(APP)]
    stack.redis_stop()
    first = _last_response_id(stack)
    down = _pages(APP) + _pages(APP)
    submissions = [Visitor(APP).fill_in(SHEET) for _ in range(6)]
    accepted = [post for _page, post, _n in submissions if post and post.status == 302]
    issues = submissions[0][2]
    responses, marks, incomplete = _stored(stack, first, issues)
    warnings = stack.log_text()[log_from:].count("Cache unreachable during")

    verdict(
        "(b) Redis stopped: pages answer from the database",
        all(a.status == 200 for a in down),
        f"{len(down)} page requests, statuses {dict(Counter(a.status for a in down))}; median "
        f"{_median(a.seconds for a in down) * 1000:.0f} ms (Redis up: "
        f"{_median(up_times) * 1000:.0f} ms)",
    )
    verdict(
        "(b) Redis stopped: submissions succeed (rate limits fail open), a warning is logged",
        len(accepted) == 6
        and responses == 6
        and marks == 6 * issues
        and incomplete == 0
        and warnings > 0,
        f"{len(accepted)}/6 accepted, stored {responses} responses and {marks} marks; "
        f"{warnings} 'Cache unreachable' warnings in the app's log",
    )

    stack.redis_start()
    time.sleep(1.5)  # CACHE_RETRY_SECONDS=1: the workers try Redis again after it
    again = _pages(APP) + _pages(APP)
    keys = stack.redis_keys()
    verdict(
        "(b) Redis restarted: caching resumes",
        all(a.status == 200 for a in again) and keys > 0,
        f"pages {dict(Counter(a.status for a in again))}; {keys} keys in Redis afterwards",
    )


def _median(values) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _with_slow_clients(port: int, count: int, base: str, timeout: float):
    slow = [SlowClient(port) for _ in range(count)]
    for client in slow:
        client.start()
    for client in slow:
        client.connected.wait(5)
    time.sleep(1.0)  # they are accepted and are sending
    answer = Visitor(base, timeout=timeout).request("/agenda/now.json")
    return slow, answer


def _stop_all(slow: list[SlowClient]) -> None:
    for client in slow:
        client.stop()
    for client in slow:
        client.join(5)


def check_slow_clients(stack: Stack) -> None:
    """(c)"""
    slow, answer = _with_slow_clients(APP_PORT, 1, APP, timeout=5)
    _stop_all(slow)
    verdict(
        f"(c) 1 slow client straight to gunicorn ({WORKERS} sync workers): others still served",
        answer.status == 200 and answer.seconds < 2,
        f"a normal request answered {answer.status} in {answer.seconds * 1000:.0f} ms; the slow "
        "client holds one worker",
    )

    slow, answer = _with_slow_clients(APP_PORT, WORKERS, APP, timeout=WORKER_TIMEOUT + 15)
    _stop_all(slow)
    verdict(
        f"(c) {WORKERS} slow clients straight to gunicorn: held until the worker timeout",
        answer.status == 200 and answer.seconds < WORKER_TIMEOUT + 5,
        f"every worker held; a normal request answered {answer.status} after "
        f"{answer.seconds:.1f} s (gunicorn --timeout {WORKER_TIMEOUT} kills a stuck worker)",
    )

    count = 32
    slow, answer = _with_slow_clients(LB_PORT, count, BALANCER, timeout=5)
    time.sleep(HTTP_REQUEST_TIMEOUT + 1.5)
    dropped = [c.closed_by_server_after for c in slow if c.closed_by_server_after is not None]
    _stop_all(slow)
    verdict(
        f"(c) {count} slow clients through HAProxy: no worker held",
        answer.status == 200 and answer.seconds < 2 and len(dropped) == count,
        f"a normal request answered {answer.status} in {answer.seconds * 1000:.0f} ms; HAProxy "
        f"dropped {len(dropped)}/{count} slow clients after "
        f"{(min(dropped) if dropped else 0):.1f}-{(max(dropped) if dropped else 0):.1f} s "
        f"(timeout http-request {HTTP_REQUEST_TIMEOUT}s)",
    )


def main() -> int:
    started = time.monotonic()
    stack = Stack()
    try:
        print(f"== own services in {stack.folder}", flush=True)
        steps = (stack.pg_init, stack.redis_start, stack.seed, stack.app_start, warm_up)
        for step in steps:
            step_started = time.monotonic()
            step(stack) if step is warm_up else step()
            print(f"   {step.__name__}: {time.monotonic() - step_started:.1f} s", flush=True)
        stack.balancer_start()
        print(f"== ready in {time.monotonic() - started:.0f} s", flush=True)
        check_postgres_restart(stack)
        check_redis_stopped(stack)
        check_slow_clients(stack)
        print(
            "(d) storage error during an upload: in the suite, "
            "tests/coalitions/test_portal_upload_storage_error.py"
        )
    finally:
        stack.close()
    print(f"== {len(failures)} FAIL in {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
