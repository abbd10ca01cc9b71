"""A remote participant in Tokyo: their own time first and larger, named "Tokyo", then the
venue's, named by its city; the next slot says when it starts; every <time> keeps HH:MM."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def tokyo(browser, live_server):
    context = browser.new_context(base_url=live_server.url, timezone_id="Asia/Tokyo")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", ["/agenda/", "/agenda/now/"])
def test_visitor_in_tokyo_sees_their_time_first_named_tokyo(site, tokyo, url):
    tokyo.goto(url)

    first_range = tokyo.locator(".slot-time").first
    local = tokyo.locator(".local-time").first
    expect(local).to_have_text(
        re.compile(r"^(\w+ )?\d\d:\d\d\u2013(\w+ )?\d\d:\d\d \(Tokyo, your time\)\s*$")
    )
    # The visitor's copy comes before the venue's range, which reads smaller.
    assert local.evaluate("el => el.nextElementSibling.classList.contains('slot-time')")
    expect(first_range).to_have_class(re.compile(r"\bvenue-time\b"))
    sizes = local.evaluate(
        "el => [getComputedStyle(el).fontSize, getComputedStyle(el.nextElementSibling).fontSize]"
    )
    assert float(sizes[0][:-2]) > float(sizes[1][:-2])
    expect(tokyo.locator("#local-tz-note")).to_be_visible()
    expect(tokyo.locator("#local-tz-note [data-zone]")).to_have_text("Tokyo")
    expect(first_range.locator("xpath=following-sibling::span[1]")).to_have_text("(João Pessoa)")
    for text in tokyo.locator(".slot-time time").all_inner_texts():
        assert re.fullmatch(r"\d\d:\d\d", text)


def test_visitor_at_the_venue_time_sees_no_copy(site, browser, live_server):
    context = browser.new_context(base_url=live_server.url, timezone_id="America/Fortaleza")
    try:
        page = context.new_page()
        page.goto("/agenda/")
        expect(page.locator(".slot-time").first).to_be_visible()
        assert page.locator(".local-time").count() == 0
    finally:
        context.close()


def test_now_page_says_when_the_next_slot_starts(site, tokyo):
    tokyo.goto("/agenda/now/")

    starts = tokyo.get_by_role("region", name="Next").locator("[data-f=starts-in]")
    expect(starts).to_have_text(re.compile(r"^starts in (\d+|less than a) min"))
    expect(tokyo.locator("#now-checked")).to_be_visible()
    expect(starts).to_have_text(re.compile(r"^starts in (\d+|less than a) min"))
