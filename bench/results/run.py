"""The results at the size of a big session: 20 outputs x 10 issues x 10,000 responses.

Seeds 2,000,000 marks into PostgreSQL (its own database, made and dropped here), then measures in
one run, with the production cache (Redis):

- the floor: the raw SQL aggregate over the ratings table (marks per issue and mark);
- the results overview (/feedback/results/), one output's page and the results CSV, each
  computed afresh (cache emptied) and as a repeat view (from the cache);
- a new response: how long until the overview shows it.

Prints each time, its ratio to the floor and the number of queries. Figures, not a test: the
targets (overview at most 3 x the floor; a repeat view from the cache with at most 1 query; a
new response visible within 10 s) are read off the output.

    make bench-results
    BENCH_DATABASE=postgres://postgres@127.0.0.1:5432/igfdc_bench_results \\
        REDIS_URL=redis://127.0.0.1:6379/15 .venv/bin/python bench/results/run.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS, ISSUES, RESPONSES = 20, 10, 10_000
REPEATS = 5


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE", "postgres://postgres@127.0.0.1:5432/igfdc_bench_results"
    )
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="igfsession.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-bench-only-secret-key-bench-only",  # noqa: S106
        ALLOWED_HOSTS="testserver",
        STATIC_NO_MANIFEST="1",
        SECURE_SSL_REDIRECT="0",
    )
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()


def _seed() -> tuple:
    """The session, its outputs, issues and sheets through the factories; the responses and
    marks in two INSERT ... SELECT statements (the services would take hours for 2 M marks)."""
    from datetime import UTC, datetime

    from django.db import connection

    from feedback.models import RatingSheet
    from igfsession.models import Part
    from tests.factories import make_issue, make_output, make_session, make_sheet

    session = make_session(is_current=True, slug="bench", year=2015)
    Part.objects.create(
        session=session,
        kind=Part.Kind.PRESENTATIONS,
        title="Day 3",
        starts_at=datetime(2015, 11, 12, 19, 30, tzinfo=UTC),
        ends_at=datetime(2015, 11, 12, 21, 0, tzinfo=UTC),
    )
    for n in range(OUTPUTS):
        output = make_output(session=session, title=f"Output {n + 1}")
        for position in range(1, ISSUES + 1):
            make_issue(output=output, position=position, title=f"Issue {position}")
        # Closed: after the session, what everyone reads (the public may see closed sheets).
        make_sheet(
            output=output,
            code=f"bench-{n + 1}",
            opens_at=datetime(2015, 10, 1, tzinfo=UTC),
            closes_at=datetime(2015, 12, 31, tzinfo=UTC),
        )
    start = datetime(2015, 10, 1, tzinfo=UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO feedback_response (
                sheet_id, channel, stakeholder_group, region, attendance, overall_comment,
                respondent_hash, contact_consent, contact_name, contact_organisation,
                contact_email, created_at, updated_at, filled_in_at,
                overall_comment_hidden_reason
            )
            SELECT s.id, 'online',
                   (ARRAY['government','intergovernmental','civil_society','private_sector',
                          'technical','academia','media','other',''])[1 + (n %% 9)],
                   (ARRAY['african','asia_pacific','eastern_european','grulac','weog',''])
                       [1 + (n %% 6)],
                   (ARRAY['room','remote',''])[1 + (n %% 3)],
                   '', md5(s.id || ':' || n) || md5(n || ':' || s.id), false, '', '', '',
                   %s + (n || ' minutes')::interval, now(), %s + (n || ' minutes')::interval,
                   ''
            FROM feedback_ratingsheet s CROSS JOIN generate_series(1, %s) AS n
            """,
            [start, start, RESPONSES],
        )
        cursor.execute(
            """
            INSERT INTO feedback_rating (response_id, issue_id, mark, comment,
                                         comment_hidden_reason, stakeholder_group)
            SELECT r.id, i.id,
                   (ARRAY['5','4','3','2','1','confusion'])[1 + ((r.id * 7 + i.id * 13) % 6)],
                   '', '', r.stakeholder_group
            FROM feedback_response r
            JOIN feedback_ratingsheet s ON s.id = r.sheet_id
            JOIN coalitions_issue i ON i.output_id = s.output_id
            """
        )
        # As a database that has been running: statistics and hint bits set, for every query
        # measured here, the floor included.
        cursor.execute("VACUUM ANALYZE")
    return session, RatingSheet.objects.order_by("code").first()


def _timed(action, repeats=REPEATS):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        queries.append(len(captured))
    return statistics.median(times), max(queries)


def main() -> int:
    _setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from feedback.models import Rating, Response

    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        cache.clear()
        seeded = time.perf_counter()
        _session, sheet = _seed()
        marks = Rating.objects.count()
        print(f"seeded {Response.objects.count():,} responses and {marks:,} marks", end="")
        print(f" in {time.perf_counter() - seeded:.1f} s ({connection.vendor})")

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT issue_id, mark, count(*) FROM feedback_rating GROUP BY issue_id, mark"
                )
                cursor.fetchall()

        client = Client()  # a member of the public: closed sheets' results are everyone's
        pages = {
            "overview": reverse("feedback:results"),
            "one output": reverse("feedback:results-sheet", kwargs={"code": sheet.code}),
            "results.csv": reverse("feedback:results-csv"),
        }

        def get(url):
            def action():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                if response.streaming:
                    b"".join(response.streaming_content)

            return action

        def fresh(url):
            def action():
                cache.clear()
                get(url)()

            return action

        floor_time, _queries = _timed(floor)
        rows = [("raw SQL aggregate (the floor)", floor_time, 1)]
        for name, url in pages.items():
            rows.append((f"{name}, computed", *_timed(fresh(url))))
            get(url)()  # into the cache
            rows.append((f"{name}, repeat view (cache)", *_timed(get(url))))

        print(f"\n{'what':<40} {'median':>10} {'x floor':>8} {'queries':>8}")
        for name, seconds, queries in rows:
            print(f"{name:<40} {seconds * 1000:>8.1f}ms {seconds / floor_time:>8.2f} {queries:>8}")

        # A new response: how long until the overview page counts it. The results are
        # recomputed at most once every RESULTS_FRESH_SECONDS, so it shows within that time
        # plus one computation.
        from feedback.results import RESULTS_FRESH_SECONDS

        get(pages["overview"])()  # the results in the cache, as in a busy hall
        issue = sheet.output.issues.order_by("position").first()
        counted = Rating.objects.filter(issue=issue).count()
        response = Response.objects.create(sheet=sheet, respondent_hash="f" * 64)
        Rating.objects.create(response=response, issue=issue, mark="5")  # no group, as its response
        sent = time.perf_counter()
        while True:
            page = client.get(pages["overview"]).content.decode()
            if f">{counted + 1}<" in page:  # the issue's marks cell
                break
            if time.perf_counter() - sent > 60:
                print("a new response did not show within 60 s")
                return 1
            time.sleep(0.25)
        delay = time.perf_counter() - sent
        print(
            f"\na new response shows on the overview after {delay:.1f} s "
            f"(recomputed at most every {RESULTS_FRESH_SECONDS} s)"
        )
        return 0
    finally:
        cache.clear()
        connection.creation.destroy_test_db(test_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
