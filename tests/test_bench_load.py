"""The load benchmark's own reckoning (bench/load/): who a participant is, and the lost-data
check. The benchmark itself runs with `make bench-load`, not in the suite."""

import sys
from pathlib import Path

from django.http import HttpResponse
from django.test import RequestFactory

from feedback import respondent

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "load"))

import checks
import identity
from seed import Stored


def test_bench_respondent_hash_is_the_one_the_app_stores():
    request = RequestFactory().get("/feedback/x/")
    token = respondent.ensure_token(request)
    response = HttpResponse()

    respondent.remember(request, response)

    signed = response.cookies[respondent.COOKIE_NAME].value
    assert identity.respondent_hash(signed) == respondent.token_hash(token)


def _stored(pairs):
    return Stored(responses=len(pairs), ratings=sum(pairs.values()), pairs=pairs)


def test_bench_check_exact_when_every_accepted_one_is_stored_complete():
    before = _stored({("old", "bench-01"): 8})
    after = _stored({("old", "bench-01"): 8, ("a", "bench-01"): 8, ("a", "bench-02"): 8})

    check = checks.compare([("a", "bench-01"), ("a", "bench-02")], before, after)

    assert (check.accepted, check.stored_new, check.ratings_new) == (2, 2, 16)
    assert (check.lost, check.unacknowledged, check.exact()) == (0, 0, True)


def test_bench_check_counts_lost_and_half_stored_responses():
    before = _stored({})
    after = _stored({("a", "bench-01"): 8, ("b", "bench-01"): 5})

    check = checks.compare([("a", "bench-01"), ("b", "bench-01"), ("c", "bench-01")], before, after)

    assert (check.lost, check.unacknowledged, check.exact()) == (2, 0, False)


def test_bench_check_counts_stored_responses_nobody_saw_accepted():
    before = _stored({})
    after = _stored({("a", "bench-01"): 8, ("z", "bench-03"): 8})

    check = checks.compare([("a", "bench-01")], before, after)

    assert (check.lost, check.unacknowledged, check.exact()) == (0, 1, False)
    assert checks.report(check, allow_unacknowledged=True) is True
    assert checks.report(check, allow_unacknowledged=False) is False
