"""The participant's sheet on a 375 x 667 phone: what shows on the first screen, the marks' row,
the bar at the bottom and the folded contact section."""

from itertools import pairwise

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="en", java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def _sheet(site, new_context):
    page = new_context(viewport=PHONE).new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    return page


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_first_rating_control_is_on_the_first_phone_screen(site, new_context, language):
    page = new_context(viewport=PHONE, language=language).new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    first_mark = page.locator(".scale-choice label").first
    box = first_mark.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    # The language choice is still there, as a small menu.
    expect(page.locator("details.language-menu #language-switcher-select")).to_be_attached()


SCALE = [
    "Strong agreement",
    "Agreement",
    "Neutral",
    "Disagreement",
    "Strong disagreement",
]
CONFUSION = "Confusion — the statement is unclear to me"

_MARKS = """(fieldset) => [...fieldset.querySelectorAll('input[type=radio]')].map((radio) => {
  const label = radio.labels[0];
  const box = label.getBoundingClientRect();
  const style = getComputedStyle(label);
  return {name: radio.name, value: radio.value, text: label.textContent,
          x: box.x, y: box.y, w: box.width, h: box.height,
          stripe: style.borderInlineStartColor, background: style.backgroundColor};
})"""


def _luminance(rgb: str) -> float:
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted([_luminance(one), _luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 320, "height": 640}, DESKTOP])
def test_marks_are_the_scale_in_the_paper_order_with_confusion_apart(site, new_context, viewport):
    page = new_context(viewport=viewport).new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    assert page.locator("fieldset fieldset").count() == 0
    for number, issue in enumerate(site.issues, start=1):
        fieldset = page.get_by_role("group", name=f"{number}. {issue.title}")
        expect(fieldset.locator("legend")).to_have_text(f"{number}. {issue.title}")
        marks = fieldset.evaluate(_MARKS)
        assert [mark["text"] for mark in marks] == [*SCALE, CONFUSION]
        assert {mark["name"] for mark in marks} == {f"mark_{issue.pk}"}
        assert [mark["value"] for mark in marks] == ["5", "4", "3", "2", "1", "confusion"]
        for mark in marks:
            assert mark["w"] >= 44 and mark["h"] >= 44, mark
        five, confusion = marks[:5], marks[5]
        # Reading order never changes: each mark after the one before, in a row or a column.
        for before, after in pairwise(five):
            assert after["y"] > before["y"] or (
                after["y"] == before["y"] and after["x"] > before["x"]
            ), (before, after)
        if viewport is DESKTOP:
            assert len({mark["y"] for mark in five}) == 1, "the five marks are one row"
        # Confusion below the scale, with its own look and a "?" outside its label.
        assert confusion["y"] >= max(mark["y"] + mark["h"] for mark in five) + 8
        assert confusion["stripe"] not in {mark["stripe"] for mark in five}
        sign = fieldset.locator(".confusion-sign")
        expect(sign).to_have_text("?")
        expect(sign).to_have_attribute("aria-hidden", "true")
        # The colour scale: five different stripes, each 3:1 against the label's background.
        assert len({mark["stripe"] for mark in five}) == 5
        for mark in five:
            assert _contrast(mark["stripe"], mark["background"]) >= 3, mark


def test_marks_still_work_as_radios_without_javascript(site, no_script_page):
    page = no_script_page
    page.goto(f"/feedback/{site.sheet.code}/")
    first = site.issues[0]
    fieldset = page.get_by_role("group", name=f"1. {first.title}")
    fieldset.get_by_text("Confusion — the statement is unclear to me").click()
    expect(fieldset.get_by_role("radio", name="Confusion")).to_be_checked()
    fieldset.get_by_text("Strong disagreement").click()
    expect(fieldset.get_by_role("radio", name="Strong disagreement")).to_be_checked()
    expect(fieldset.get_by_role("radio", name="Confusion")).not_to_be_checked()


