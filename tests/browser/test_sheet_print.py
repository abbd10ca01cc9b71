"""The paper rating sheet prints on one A4 page for up to 6 issues and on two for up to 12 (in
English), with the digits staff type (5…1 and 0) printed over the tick-box columns."""

import re

import pytest

from tests.factories import make_issue

pytestmark = pytest.mark.browser

# Titles as long as the real ones (the IRPC charter's, the network neutrality outcome's).
TITLES = [
    "Universality and equality of human rights online, for every person everywhere",
    "Rights and social justice: the Internet as a space for the promotion of human rights",
    "Accessibility: everyone has the right to access and make use of the Internet",
    "Expression and association: the right to seek, receive and impart information",
    "Privacy and data protection, including freedom from surveillance and censorship",
    "Life, liberty and security: the Internet must not be used to violate these rights",
    "Diversity: cultural and linguistic diversity on the Internet must be promoted",
    "Equality: the Internet shall be open to all, on a non-discriminatory basis",
    "Standards and regulation: the architecture must be based on open standards",
    "Governance: human rights and social justice must form the legal and normative basis",
    "Equal treatment of Internet traffic, whatever its sender, receiver or content",
    "Reasonable traffic management that is transparent, proportionate and temporary",
]


def _pages(site, new_context, count):
    first, second = site.issues
    first.title, second.title = TITLES[0], TITLES[1]
    first.save()
    second.save()
    for position in range(3, count + 1):
        make_issue(output=site.output, position=position, title=TITLES[position - 1])
    page = new_context().new_page()
    page.goto(f"/feedback/{site.sheet.code}/print/")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    return page, len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize(("issues", "pages"), [(2, 1), (4, 1), (6, 1), (10, 2), (12, 2)])
def test_sheet_prints_on_one_a4_page_per_six_issues(site, new_context, issues, pages):
    _page, printed = _pages(site, new_context, issues)

    assert printed == pages


def test_digits_are_printed_over_the_tick_box_columns(site, new_context):
    page, _printed = _pages(site, new_context, 2)
    page.emulate_media(media="print")

    table = page.locator(".paper-scale").first
    headers = table.locator("thead th")
    assert headers.locator(".paper-digit").all_inner_texts() == ["5", "4", "3", "2", "1", "0"]
    assert [text.split(maxsplit=1)[1] for text in headers.all_inner_texts()] == [
        "Strong agreement",
        "Agreement",
        "Neutral",
        "Disagreement",
        "Strong disagreement",
        "Confusion — the statement is unclear to me",
    ]
    # Each digit stands over its own tick box.
    digits = table.locator(".paper-digit").all()
    boxes = table.locator(".tick-box").all()
    assert len(boxes) == 6
    for digit, box in zip(digits, boxes, strict=True):
        over, under = digit.bounding_box(), box.bounding_box()
        assert over["y"] + over["height"] <= under["y"]
        centre = over["x"] + over["width"] / 2
        assert under["x"] <= centre <= under["x"] + under["width"]
