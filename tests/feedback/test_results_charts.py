"""The results' charts: SVG drawn on the server, sizes and colours as attributes (never a style),
marks in the scale's order (mirrored right to left), colours with AA contrast, the same numbers
in a table with escaped labels; figures in words where there is none."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from feedback.results.marks import MARKS
from feedback.results.stats import MarkCounts, issue_statistics
from feedback.templatetags.results_charts import interval, mark_bar, percent
from tests.test_security import inline_code


def _stats(*counts):
    return issue_statistics(MarkCounts(*counts), respondents=sum(counts))


def _parts(svg):
    """(mark, x, width) of each part of a bar, as drawn."""
    by_colour = {mark.colour: mark.value for mark in MARKS}
    return [
        (by_colour[colour], x, width)
        for x, width, colour in re.findall(
            r'<rect x="([\d.]+)" y="0" width="([\d.]+)" height="\d+" fill="(#[0-9a-f]{6})">', svg
        )
    ]


def test_mark_bar_parts_in_the_scales_order_with_white_gaps():
    with translation.override("en"):
        svg = mark_bar(_stats(2, 2, 0, 0, 0, 1))

    assert _parts(svg) == [
        ("5", "0.00", "118.40"),
        ("4", "120.40", "118.40"),
        ("confusion", "240.80", "59.20"),
    ]


def test_mark_bar_right_to_left_starts_on_the_right():
    with translation.override("ar"):
        svg = mark_bar(_stats(2, 2, 0, 0, 0, 1))

    assert _parts(svg) == [
        ("5", "181.60", "118.40"),
        ("4", "61.20", "118.40"),
        ("confusion", "0.00", "59.20"),
    ]


def _render(source, **context):
    with translation.override("en"):
        return Template("{% load results_charts %}" + source).render(Context(context))


def test_charts_are_svg_with_attributes_only_and_counts_in_text():
    html = _render(
        "{% mark_bar stats %}{% mark_distribution stats %}{% mark_legend %}",
        stats=_stats(30, 0, 0, 0, 0, 1),
    )

    assert inline_code(html) == []
    assert html.count("<svg") == 2 + len(MARKS)
    assert html.count('aria-hidden="true"') == 2 + len(MARKS)
    # The bar writes the count where it fits (30), not in a sliver (1); its tooltip names both.
    assert re.findall(r'dominant-baseline="central">(\d+)</text>', html.split("</svg>")[0]) == [
        "30"
    ]
    assert "<title>Confusion: 1</title>" in html


def test_mark_bar_without_marks_is_an_empty_outline():
    html = _render("{% mark_bar stats %}", stats=_stats(0, 0, 0, 0, 0, 0))

    assert '<rect x="0.5" y="0.5" width="299" height="27" fill="none" stroke="#5c6166"/>' in html


def test_mark_table_escapes_the_issue_title():
    html = _render("{% mark_table stats title %}", stats=_stats(1, 0, 0, 0, 0, 0), title="<b>x</b>")

    assert "<caption>Marks for “&lt;b&gt;x&lt;/b&gt;”</caption>" in html
    assert "<b>" not in html


def test_mark_table_keeps_an_issue_title_isolated_in_its_own_direction():
    html = _render(
        "{% load bidi %}{% mark_table stats title|bidi:'en' %}",
        stats=_stats(1, 0, 0, 0, 0, 0),
        title="A & <b>",
    )

    assert '<caption>Marks for “<bdi lang="en">A &amp; &lt;b&gt;</bdi>”</caption>' in html


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("mark", MARKS, ids=[m.value for m in MARKS])
def test_mark_colours_pass_wcag_aa_against_white(mark):
    ratio = (1 + 0.05) / (_luminance(mark.colour) + 0.05)

    # White counts on the colour are text (4.5:1); the colour against the white page and gaps
    # is a graphic (3:1).
    assert ratio >= 4.5


def test_mark_colours_are_six_different_ones():
    assert len({mark.colour for mark in MARKS}) == 6


def test_figures_undefined_say_so_in_words():
    with translation.override("en"):
        answers = (percent(None), percent(72.4), interval(None, None), interval(31.2, 83.5))

    assert answers == (
        '<span aria-hidden="true">—</span><span class="visually-hidden">no figure</span>',
        "72%",
        '<span aria-hidden="true">—</span><span class="visually-hidden">no figure</span>',
        '<bdi dir="ltr">31\u201384%</bdi>',
    )
