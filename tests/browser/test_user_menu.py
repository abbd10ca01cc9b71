"""The user menu, as a coordinator meets it: log in through the form, find their name and
portal on a public page, open the menu on a 320-px phone (no sideways scroll, every target
44 px high), with the keyboard too, and log out through it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.data import PASSWORD

pytestmark = pytest.mark.browser

_WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form [type=submit]").click()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_menu_fits_a_320_px_phone_and_logs_out(site, new_context, language):
    page = new_context(viewport={"width": 320, "height": 640}, language=language).new_page()
    with_english = new_context().new_page()
    _log_in(with_english, "coordinator")
    # The same browser for the phone: its cookies (session and marker) from the English log-in.
    page.context.add_cookies(with_english.context.cookies())

    page.goto("/agenda/")
    menu = page.locator(".user-menu")
    expect(menu.locator("summary")).to_contain_text("Ana")
    menu.locator("summary").click()
    panel = page.locator(".user-menu-panel")
    expect(panel).to_be_visible()

    scroll, client = page.evaluate(_WIDTHS)
    assert scroll <= client == 320
    heights = panel.locator("a, button").evaluate_all(
        "els => els.map(el => Math.round(el.getBoundingClientRect().height))"
    )
    assert len(heights) == 3
    assert min(heights) >= 44
    hrefs = panel.locator("a").evaluate_all("els => els.map(el => el.getAttribute('href'))")
    assert hrefs == [f"/coalitions/{site.coalition.slug}/manage/", "/accounts/password_change/"]

    panel.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/logout/$"))
    page.goto("/agenda/")
    expect(page.locator(".user-menu")).to_have_count(0)


def test_the_menu_opens_with_the_keyboard_and_reaches_the_portal(site, new_context):
    page = new_context().new_page()
    _log_in(page, "coordinator")
    page.goto("/coalitions/")

    page.locator(".user-menu > summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".user-menu-panel")).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/coalitions/{site.coalition.slug}/manage/$"))
    expect(page.locator(".user-menu > summary")).to_contain_text("Ana")
