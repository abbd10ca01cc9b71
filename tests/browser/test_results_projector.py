"""The room's screen refreshes itself: static/js/projector.js fetches the page again every
``data-refresh-seconds`` and swaps its content, without reloading it; while the tab is hidden it
does not fetch. The tests set the interval to one second (the live server runs in this process)."""

import pytest
from playwright.sync_api import expect

from feedback.results import forget_session_results
from feedback.views import results as results_views
from tests.feedback.results_helpers import rate

pytestmark = pytest.mark.browser

_SET_VISIBILITY = """(state) => {
  for (const [name, value] of [["visibilityState", state], ["hidden", state === "hidden"]]) {
    Object.defineProperty(document, name, {configurable: true, get: () => value});
  }
  document.dispatchEvent(new Event("visibilitychange"));
}"""


@pytest.fixture
def fast_refresh(monkeypatch):
    monkeypatch.setattr(results_views, "PROJECTOR_REFRESH_SECONDS", 1)


def _figures(page):
    return page.locator(".projector-figures").first


def test_projector_swaps_in_new_figures_without_reloading(site, new_context, fast_refresh):
    first = site.issues[0].title
    rate(site.sheet, first, (1, 0, 0, 1, 0, 0))
    page = new_context(user=site.organiser).new_page()
    page.goto(f"/feedback/results/projector/?sheet={site.sheet.code}")
    expect(_figures(page)).to_contain_text("2 marks")
    page.evaluate("window.notReloaded = true")

    rate(site.sheet, first, (2, 0, 0, 1, 0, 0))
    forget_session_results(site.session.pk)

    expect(_figures(page)).to_contain_text("5 marks")
    assert page.evaluate("window.notReloaded") is True
    # The warning that the sheet is still open stays on the screen.
    expect(page.locator(".projector-warning")).to_contain_text("Still open for rating:")


def test_projector_does_not_refresh_while_hidden(site, new_context, fast_refresh):
    first = site.issues[0].title
    rate(site.sheet, first, (1, 0, 0, 1, 0, 0))
    page = new_context(user=site.organiser).new_page()
    page.goto(f"/feedback/results/projector/?sheet={site.sheet.code}")
    expect(_figures(page)).to_contain_text("2 marks")
    page.evaluate(_SET_VISIBILITY, "hidden")

    rate(site.sheet, first, (2, 0, 0, 1, 0, 0))
    forget_session_results(site.session.pk)
    page.wait_for_timeout(2500)

    expect(_figures(page)).to_contain_text("2 marks")
    page.evaluate(_SET_VISIBILITY, "visible")
    expect(_figures(page)).to_contain_text("5 marks")
