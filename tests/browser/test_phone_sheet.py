"""The participant's sheet on a 375 x 667 phone: what shows on the first screen, the marks' row,
the bar at the bottom and the folded contact section."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE

pytestmark = pytest.mark.browser


def _sheet(site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    return page


def test_first_rating_control_is_on_the_first_phone_screen(site, new_context):
    page = _sheet(site, new_context)
    first_mark = page.locator(".scale-choice label").first
    box = first_mark.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    # The language choice is still there, as a small menu.
    expect(page.get_by_label("Language")).to_be_attached()
