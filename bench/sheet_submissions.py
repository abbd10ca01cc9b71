"""A room of participants sending rating sheets: how long one submission takes, end to end.

Sends N online submissions of a 10-issue sheet through the whole Django stack (middleware,
form, rate limits, the one-transaction service), each from a new visitor behind the SAME
address, as a venue's participants are, and prints the mean, median, 95th percentile and the
submissions per second of one process. Then checks the rows: exactly N responses and N x 10
ratings.

    python bench/sheet_submissions.py [N]                  # throw-away SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/igfdc_bench python bench/sheet_submissions.py

With PostgreSQL it uses the named database (created if missing) and drops what it made.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ISSUES = 10


def _setup(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="igfsession.settings",
        DEBUG="1",
        STATIC_NO_MANIFEST="1",
        MEDIA_ROOT=str(workdir / "media"),
    )
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()


def main(count: int) -> int:
    with tempfile.TemporaryDirectory() as workdir:
        _setup(Path(workdir))
        from django.db import connection
        from django.test import Client

        from feedback.models import Rating, Response
        from tests.factories import make_issue, make_output, make_session, make_sheet

        old_name = connection.settings_dict["NAME"]
        test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            output = make_output(session=make_session(is_current=True))
            issues = [make_issue(output=output, position=n) for n in range(ISSUES)]
            sheet = make_sheet(output=output, opens_at=datetime(2015, 1, 1, tzinfo=UTC))
            url = f"/feedback/{sheet.code}/"
            marks = ["5", "4", "3", "2", "1", "confusion"]
            timings = []
            for n in range(count):
                data = {f"mark_{issue.pk}": marks[(n + i) % 6] for i, issue in enumerate(issues)}
                data["stakeholder_group"] = "civil_society"
                client = Client(REMOTE_ADDR="203.0.113.10")
                started = time.perf_counter()
                response = client.post(url, data)
                timings.append(time.perf_counter() - started)
                if response.status_code != 302:
                    print(f"submission {n} answered {response.status_code}")
                    return 1
            responses = Response.objects.filter(sheet=sheet).count()
            ratings = Rating.objects.filter(response__sheet=sheet).count()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    ms = sorted(t * 1000 for t in timings)
    p95 = ms[int(len(ms) * 0.95) - 1]
    print(f"database: {connection.vendor} ({test_name.rsplit('/', 1)[-1]})")
    print(f"submissions: {count} of a {ISSUES}-issue sheet, one shared client address")
    mean, median = statistics.mean(ms), statistics.median(ms)
    print(f"mean {mean:.1f} ms, median {median:.1f} ms, p95 {p95:.1f} ms")
    print(f"one process: {count / sum(timings):.0f} submissions/s")
    print(f"stored: {responses} responses, {ratings} ratings (expected {count}, {count * ISSUES})")
    return 0 if (responses, ratings) == (count, count * ISSUES) else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 500))