def _in_viewport(locator) -> bool:
    box = locator.bounding_box()
    return box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_progress_and_send_button_stay_in_a_bar_at_the_bottom(site, new_context):
    page = _sheet(site, new_context)
    progress = page.locator("#sheet-progress")
    send = page.get_by_role("button", name="Send my answers")
    expect(progress).to_have_text("0 of 2 rated")
    assert _in_viewport(progress) and _in_viewport(send)
    assert send.bounding_box()["y"] + send.bounding_box()["height"] > PHONE["height"] - 80
    first, second = site.issues
    page.get_by_role("group", name=f"1. {first.title}").get_by_text("Neutral").click()
    expect(progress).to_have_text("1 of 2 rated")
    issue_2 = page.get_by_role("group", name=f"2. {second.title}")
    issue_2.get_by_text("Confusion — the statement is unclear to me").click()
    expect(progress).to_have_text("2 of 2 rated")
    # Half way down, still within reach; the button is the form's own submit button.
    page.get_by_label("Your UN regional group").scroll_into_view_if_needed()
    assert _in_viewport(progress) and _in_viewport(send)
    assert send.evaluate("b => b.type === 'submit' && b.form.classList.contains('rating-sheet')")
    # It comes after the last issue, the profile and the contact section in the tab order.
    page.get_by_label("You are taking part").focus()
    page.keyboard.press("Tab")
    expect(page.locator("summary", has_text="Contact details (optional)")).to_be_focused()
    page.keyboard.press("Tab")
    expect(send).to_be_focused()


def test_contact_section_is_folded_and_the_profile_is_short(site, new_context):
    page = _sheet(site, new_context)
    contact = page.locator("details.contact-details")
    expect(contact).not_to_have_attribute("open", "")
    expect(page.get_by_label("E-mail", exact=True)).to_be_hidden()
    profile = page.get_by_role("group", name="About you (optional)")
    expect(profile).to_be_visible()
    top = profile.get_by_label("Your stakeholder group").bounding_box()["y"]
    last = profile.get_by_label("You are taking part").bounding_box()
    assert last["y"] + last["height"] - top < PHONE["height"] - 120  # the bar takes the rest
    page.locator("summary", has_text="Contact details (optional)").click()
    expect(page.get_by_label("E-mail", exact=True)).to_be_visible()


def test_contact_section_opens_on_its_error_and_progress_counts_without_javascript(
    site, no_script_page
):
    page = no_script_page
    page.goto(f"/feedback/{site.sheet.code}/")
    first = site.issues[0]
    expect(page.locator("#sheet-progress")).to_have_text("0 of 2 rated")
    page.get_by_role("group", name=f"1. {first.title}").get_by_text("Agreement", exact=True).click()
    page.locator("summary", has_text="Contact details (optional)").click()
    page.get_by_label("E-mail", exact=True).fill("ana@example.org")
    page.get_by_role("button", name="Send my answers").click()

    contact = page.locator("details.contact-details")
    expect(contact).to_have_attribute("open", "")
    expect(contact.get_by_text("Tick the consent box to leave contact details")).to_be_visible()
    expect(page.get_by_label("E-mail", exact=True)).to_have_value("ana@example.org")
    expect(page.locator("#sheet-progress")).to_have_text("1 of 2 rated")


def test_promise_names_the_results_and_thanks_page_leads_there(site, new_context):
    page = _sheet(site, new_context)
    expect(page.locator(".sheet-instructions")).to_contain_text("its results are on the Results")
    first = site.issues[0]
    page.get_by_role("group", name=f"1. {first.title}").get_by_text("Neutral").click()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your answers are saved")
    page.get_by_role("link", name="this sheet's results").click()
    expect(page).to_have_url(
        f"{page.url.split('/feedback/')[0]}/feedback/results/{site.sheet.code}/"
    )
    assert page.get_by_role("heading", level=1).count() == 1
