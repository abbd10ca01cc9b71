"""English text written by a coalition, on Arabic pages, is laid out left to right (issue 12).

The page runs right to left; an English issue title inside it must not ("Universality and
equality .1"): the element holding it takes its direction from its own first letter.
"""

import pytest
from playwright.sync_api import expect

from coalitions.models import Issue
from tests.browser.helpers import PHONE

pytestmark = pytest.mark.browser

ISSUE = "Universality and equality."

# The left edges of the first and the last letter of the element's text, as laid out.
_LETTER_EDGES = """(el) => {
  const node = el.firstChild;
  const edge = (i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect().left;
  };
  return [edge(0), edge(node.length - 1)];
}"""


def _direction(locator) -> str:
    return locator.evaluate("(el) => getComputedStyle(el).direction")


@pytest.fixture
def english_issue(site):
    issue = site.issues[0]
    Issue.objects.filter(pk=issue.pk).update(title=ISSUE)
    return issue


def test_english_issue_title_reads_left_to_right_on_the_arabic_sheet(
    site, english_issue, new_context
):
    page = new_context(viewport=PHONE, language="ar").new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    legend = page.locator(f"#issue-{english_issue.pk} legend")
    title = legend.locator("bdi")
    expect(title).to_have_text(ISSUE)
    expect(title).to_have_attribute("lang", "en")
    assert _direction(legend) == "rtl"  # the number, "1.", is the page's
    assert _direction(title) == "ltr"
    first, last = title.evaluate(_LETTER_EDGES)
    assert first < last  # "U" at the left, the full stop at the right
    output_title = page.get_by_role("heading", level=1)
    expect(output_title).to_have_text(site.output.title)
    assert _direction(output_title) == "ltr"


def test_english_issue_title_reads_left_to_right_on_the_arabic_output_page(
    site, english_issue, new_context
):
    page = new_context(language="ar").new_page()
    page.goto(site.output.get_absolute_url())

    title = page.locator(f"#issue-{english_issue.pk} a.issue-title")
    expect(title).to_have_text(ISSUE)
    assert _direction(page.locator("html")) == "rtl"
    assert _direction(title) == "ltr"
    first, last = title.evaluate(_LETTER_EDGES)
    assert first < last


def test_slot_redrawn_by_the_now_page_script_reads_left_to_right_in_arabic(site, new_context):
    page = new_context(language="ar").new_page()
    page.goto("/agenda/now/")
    # The first poll redraws "on now" and "next" from now.json (agenda.js).
    expect(page.locator("#now-checked")).to_be_visible()

    title = page.locator("#now-slot [data-f=title]")
    expect(title).to_have_text(site.slots[0].title)
    expect(title).to_have_attribute("dir", "auto")
    assert _direction(title) == "ltr"
    output = page.locator("#next-slot [data-f=output]")
    expect(output).to_have_text(site.output.title)
    expect(output).to_have_attribute("dir", "auto")
    assert _direction(output) == "ltr"
