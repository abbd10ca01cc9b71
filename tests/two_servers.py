"""Running the site the production way for tests/test_two_servers.py: a database of its own, one
Redis, gunicorn processes; and a visitor (standard library only) with a cookie jar."""

import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from feedback.respondent import COOKIE_NAME, token_hash

PROJECT = Path(__file__).resolve().parents[1]
PRIVATE_REDIS_PORT = 18697
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MARK = re.compile(r'<input type="radio" name="mark_(\d+)" value="([^"]+)"([^>]*)>')


def database_url(base_url: str, *, suffix: str) -> str:
    """The URL of a database beside ``base_url``'s, named with ``suffix``."""
    parts = urllib.parse.urlsplit(base_url)
    name = parts.path.lstrip("/") or "postgres"
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}{suffix}"))


def _admin_url(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), parts.path.lstrip("/")


def _recreate_database(url: str, *, drop_only: bool = False) -> None:
    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def wait_for_port(port: int, *, up: bool = True, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if (probe.connect_ex(("127.0.0.1", port)) == 0) == up:
                return
        time.sleep(0.05)
    raise AssertionError(f"port {port} did not {'open' if up else 'close'} in {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def server_env(url: str, redis_url: str, folder: Path, extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "COV_"))}
    env.update(
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "two-servers-test-secret-key-" + "x" * 30),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        REDIS_URL=redis_url,
        MEDIA_ROOT=str(folder / "media"),
        # Plain HTTP on the loopback: no TLS to redirect to, cookies without Secure.
        STATIC_NO_MANIFEST="1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        APP_SERVERS="2",
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


@contextlib.contextmanager
def stack(url: str, *, folder: Path, ports: tuple[int, ...], env: dict):
    """A fresh database at ``url`` with the demo, one Redis, and a gunicorn server per port:
    yields the servers' base URLs; stops everything and drops the database afterwards."""
    processes = []
    redis_url = os.environ.get("TEST_REDIS_URL", "")
    _recreate_database(url)
    try:
        if not redis_url:
            processes.append(
                subprocess.Popen(
                    [
                        shutil.which("redis-server"),
                        *("--port", str(PRIVATE_REDIS_PORT), "--bind", "127.0.0.1"),
                        *("--save", "", "--appendonly", "no"),
                    ],
                    stdout=subprocess.DEVNULL,
                )
            )
            wait_for_port(PRIVATE_REDIS_PORT)
            redis_url = f"redis://127.0.0.1:{PRIVATE_REDIS_PORT}/0"
        environment = server_env(url, redis_url, folder, env)
        seed = {**environment, "DEBUG": "1"}  # DEBUG: the demo accounts get the demo password
        manage = [sys.executable, "manage.py"]
        for command in (["migrate", "--noinput", "-v0"], ["load_demo", "--today"]):
            subprocess.run(manage + command, cwd=PROJECT, env=seed, check=True, capture_output=True)
        for port in ports:
            log = open(folder / f"gunicorn-{port}.log", "wb")  # noqa: SIM115 -- kept open
            processes.append(
                subprocess.Popen(
                    [
                        str(Path(sys.executable).parent / "gunicorn"),
                        "igfsession.wsgi",
                        *("--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "30"),
                    ],
                    cwd=PROJECT,
                    env=environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        for port in ports:
            wait_for_port(port)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for process in reversed(processes):
            _stop(process)
        _recreate_database(url, drop_only=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    headers: dict
    body: str


@dataclass
class SheetForm:
    csrf: str
    issue_ids: list[str]
    checked: dict[str, str] = field(default_factory=dict)


class Visitor:
    """A browser: one cookie jar, whichever server it talks to."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, base: str, path: str, data: dict | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        # Always http://127.0.0.1:<port>, a server this module started.
        request = urllib.request.Request(base + path, data=body)  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as answer:
                return Answer(answer.status, dict(answer.headers), answer.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode())

    def get(self, base: str, path: str) -> Answer:
        return self.request(base, path)

    def post(self, base: str, path: str, data: dict) -> Answer:
        csrf = self.cookie("csrftoken")
        if csrf is None:
            csrf = CSRF.search(self.get(base, path).body).group(1)
        return self.request(base, path, {"csrfmiddlewaretoken": csrf, **data})

    def json(self, base: str, path: str):
        answer = self.get(base, path)
        assert answer.status == 200, (path, answer.status)
        return json.loads(answer.body)

    def cookie(self, name: str) -> str | None:
        for cookie in self.jar:
            if cookie.name == name:
                return cookie.value.strip('"')
        return None

    def respondent_hash(self) -> str:
        return token_hash(self.cookie(COOKIE_NAME).split(":")[0])

    def sheet(self, base: str, code: str) -> SheetForm:
        answer = self.get(base, f"/feedback/{code}/")
        assert answer.status == 200, answer.status
        form = SheetForm(csrf=CSRF.search(answer.body).group(1), issue_ids=[])
        for issue_id, value, rest in MARK.findall(answer.body):
            if issue_id not in form.issue_ids:
                form.issue_ids.append(issue_id)
            if re.search(r"\bchecked\b", rest):
                form.checked[issue_id] = value
        return form

    def submit(self, base: str, code: str, form: SheetForm, *, mark: str) -> Answer:
        """A complete response: every issue marked, one comment, the profile."""
        data = {f"mark_{issue_id}": mark for issue_id in form.issue_ids}
        data.update(
            {
                "csrfmiddlewaretoken": form.csrf,
                f"comment_{form.issue_ids[0]}": "Clear and useful.",
                "stakeholder_group": "civil_society",
                "region": "grulac",
                "attendance": "room",
            }
        )
        return self.request(base, f"/feedback/{code}/", data)

    def log_in(self, base: str, username: str, password: str) -> Answer:
        return self.post(base, "/accounts/login/", {"username": username, "password": password})

    def first_slot_id(self, base: str) -> int:
        now = self.json(base, "/agenda/now.json")
        return (now["next"] or now["now"])["id"]
