"""The coalition's feedback report prints as a clean A4 document: a PDF with pages, nothing cut
at the right edge, no navigation, the URL and the date in the footer."""

import re

import pytest
from django.utils import timezone

from feedback.models import IssueAnswer
from tests.feedback.results_helpers import rate, respond

pytestmark = pytest.mark.browser

# A4 is 210 mm wide: 794 px at 96 dpi, less the print stylesheet's 12 mm margins on each side.
A4_CONTENT_WIDTH = 794 - 2 * round(12 / 25.4 * 96)

# Every element that sticks out past the page's right edge, or makes the page scroll sideways.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5) {
      out.push(element.tagName + '.' + element.className + ' ' + Math.round(box.right));
    }
  }
  const scrolled = document.documentElement.scrollWidth;
  if (scrolled > width) out.push('scrollWidth ' + scrolled);
  return out;
}"""


def _report_data(site):
    first, second = site.issues
    rate(site.sheet, first.title, (6, 5, 3, 2, 1, 2), stakeholder_group="civil_society")
    rate(site.sheet, second.title, (1, 2, 3, 4, 5, 1), stakeholder_group="academia")
    long_word = "Accessibility" * 12  # one long word must wrap, not run off the page
    respond(site.sheet, {first.title: "2"}, comments={first.title: f"Too vague. {long_word}"})
    IssueAnswer.objects.create(
        issue=first,
        version=1,
        decision="clarify",
        reply="We will reword it. " * 20,
        published_at=timezone.now(),
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_report_prints_to_a4_without_text_cut(site, new_context, language):
    _report_data(site)
    page = new_context(language=language, user=site.organiser).new_page()
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1123})
    page.goto(f"/coalitions/{site.coalition.slug}/report/")
    page.emulate_media(media="print")

    assert page.evaluate(OVERFLOW) == []
    hidden = page.evaluate(
        "() => [...document.querySelectorAll('.site-header, .site-footer, nav, form')]"
        ".every(e => !e.checkVisibility())"
    )
    assert hidden is True
    footer = page.locator(".print-footer")
    assert footer.evaluate("e => getComputedStyle(e).position") == "fixed"
    assert footer.inner_text().startswith(f"{page.url} — ")

    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages >= 2  # the respondents, then each issue from a new page
