"""The now page (and the agenda, which polls with the same script) backs off when now.json fails:
each failure doubles the wait before the next poll, up to 2 minutes, and the first poll that
works brings it back to the usual interval.

now.json is made to fail by Playwright (``page.route``, a 503); time is Playwright's fake clock
(``page.clock``), paused and moved on by hand, so that the waits are exact. The page's own
requests are timed in the page (``Date.now()``, the fake clock) by a wrapper around ``fetch``.
The poll interval is one second (``AGENDA_POLL_SECONDS``, which the live server in this process
reads).
"""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

POLL_MS = 1000
START = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
_TIME_THE_POLLS = """
window.__polls = [];
const pageFetch = window.fetch;
window.fetch = function (url, options) {
  if (String(url).endsWith("/agenda/now.json")) window.__polls.push(Date.now());
  return pageFetch.call(this, url, options);
};
"""
_CLEAR_ERROR = "() => { document.getElementById('now-error').textContent = ''; }"


@pytest.fixture
def failing_page(site, new_context, settings):
    """The now page with now.json failing while ``page.failing[0]`` is true."""
    settings.AGENDA_POLL_SECONDS = POLL_MS // 1000
    page = new_context().new_page()
    page.failing = [True]

    def answer(route):
        if page.failing[0]:
            route.fulfill(status=503, body="Service Unavailable")
        else:
            route.continue_()

    page.route("**/agenda/now.json", answer)
    page.add_init_script(_TIME_THE_POLLS)
    page.clock.install(time=START)
    page.clock.pause_at(START + timedelta(seconds=1))
    return page


def _failed(page, retry_seconds: int) -> None:
    """Wait until the page has said that a poll failed and when it tries again (by then it has
    set the timer of the next poll)."""
    expect(page.locator("#now-error")).to_have_text(
        f"Could not refresh. Trying again in {retry_seconds} s."
    )
    page.evaluate(_CLEAR_ERROR)


def _intervals(page) -> list[int]:
    polls = page.evaluate("() => window.__polls")
    return [later - earlier for earlier, later in pairwise(polls)]


def test_now_page_doubles_the_wait_after_each_failure_up_to_two_minutes(failing_page):
    page = failing_page
    page.goto("/agenda/now/")
    waits = [2, 4, 8, 16, 32, 64, 120, 120]

    for index, seconds in enumerate(waits):
        _failed(page, seconds)
        if index < len(waits) - 1:
            page.clock.run_for(seconds * 1000)

    assert _intervals(page) == [2000, 4000, 8000, 16000, 32000, 64000, 120000]
    # Still failing: still saying so (its text was cleared by _failed).
    assert page.evaluate("() => document.getElementById('now-error').hidden") is False


def test_now_page_after_a_poll_that_works_is_back_to_the_usual_interval(site, failing_page):
    page = failing_page
    page.goto("/agenda/now/")
    for seconds in (2, 4):
        _failed(page, seconds)
        page.clock.run_for(seconds * 1000)
    _failed(page, 8)
    page.failing[0] = False

    page.clock.run_for(8000)  # the poll that works, at 12:00:15 UTC (13:00:15 in Geneva)
    checked_at = page.locator("#now-checked-at")
    expect(checked_at).to_have_text("13:00:15")
    expect(page.locator("#now-error")).to_be_hidden()
    page.clock.run_for(POLL_MS)
    expect(checked_at).to_have_text("13:00:16")
    page.clock.run_for(POLL_MS)
    expect(checked_at).to_have_text("13:00:17")

    assert _intervals(page) == [2000, 4000, 8000, POLL_MS, POLL_MS]
    on_now = page.get_by_role("region", name="On now").get_by_role("heading", level=3)
    expect(on_now).to_have_text(site.slots[0].title)


def _polls_reach(page, count: int) -> None:
    """Wait (in real time: the page's clock is paused) for the page's ``count``-th poll, and for
    its failure to be handled."""
    for _ in range(100):
        if page.evaluate("() => window.__polls.length") >= count:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)


def test_agenda_backs_off_the_same_way(failing_page):
    page = failing_page
    page.goto("/agenda/")
    _polls_reach(page, 1)

    page.clock.run_for(2000 - 1)
    early = page.evaluate("() => window.__polls.length")
    page.clock.run_for(1)
    _polls_reach(page, 2)
    page.clock.run_for(4000)
    _polls_reach(page, 3)

    assert (early, _intervals(page)) == (1, [2000, 4000])
