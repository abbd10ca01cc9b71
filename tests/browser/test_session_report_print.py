"""The session report prints on A4: Chromium makes a PDF with pages, and in print emulation at
A4's width nothing sticks out past the page's edge (no text cut at the right, or at the left in
Arabic), the navigation is gone and the footer with the URL and the date is there."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import DebateItem
from tests.factories import make_coalition
from tests.feedback.results_helpers import rate, results_sheet

pytestmark = pytest.mark.browser

A4_WIDTH = 794  # CSS pixels at 96 dpi: 210 mm
LONG = (  # at most 255 characters, a title's limit (PostgreSQL enforces it)
    "A very long issue title about universal and affordable public access to the Internet in "
    "libraries and schools, with Supercalifragilisticexpialidociously-long "
    "words and https://example.org/a/very/long/address/that/does/not/break/by/itself/at/all"
)

_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      out.push(`${element.tagName}.${element.className}: ${box.left}..${box.right}`);
    }
  }
  return {width, scroll: document.documentElement.scrollWidth, out};
}"""


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture
def report_site(site):
    first, second = (issue.title for issue in site.issues)
    rate(site.sheet, first, (6, 5, 3, 2, 1, 2), stakeholder_group="civil_society")
    rate(site.sheet, second, (1, 2, 3, 4, 5, 1), stakeholder_group="academia")
    other = results_sheet(
        site.session,
        code="long",
        titles=(LONG, "Skills"),
        closed=True,
        coalition=make_coalition(name="Dynamic Coalition on a Long Name", slug="dc-long"),
        title="An output with a long title to see how the report wraps it on paper",
    )
    rate(other, LONG, (8, 4, 2, 0, 0, 1), stakeholder_group="government")
    DebateItem.objects.create(
        session=site.session,
        issue=other.output.issues.get(position=1),
        position=1,
        outcome_note="Sample note: " + LONG,
    )
    return site


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_report_prints_on_a4_without_cut_text(report_site, new_context, language):
    page = new_context(
        viewport={"width": A4_WIDTH, "height": 1123}, language=language, user=report_site.organiser
    ).new_page()
    page.goto("/feedback/report/")
    page.emulate_media(media="print")

    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".print-footer")).to_be_visible()
    expect(page.locator(".print-footer")).to_contain_text("/feedback/report/")
    measured = page.evaluate(_OVERFLOW)
    assert measured["out"] == []
    assert measured["scroll"] <= measured["width"]

    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    # The first page, then each of the two outputs on a page of its own.
    assert _pages(pdf) >= 3
