"""Two app servers on one PostgreSQL and one Redis: nothing a request needs is kept in a process.

Two gunicorn processes (production settings, DEBUG off) serve one database of their own (the
suite's database name + ``_two``, migrated and loaded with the demo) and one Redis (TEST_REDIS_URL,
or a private redis-server started here). Driven with the standard library, one cookie jar per
visitor, the test shows that:

- a response submitted through one server is edited through the other with the same cookie;
- an organiser's live-slot change made through one shows in the other's now.json within 10 s;
- a rate limit counts the submissions made through both.

It needs PostgreSQL (SQLite cannot be shared by two servers): it is skipped when DATABASE_URL is
not a PostgreSQL URL, and runs in CI's PostgreSQL pass.
"""

import os
import time

import psycopg
import pytest

from igfsession.agenda.demo import DEMO_PASSWORD, ORGANISER
from tests.two_servers import Visitor, database_url, stack

DATABASE_URL = os.environ.get("DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="two servers share one PostgreSQL: DATABASE_URL is not PostgreSQL",
)

SHEET = "irpc-2015"
RATE_PER_RESPONDENT = 3


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    url = database_url(DATABASE_URL, suffix="_two")
    with stack(
        url,
        folder=tmp_path_factory.mktemp("two_servers"),
        ports=(18620, 18621),
        env={"FEEDBACK_RATE_PER_RESPONDENT": str(RATE_PER_RESPONDENT)},
    ) as bases:
        yield url, bases


def _stored(url, respondent_hash):
    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT i.position, r.mark FROM feedback_rating r "
            "JOIN coalitions_issue i ON i.id = r.issue_id "
            "JOIN feedback_response s ON s.id = r.response_id "
            "JOIN feedback_ratingsheet h ON h.id = s.sheet_id "
            "WHERE h.code = %s AND s.respondent_hash = %s ORDER BY i.position",
            [SHEET, respondent_hash],
        ).fetchall()


def test_two_servers_response_sent_through_one_is_edited_through_the_other(servers):
    url, (a, b) = servers
    visitor = Visitor()

    form = visitor.sheet(a, SHEET)
    first = visitor.submit(a, SHEET, form, mark="5")
    marks_first = _stored(url, visitor.respondent_hash())
    form_on_b = visitor.sheet(b, SHEET)
    second = visitor.submit(b, SHEET, form_on_b, mark="2")

    assert (first.status, second.status) == (302, 302)
    assert [mark for _position, mark in marks_first] == ["5"] * len(form.issue_ids)
    # The other server shows the participant their own answers, from the same cookie.
    assert form_on_b.checked == dict.fromkeys(form.issue_ids, "5")
    assert [mark for _position, mark in _stored(url, visitor.respondent_hash())] == ["2"] * len(
        form.issue_ids
    )
    with psycopg.connect(url) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM feedback_response WHERE respondent_hash = %s",
            [visitor.respondent_hash()],
        ).fetchone()
    assert count == 1


def test_two_servers_live_slot_set_through_one_shows_in_the_others_now_json(servers):
    _url, (a, b) = servers
    organiser = Visitor()
    assert organiser.log_in(a, ORGANISER, DEMO_PASSWORD).status == 302
    slot_id = organiser.first_slot_id(a)

    started = organiser.post(a, "/agenda/control/start/", {"slot": str(slot_id)})
    set_at = time.monotonic()
    seen = None
    while time.monotonic() - set_at < 10:
        now = Visitor().json(b, "/agenda/now.json")
        if now["mode"] == "slot" and now["now"] and now["now"]["id"] == slot_id:
            seen = time.monotonic() - set_at
            break
        time.sleep(0.2)

    assert started.status == 302
    assert seen is not None, "the other server's now.json did not show the slot within 10 s"
    assert seen < 10


def test_two_servers_rate_limit_counts_across_both(servers):
    _url, (a, b) = servers
    visitor = Visitor()
    form = visitor.sheet(a, SHEET)

    statuses = [visitor.submit(server, SHEET, form, mark="4").status for server in (a, b, a, b, a)]

    # 3 per respondent: each server alone saw at most 3 of the 5, yet the 4th and 5th are refused.
    assert statuses == [302, 302, 302, 429, 429]
