"""The per-address ceiling's default fits a whole venue behind one address (the load benchmark's
hall, bench/load/, meets no 429 with the default settings)."""

from django.test import RequestFactory

from feedback import ratelimit
from igfsession.ratelimit import hit


def test_sheet_address_ceiling_by_default_fits_a_venue():
    # IGF 2015: 2,400 people on site, ten sheets each and some corrections, in one window.
    limit = ratelimit.per_address()
    address = "198.51.100.7"

    allowed = [hit(limit, address).allowed for _ in range(30_000)]

    assert (limit.count, limit.window_seconds) == (30_000, 600)
    assert allowed.count(True) == 30_000
    assert hit(limit, address).allowed is False


def test_sheet_respondent_limit_by_default_stays_tight():
    request = RequestFactory().post("/feedback/x/", REMOTE_ADDR="198.51.100.7")

    allowed = [ratelimit.allow_submission(request, "one-token").allowed for _ in range(31)]

    assert allowed == [True] * 30 + [False]
