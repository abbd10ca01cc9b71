"""The load benchmark: the app served the production way, driven by locust and wrk.

    make bench-load                    # one app server (gunicorn, 2 sync workers)
    make bench-load-balanced           # two app servers behind HAProxy, then one killed

    .venv/bin/python bench/load/run.py [--mode single|balanced] [--kill-one]

Seeds its own PostgreSQL database on the shared server (``BENCH_DATABASE``, default
``postgres://postgres@127.0.0.1:5432/igfdc_bench``: made afresh, dropped at the end unless
``BENCH_KEEP=1``) with the demo on today's dates plus ten generated coalitions whose open sheets
have eight issues each, all through the services; uses Redis DB 15 (``BENCH_REDIS``, default
``redis://127.0.0.1:6379/15``, flushed first: give it a database of its own); collects the static
files and starts gunicorn with gunicorn.conf.py (``DEBUG`` off, whitenoise, Redis cache) on ports
``BENCH_PORT_BASE`` + 1 and + 2 (default 18500: 18501-18502), HAProxy on + 10 (stats on + 11).
Each scenario runs ``BENCH_SECONDS`` (20) s; wrk runs ``BENCH_WRK_SECONDS`` (10) s per path.
Prints requests/s, median/p95/p99 and errors per request type with the ratio to the ceilings
measured in the same run, the split between the servers (balanced), and after each hall
scenario the lost-data check against the database. Exits non-zero when a check finds a
difference.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import checks
import drive
import report
import seed
import servers

DATABASE = os.environ.get("BENCH_DATABASE", "postgres://postgres@127.0.0.1:5432/igfdc_bench")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/15")
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
HALL_USERS = int(os.environ.get("BENCH_HALL_USERS", "64"))
REMOTE_USERS = int(os.environ.get("BENCH_REMOTE_USERS", "32"))
PORT_BASE = int(os.environ.get("BENCH_PORT_BASE", "18500"))
APP_PORTS = (PORT_BASE + 1, PORT_BASE + 2)
PROXY_PORT, STATS_PORT = PORT_BASE + 10, PORT_BASE + 11
WRK_PATHS = ("healthz", "agenda/now.json", "agenda/now/", "agenda/", "", "coalitions/")


def environment(workdir: Path, balanced: bool) -> dict[str, str]:
    """Production settings, as an operator sets them, for a plain-HTTP run on one machine."""
    env = {
        "DJANGO_SETTINGS_MODULE": "igfsession.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-load-only-secret-key-bench-load-only-secret-key-0123",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE,
        "REDIS_URL": REDIS,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "BENCH_WRITE_VIEW": "1",
        "LOG_LEVEL": "WARNING",
        # No TLS on this machine's loopback: HTTPS redirects and secure-only cookies off.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "BENCH_SHEETS": "",  # filled in after seeding
        "BENCH_HALL_USERS": str(HALL_USERS),
        "BENCH_REMOTE_USERS": str(REMOTE_USERS),
    }
    if balanced:
        # HAProxy appends the client's address to X-Forwarded-For.
        env.update(TRUSTED_PROXY_COUNT="1", APP_SERVERS="2")
    return env


def prepare(env: dict[str, str]) -> list[str]:
    import redis

    started = time.perf_counter()
    seed.database_recreate(DATABASE)
    seed.configure(env)
    codes = seed.seed()
    redis.Redis.from_url(REDIS).flushdb()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"seeded and collected in {time.perf_counter() - started:.1f} s: sheets {codes}")
    return codes


class Run:
    def __init__(self, host: str, env: dict[str, str], workdir: Path, proxy_dir: Path | None):
        self.host, self.env, self.workdir, self.proxy_dir = host, env, workdir, proxy_dir
        self.read_ceiling = self.write_ceiling = 0.0
        self.ok = True

    def locust(self, title, classes, users, **kwargs) -> drive.Scenario:
        before = servers.split(self.proxy_dir) if self.proxy_dir else None
        result = drive.locust(
            title,
            classes,
            host=self.host,
            users=users,
            seconds=SECONDS,
            workdir=self.workdir,
            env=self.env,
            **kwargs,
        )
        report.scenario(result, read_ceiling=self.read_ceiling, write_ceiling=self.write_ceiling)
        if self.proxy_dir:
            report.split(title, before, servers.split(self.proxy_dir))
        return result

    def hall(self, title, classes, users, *, fault=None) -> drive.Scenario:
        before = seed.stored(self.codes)
        result = self.locust(title, classes, users, on_started=fault)
        time.sleep(1)
        check = checks.compare(drive.accepted(result), before, seed.stored(self.codes))
        self.ok &= checks.report(check, allow_unacknowledged=fault is not None)
        result.accepted_count = check.accepted
        return result


def scenarios(run: Run, *, kill=None) -> None:
    read = run.locust("read ceiling: GET /healthz", ["ReadCeilingUser"], REMOTE_USERS)
    run.read_ceiling = read.rows[0].rps if read.rows else 0.0
    write = run.locust("write ceiling: POST /bench/write/", ["WriteCeilingUser"], HALL_USERS)
    run.write_ceiling = write.rows[0].rps if write.rows else 0.0
    print(f"ceilings: read {run.read_ceiling:.1f} req/s, write {run.write_ceiling:.1f} req/s")

    run.locust("1. remote audience", ["RemoteUser"], REMOTE_USERS)

    hall = run.hall("2. the hall submits (wait 0.5-2 s)", ["HallUser"], HALL_USERS)
    post = hall.row("POST /feedback/<code>/")
    refused = report.refusals(hall)
    report.submissions(hall, hall.accepted_count, write_ceiling=run.write_ceiling)
    report.target("zero refusals", refused == 0, f"{refused} failed requests")
    if post:
        report.target("POST p99 < 500 ms", post.p99_ms < 500, f"{post.p99_ms:.0f} ms")

    no_wait = run.hall("2b. the hall submits, no waiting", ["HallNoWaitUser"], HALL_USERS)
    rate = report.submissions(no_wait, no_wait.accepted_count, write_ceiling=run.write_ceiling)
    ratio = rate / run.write_ceiling if run.write_ceiling else 0
    report.target("submissions/s >= 0.25 x write ceiling", ratio >= 0.25, f"{ratio:.2f}")

    run.hall("3. both at once", ["RemoteUser", "HallUser"], HALL_USERS + REMOTE_USERS)

    rows = [drive.wrk(f"{run.host}/{path}", seconds=WRK_SECONDS) for path in WRK_PATHS]
    ceiling = rows[0].rps
    report.wrk_table(rows, ceiling=ceiling)
    by_path = {row.path: row.rps for row in rows}
    now_ratio = by_path["agenda/now.json"] / ceiling if ceiling else 0
    agenda_ratio = by_path["agenda/"] / ceiling if ceiling else 0
    report.target("now.json >= 0.7 x /healthz", now_ratio >= 0.7, f"{now_ratio:.2f}")
    report.target("/agenda/ >= 0.5 x /healthz", agenda_ratio >= 0.5, f"{agenda_ratio:.2f}")

    if kill is not None:
        faulty = run.hall(
            "4. the hall submits, one app server killed after a third of the run",
            ["HallUser"],
            HALL_USERS,
            fault=kill,
        )
        made = sum(row.requests for row in faulty.rows)
        print(f"requests failed during the switch: {report.refusals(faulty)} of {made}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("single", "balanced"), default="single")
    parser.add_argument(
        "--kill-one", action="store_true", help="balanced: kill an app server during the hall"
    )
    args = parser.parse_args(argv)
    balanced = args.mode == "balanced"
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    env = environment(workdir, balanced)
    print(
        f"load benchmark, mode {args.mode}{' with a server killed' if args.kill_one else ''}: "
        f"{SECONDS} s per scenario, {HALL_USERS} hall and {REMOTE_USERS} remote users, "
        f"on {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    started: list[servers.Server] = []
    try:
        codes = prepare(env)
        env["BENCH_SHEETS"] = ",".join(codes)
        count = 2 if balanced else 1
        apps = [servers.gunicorn(f"app{n + 1}", APP_PORTS[n], env, workdir) for n in range(count)]
        started += apps
        proxy_dir = None
        host = apps[0].url
        if balanced:
            proxy = servers.haproxy(PROXY_PORT, STATS_PORT, apps, workdir)
            started.append(proxy)
            proxy_dir, host = workdir, proxy.url
        run = Run(host, env, workdir, proxy_dir)
        run.codes = codes
        kill = None
        if balanced and args.kill_one:
            kill = _killer(apps[1], proxy_dir)
        scenarios(run, kill=kill)
        if kill is not None:
            _after_kill(apps[1], proxy_dir)
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
        print("all checks hold" if run.ok else "A CHECK FAILED (see above)")
        return 0 if run.ok else 1
    finally:
        for server in reversed(started):
            if not server.killed:
                server.stop()
        if os.environ.get("BENCH_KEEP") != "1":
            from django.db import connections

            connections.close_all()
            seed.database_drop(DATABASE)
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept: {DATABASE} and {workdir}")


def _killer(victim: servers.Server, proxy_dir: Path):
    def fault() -> None:
        def later():
            time.sleep(SECONDS / 3)
            victim.kill()
            victim.killed_at = time.monotonic()
            print(f"\n[killed {victim.name} (pid {victim.process.pid}) at {SECONDS / 3:.0f} s]")
            # How long HAProxy's health check takes to mark it down.
            while time.monotonic() - victim.killed_at < 30:
                status = servers.split(proxy_dir).get(victim.name, {}).get("status", "")
                if status.startswith("DOWN"):
                    took = time.monotonic() - victim.killed_at
                    print(f"[HAProxy marked {victim.name} {status} after {took:.1f} s]")
                    return
                time.sleep(0.1)

        threading.Thread(target=later, daemon=True).start()

    return fault


def _after_kill(victim: servers.Server, proxy_dir: Path) -> None:
    stats = servers.split(proxy_dir)
    for name, row in sorted(stats.items()):
        print(
            f"{name}: {row['status']}, {row['requests']} requests in all, "
            f"{row['connection errors']} connection errors, {row['response errors']} "
            f"response errors, {row['5xx']} answered 5xx"
        )


if __name__ == "__main__":
    sys.exit(main())
