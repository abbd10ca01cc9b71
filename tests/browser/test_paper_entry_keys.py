"""Paper entry takes only 0 to 5, says what each digit means, loses no keystroke, and an error
takes the focus."""

import pytest
from playwright.sync_api import expect

from feedback.models import Response

pytestmark = pytest.mark.browser

REFUSED = "Only 5, 4, 3, 2, 1 or 0: “9” was not taken."


def test_a_wrong_digit_is_refused_beside_its_box_and_the_next_keystroke_counts(site, new_context):
    first, second = site.issues
    page = new_context(user=site.organiser).new_page()
    page.goto(f"/feedback/{site.sheet.code}/enter/")
    box = page.get_by_label(f"1. {first.title}")
    expect(box).to_be_focused()

    page.keyboard.type("9")
    expect(box).to_have_value("")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{box.get_attribute('id')}-meaning")).to_have_text(REFUSED)

    page.keyboard.type("5")
    expect(box).to_have_value("5")
    expect(box).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#{box.get_attribute('id')}-meaning")).to_have_text("5 = Strong agreement")
    second_box = page.get_by_label(f"2. {second.title}")
    expect(second_box).to_be_focused()
    page.keyboard.type("0")
    expect(page.locator(f"#{second_box.get_attribute('id')}-meaning")).to_have_text("0 = Confusion")


def test_typing_over_a_digit_replaces_it(site, new_context):
    first, _second = site.issues
    page = new_context(user=site.organiser).new_page()
    page.goto(f"/feedback/{site.sheet.code}/enter/")
    page.keyboard.type("4")
    box = page.get_by_label(f"1. {first.title}")
    box.focus()
    page.keyboard.press("End")
    page.keyboard.type("2")

    expect(box).to_have_value("2")
    expect(page.locator(f"#{box.get_attribute('id')}-meaning")).to_have_text("2 = Disagreement")


def test_an_error_from_the_server_takes_the_focus(site, new_context):
    first, _second = site.issues
    page = new_context(user=site.organiser).new_page()
    page.goto(f"/feedback/{site.sheet.code}/enter/")
    box = page.get_by_label(f"1. {first.title}")
    # As without the script: the value reaches the server unchecked.
    box.evaluate("(el) => { el.value = '7'; }")
    page.keyboard.press("Enter")

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.get_by_label(f"1. {first.title}")).to_have_value("7")
    assert Response.objects.filter(sheet=site.sheet).count() == 0
