"""Changing the language in the middle of a sheet: with JavaScript the marks not yet sent are
kept on the device and restored; without it, the switcher says they will be lost."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PHONE

pytestmark = pytest.mark.browser


def _switch_to_french(page):
    page.locator("details.language-menu > summary").click()
    page.get_by_label("Language", exact=True).select_option("fr")
    page.locator("form.language-switcher button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_unsent_marks_survive_a_language_change_with_javascript(site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    first, second = site.issues
    page.get_by_role("group", name=f"1. {first.title}").get_by_text(
        "Disagreement", exact=True
    ).click()
    page.get_by_role("group", name=f"2. {second.title}").get_by_text("Confusion").click()
    page.get_by_role("group", name=f"2. {second.title}").get_by_role("textbox").fill("Unclear.")
    note = page.locator("#language-unsent-note")
    expect(note).to_have_text("Your marks not yet sent are kept on this device.")

    _switch_to_french(page)

    expect(page.locator(f"input[name=mark_{first.pk}][value='2']")).to_be_checked()
    expect(page.locator(f"input[name=mark_{second.pk}][value=confusion]")).to_be_checked()
    expect(page.locator(f"textarea[name=comment_{second.pk}]")).to_have_value("Unclear.")
    expect(page.locator("#sheet-progress")).to_contain_text("2")
    # Issue 15: kept on the device until the server has them, so a reload restores them too;
    # the notice is in the page's new language.
    expect(page.locator("#offline-status")).to_have_text(
        "Vos réponses non envoyées ont été restaurées."
    )
    page.reload()
    expect(page.locator(f"input[name=mark_{first.pk}][value='2']")).to_be_checked()


def test_without_javascript_the_switcher_on_a_sheet_says_unsent_marks_are_lost(
    site, browser, live_server
):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="en", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(f"/feedback/{site.sheet.code}/")
        page.locator("details.language-menu > summary").click()
        expect(page.locator("#language-unsent-note")).to_have_text(
            "Changing the language reloads this sheet: marks not yet sent will be lost."
        )
        expect(page.locator("#language-unsent-note")).to_be_visible()
    finally:
        context.close()
