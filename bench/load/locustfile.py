"""The load benchmark's scenarios (bench/load/run.py starts locust with this file).

User classes, chosen on locust's command line:

- ``RemoteUser``: a remote participant's browser: ``/agenda/now.json`` (polled), ``/agenda/now/``
  and ``/agenda/``, each sent with ``If-None-Match`` once an ``ETag`` came back, as browsers do.
- ``HallUser``: a participant in the room: GET a rating sheet (CSRF cookie and token from the
  form), POST a complete response (every issue marked, one comment, the profile), then the next
  sheet; after the last one, another participant takes the seat (a new respondent cookie). All
  from one client address, as a venue's network is. Waits 0.5-2 s between sheets.
- ``HallNoWaitUser``: the same without waiting (submissions/s against the write ceiling).
- ``ReadCeilingUser``: GET ``/healthz`` (no database): the read ceiling.
- ``WriteCeilingUser``: POST ``/bench/write/`` (one INSERT): the write ceiling.

Environment: ``BENCH_SHEETS`` (comma-separated sheet codes, in order), ``BENCH_ACCEPTED_FILE``
(where each accepted submission is written as "<respondent hash> <sheet code>", for the check
that nothing accepted is lost), ``BENCH_HALL_USERS`` and ``BENCH_REMOTE_USERS`` (how many of each
when several classes run at once), ``BENCH_REMOTE_WAIT`` (seconds between a remote user's
requests, default 0: as fast as the server answers).
"""

import os
import random
import re

from identity import respondent_hash
from locust import between, constant, events, task
from locust.contrib.fasthttp import FastHttpUser

SHEETS = [code for code in os.environ.get("BENCH_SHEETS", "").split(",") if code]
HALL_USERS = int(os.environ.get("BENCH_HALL_USERS", "64"))
REMOTE_USERS = int(os.environ.get("BENCH_REMOTE_USERS", "32"))
REMOTE_WAIT = float(os.environ.get("BENCH_REMOTE_WAIT", "0"))
ACCEPTED_FILE = os.environ.get("BENCH_ACCEPTED_FILE", "")

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MARK_INPUT = re.compile(r'name="(mark_\d+)"')
MARKS = ["5", "4", "3", "2", "1", "confusion"]
PROFILE = {
    "stakeholder_group": ["government", "civil_society", "private_sector", "technical", ""],
    "region": ["african", "asia_pacific", "grulac", "weog", ""],
    "attendance": ["room"],
}
RESPONDENT_COOKIE = "igf_respondent"
# The participants' choices: a benchmark's, not security's.
choices = random.Random()  # noqa: S311

_accepted: list[str] = []


@events.test_stop.add_listener
def _write_accepted(environment, **kwargs):
    if ACCEPTED_FILE:
        with open(ACCEPTED_FILE, "w") as out:
            out.writelines(f"{line}\n" for line in _accepted)


class RemoteUser(FastHttpUser):
    fixed_count = REMOTE_USERS
    wait_time = constant(REMOTE_WAIT)

    def on_start(self):
        self.etags: dict[str, str] = {}

    def _conditional_get(self, path: str, name: str):
        headers = {"If-None-Match": self.etags[path]} if path in self.etags else {}
        with self.client.get(path, headers=headers, name=name, catch_response=True) as response:
            if response.status_code in (200, 304):
                etag = response.headers.get("ETag")
                if etag:
                    self.etags[path] = etag
                response.success()
            else:
                response.failure(f"status {response.status_code}")

    @task(6)
    def now_json(self):
        self._conditional_get("/agenda/now.json", "GET /agenda/now.json (conditional)")

    @task(2)
    def now_page(self):
        self._conditional_get("/agenda/now/", "GET /agenda/now/ (conditional)")

    @task(1)
    def agenda(self):
        self._conditional_get("/agenda/", "GET /agenda/ (conditional)")


class HallUser(FastHttpUser):
    fixed_count = HALL_USERS
    wait_time = between(0.5, 2)

    def on_start(self):
        self.next_sheet = choices.randrange(len(SHEETS)) if SHEETS else 0
        self.done = 0

    def _new_participant(self):
        self.client.cookiejar.clear()
        self.done = 0

    def _respondent(self) -> str | None:
        for cookie in self.client.cookiejar:
            if cookie.name == RESPONDENT_COOKIE:
                return respondent_hash(cookie.value)
        return None

    @task
    def fill_in_a_sheet(self):
        if self.done == len(SHEETS):
            self._new_participant()
        code = SHEETS[self.next_sheet % len(SHEETS)]
        self.next_sheet += 1
        path = f"/feedback/{code}/"
        with self.client.get(path, name="GET /feedback/<code>/", catch_response=True) as page:
            token = CSRF_INPUT.search(page.text or "") if page.status_code == 200 else None
            marks = MARK_INPUT.findall(page.text or "") if token else []
            if token is None or not marks:
                page.failure(f"status {page.status_code}, no form")
                return
            page.success()
        data = {name: choices.choice(MARKS) for name in dict.fromkeys(marks)}
        data["comment_" + marks[0].removeprefix("mark_")] = "A benchmark comment on this issue."
        data.update({name: choices.choice(values) for name, values in PROFILE.items()})
        data["overall_comment"] = "A benchmark participant's overall comment."
        data["csrfmiddlewaretoken"] = token.group(1)
        with self.client.post(
            path,
            data=data,
            headers={"Referer": self.host + path},
            name="POST /feedback/<code>/",
            allow_redirects=False,
            catch_response=True,
        ) as sent:
            location = sent.headers.get("Location", "")
            if sent.status_code == 302 and location.endswith(f"/feedback/{code}/thanks/"):
                sent.success()
                self.done += 1
                respondent = self._respondent()
                _accepted.append(f"{respondent} {code}")
            else:
                sent.failure(f"status {sent.status_code}")


class HallNoWaitUser(HallUser):
    wait_time = constant(0)


class ReadCeilingUser(FastHttpUser):
    fixed_count = REMOTE_USERS
    wait_time = constant(REMOTE_WAIT)

    @task
    def healthz(self):
        self.client.get("/healthz", name="GET /healthz")


class WriteCeilingUser(FastHttpUser):
    fixed_count = HALL_USERS
    wait_time = constant(0)

    @task
    def write(self):
        with self.client.post(
            "/bench/write/", name="POST /bench/write/", catch_response=True
        ) as response:
            if response.status_code == 201:
                response.success()
            else:
                response.failure(f"status {response.status_code}")
