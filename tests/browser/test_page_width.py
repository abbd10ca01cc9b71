"""No page is wider than the viewport on a small phone (320 and 375 px), in English and Arabic.

Each public page is reached as in the axe test (tests/browser/test_accessibility.py: PAGES), and
its document's scrollWidth compared with the viewport's width at both sizes.
"""

import pytest

from tests.browser.test_accessibility import LANGUAGES, PAGES

pytestmark = pytest.mark.browser

WIDTHS = (320, 375)
PUBLIC = [name for name, (who, _visit) in PAGES.items() if who is None]

_OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1
      || el.getBoundingClientRect().left < -1)
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC)
def test_public_page_is_no_wider_than_a_phone(name, language, site, new_context):
    _who, visit = PAGES[name]
    page = new_context(viewport={"width": WIDTHS[-1], "height": 667}, language=language).new_page()
    visit(page, site, language)

    measured = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 667})
        measured[width] = page.evaluate(_OVERFLOW)

    too_wide = {width: m for width, m in measured.items() if m["scroll"] > width}
    assert too_wide == {}, f"{page.url} ({language}) scrolls sideways: {too_wide}"
