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


def test_first_rating_control_is_on_the_first_phone_screen(site, new_context):
    page = _sheet(site, new_context)
    first_mark = page.locator(".scale-choice label").first
    box = first_mark.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    # The language choice is still there, as a small menu.
    expect(page.get_by_label("Language")).to_be_attached()


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
