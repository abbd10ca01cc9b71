# ruff: noqa: S603 -- every command here is a fixed program of ours with our own arguments
"""The fault benchmark's own services: a PostgreSQL cluster (initdb into a temporary folder), a
Redis, gunicorn with production settings and HAProxy in front; each on a port of its own, never
the machine's shared PostgreSQL or Redis. Only these are ever stopped or restarted."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
# Its own ports: BENCH_FAULTS_PORT_BASE (default 18650) + 0 (PostgreSQL), 1 (Redis), 2 (gunicorn),
# 3 (HAProxy).
PORT_BASE = int(os.environ.get("BENCH_FAULTS_PORT_BASE", "18650"))
PG_PORT, REDIS_PORT, APP_PORT, LB_PORT = (PORT_BASE + n for n in range(4))
DATABASE = "igfdc_faults"
WORKERS = 2
# The gunicorn timeout of the benchmark: a sync worker stuck on a client is killed after it.
WORKER_TIMEOUT = 10
# HAProxy's timeout http-request: a client has this long to send its whole request headers.
HTTP_REQUEST_TIMEOUT = 5


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def wait_for_port(port: int, *, up: bool = True, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if port_open(port) == up:
            return
        time.sleep(0.05)
    raise RuntimeError(f"port {port} did not {'open' if up else 'close'} within {seconds} s")


def _stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Stack:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="igfdc-faults-"))
        self.pg_data = self.folder / "pg"
        self.redis = None
        self.app = None
        self.balancer = None
        self.app_log = self.folder / "gunicorn.log"
        for port in (PG_PORT, REDIS_PORT, APP_PORT, LB_PORT):
            if port_open(port):
                raise RuntimeError(f"port {port} is in use: another run of bench-faults?")

    # PostgreSQL -------------------------------------------------------------------------
    def _as_postgres(self, command: list[str]) -> list[str]:
        # initdb and postgres refuse to run as root: run them as the postgres user then.
        return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command

    def pg_init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, user="postgres")
        subprocess.run(
            self._as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(self.pg_data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        self.pg_start()
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")

    def pg_start(self) -> None:
        # fsync off: a throw-away cluster, and a clean stop (what the benchmark does) loses
        # nothing either way.
        options = f"-p {PG_PORT} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
        subprocess.run(
            self._as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.pg_data),
                    "-w",
                    "-t",
                    "60",
                    "-l",
                    str(self.folder / "postgres.log"),
                    "-o",
                    options,
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )

    def pg_stop(self) -> None:
        subprocess.run(
            self._as_postgres(
                [str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "-w", "-m", "fast", "stop"]
            ),
            check=True,
            capture_output=True,
        )

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{PG_PORT}/postgres"

    @property
    def database_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{PG_PORT}/{DATABASE}"

    def query(self, sql: str, params=()) -> list[tuple]:
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql, params).fetchall()

    # Redis ------------------------------------------------------------------------------
    def redis_start(self) -> None:
        self.redis = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(REDIS_PORT),
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
        )
        wait_for_port(REDIS_PORT)

    def redis_stop(self) -> None:
        _stop(self.redis)
        self.redis = None
        wait_for_port(REDIS_PORT, up=False)

    def redis_keys(self) -> int:
        import redis

        return redis.Redis(port=REDIS_PORT).dbsize()

    # The app ----------------------------------------------------------------------------
    def env(self) -> dict:
        env = dict(os.environ)
        env.update(
            DEBUG="0",
            SECRET_KEY="bench-faults-only-secret-key-" + "f" * 40,
            ALLOWED_HOSTS="127.0.0.1",
            DATABASE_URL=self.database_url,
            REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
            CACHE_RETRY_SECONDS="1",
            MEDIA_ROOT=str(self.folder / "media"),
            # The faults concern PostgreSQL, Redis and the workers, not static files: no
            # collectstatic (minutes of compression on a busy machine); bench/load serves them.
            STATIC_NO_MANIFEST="1",
            # Plain HTTP on the loopback: no TLS to redirect to, cookies without Secure.
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            SECURE_HSTS_SECONDS="0",
            LOG_LEVEL="WARNING",
        )
        return env

    def manage(self, *command: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
        )

    def seed(self) -> None:
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo", "--today")

    def app_start(self) -> None:
        log = open(self.app_log, "ab")  # noqa: SIM115 -- gunicorn writes to it while it runs
        self.app = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "igfsession.wsgi",
                "--bind",
                f"127.0.0.1:{APP_PORT}",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--timeout",
                str(WORKER_TIMEOUT),
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(APP_PORT)

    def balancer_start(self) -> None:
        template = (Path(__file__).parent / "haproxy.cfg").read_text()
        config = self.folder / "haproxy.cfg"
        config.write_text(
            template.format(
                lb_port=LB_PORT,
                app_port=APP_PORT,
                http_request_timeout=HTTP_REQUEST_TIMEOUT,
            )
        )
        self.balancer = subprocess.Popen(
            [shutil.which("haproxy"), "-f", str(config), "-db"],
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "haproxy.log", "wb"),  # noqa: SIM115
        )
        wait_for_port(LB_PORT)

    def log_text(self) -> str:
        return self.app_log.read_text(errors="replace")

    def close(self) -> None:
        _stop(self.balancer)
        _stop(self.app)
        _stop(self.redis)
        if (self.pg_data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.pg_stop()
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(self.folder, ignore_errors=True)
