"""A remote participant follows /agenda/now/ while an organiser moves the session on.

The page polls now.json every ``AGENDA_POLL_SECONDS`` (read from its ``data-poll-seconds``): the
tests set it to one second (the live server runs in this process, so pytest-django's
``settings`` fixture reaches it) and wait on a couple of intervals, not on the default 15 s.
While the tab is hidden the page does not poll; shown again, it polls at once. A hidden tab is
simulated by overriding ``document.visibilityState`` and ``document.hidden`` and dispatching
``visibilitychange``, which is what Chromium does when a tab goes to the background.
"""

import re
import time

import pytest
from playwright.sync_api import expect

from igfsession.agenda.models import LiveState

pytestmark = pytest.mark.browser

POLL_SECONDS = 1
POLL_MS = POLL_SECONDS * 1000
# Long enough for three polls had the page not paused.
HIDDEN_MS = 3 * POLL_MS
# "At once": well inside one interval, so the regular timer cannot be what answered.
AT_ONCE_MS = POLL_MS // 2
SETTLE_MS = POLL_MS // 10

_SET_VISIBILITY = """(state) => {
  for (const [name, value] of [["visibilityState", state], ["hidden", state === "hidden"]]) {
    Object.defineProperty(document, name, {configurable: true, get: () => value});
  }
  document.dispatchEvent(new Event("visibilitychange"));
}"""
# The same override before any script of the page runs: a page opened in a background tab.
_START_HIDDEN = """
Object.defineProperty(document, "visibilityState", {configurable: true, get: () => "hidden"});
Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
"""


@pytest.fixture
def short_poll(settings):
    settings.AGENDA_POLL_SECONDS = POLL_SECONDS


def _is_now_json(request) -> bool:
    return request.url.endswith("/agenda/now.json")


def _count_now_json(page) -> list[float]:
    """The times (time.monotonic()) of the page's requests to now.json, as they happen."""
    seen: list[float] = []
    page.on(
        "request", lambda request: seen.append(time.monotonic()) if _is_now_json(request) else None
    )
    return seen


def _checked_once(page) -> None:
    """Wait until the page has polled now.json and said so ("checked at …")."""
    expect(page.locator("#now-checked")).to_be_visible()


def _console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_now_page_reads_its_poll_interval_from_the_setting(site, new_context, short_poll):
    page = new_context().new_page()

    page.goto("/agenda/now/")

    assert page.locator("#now-live").get_attribute("data-poll-seconds") == "1"


def test_now_page_polls_every_fifteen_seconds_by_default(site, new_context):
    page = new_context().new_page()

    page.goto("/agenda/now/")

    assert page.locator("#now-live").get_attribute("data-poll-seconds") == "15"


def test_now_page_with_an_interval_below_one_second_falls_back_to_the_default(
    site, new_context, settings
):
    settings.AGENDA_POLL_SECONDS = 0
    page = new_context().new_page()
    requests = _count_now_json(page)
    page.goto("/agenda/now/")
    _checked_once(page)

    page.wait_for_timeout(2 * POLL_MS)

    # One poll at load, then none for 15 s: not one every 0 ms.
    assert (page.locator("#now-live").get_attribute("data-poll-seconds"), len(requests)) == (
        "0",
        1,
    )


def test_now_page_shows_the_organisers_next_slot_within_two_polls(site, new_context, short_poll):
    opening, presentation, closing = site.slots
    remote = new_context().new_page()
    errors = _console_errors(remote)
    remote.goto("/agenda/now/")
    on_now = remote.get_by_role("region", name="On now")
    up_next = remote.get_by_role("region", name="Next")
    expect(on_now.get_by_role("heading", level=3)).to_have_text(opening.title)
    expect(up_next.get_by_role("heading", level=3)).to_have_text(presentation.title)
    _checked_once(remote)
    # A mark on the document: a reload or a navigation would wipe it.
    remote.evaluate("() => { window.stillTheSamePage = true; }")
    navigations = []
    remote.on("framenavigated", lambda frame: navigations.append(frame.url))

    organiser = new_context(user=site.organiser).new_page()
    organiser.goto("/agenda/control/")
    organiser.get_by_role("button", name="Move to the next slot").click()
    expect(organiser.get_by_role("status")).to_have_text(f"“{presentation.title}” is on now.")
    assert LiveState.objects.get(session=site.session).slot == presentation

    expect(on_now.get_by_role("heading", level=3)).to_have_text(
        presentation.title, timeout=2 * POLL_MS
    )
    expect(up_next.get_by_role("heading", level=3)).to_have_text(closing.title)
    expect(on_now.get_by_role("link", name="Rate this output")).to_have_attribute(
        "href", re.compile(rf"/feedback/{site.sheet.code}/$")
    )
    assert remote.evaluate("() => window.stillTheSamePage") is True
    assert (navigations, errors) == ([], [])


def test_now_page_does_not_poll_while_hidden_and_polls_at_once_when_shown(
    site, new_context, short_poll
):
    page = new_context().new_page()
    requests = _count_now_json(page)
    page.goto("/agenda/now/")
    _checked_once(page)
    # Hide the tab just after a poll, so that none is on its way.
    with page.expect_response(lambda response: _is_now_json(response.request)):
        pass
    page.evaluate(_SET_VISIBILITY, "hidden")
    page.wait_for_timeout(SETTLE_MS)  # an event for a request already made arrives by then
    polled_before = len(requests)

    page.wait_for_timeout(HIDDEN_MS)

    assert requests[polled_before:] == []
    shown_at = time.monotonic()
    with page.expect_request(_is_now_json, timeout=AT_ONCE_MS):
        page.evaluate(_SET_VISIBILITY, "visible")
    assert len(requests) == polled_before + 1
    assert requests[-1] - shown_at < AT_ONCE_MS / 1000
    # And on it goes at the usual interval.
    with page.expect_request(_is_now_json, timeout=2 * POLL_MS):
        pass
    assert len(requests) == polled_before + 2


def test_now_page_opened_in_a_hidden_tab_polls_once_shown(site, new_context, short_poll):
    context = new_context()
    context.add_init_script(_START_HIDDEN)
    page = context.new_page()
    requests = _count_now_json(page)
    page.goto("/agenda/now/")
    expect(page.get_by_role("region", name="On now").get_by_role("heading", level=3)).to_have_text(
        site.slots[0].title
    )

    page.wait_for_timeout(HIDDEN_MS)

    assert (requests, page.locator("#now-checked").is_hidden()) == ([], True)
    with page.expect_request(_is_now_json, timeout=AT_ONCE_MS):
        page.evaluate(_SET_VISIBILITY, "visible")
    _checked_once(page)
    assert len(requests) == 1


def test_now_page_without_javascript_shows_the_state_at_load(
    browser, live_server, site, short_poll
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        requests = _count_now_json(page)
        page.goto("/agenda/now/")

        on_now = page.get_by_role("region", name="On now")
        up_next = page.get_by_role("region", name="Next")
        expect(on_now.get_by_role("heading", level=3)).to_have_text(site.slots[0].title)
        expect(up_next.get_by_role("heading", level=3)).to_have_text(site.slots[1].title)
        # Playwright's text locators skip <noscript>: the paragraph is located by its tag.
        notice = page.locator("noscript p")
        expect(notice).to_have_text(
            "This page shows the state when it was loaded. Reload it to see changes."
        )
        expect(notice).to_be_visible()
        page.wait_for_timeout(2 * POLL_MS)
        assert (requests, page.locator("#now-checked").is_hidden()) == ([], True)
    finally:
        context.close()
