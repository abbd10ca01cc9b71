"""The results' charts and figures in templates: server-rendered SVG (sizes and colours as SVG
attributes, so the Content Security Policy holds) and figures in the visitor's language.

Every chart is hidden from screen readers (``aria-hidden``) because the same numbers are in a
real table next to it; its geometry is computed here, its labels escaped by the template. Marks
keep the scale's order (mirrored on right-to-left pages) and are said in text, not colour alone.
"""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, gettext, pgettext

from ..permissions import results_withheld_until
from ..results.marks import MARKS
from ..results.rows import has_few_marks, is_divided
from ..results.stats import (
    BALANCE_MIN_MARKS,
    BROAD_SUPPORT_GROUPS,
    DIVIDED,
    IRS_ENOUGH_MARKS,
    IRS_SMALL_SHEET,
    SMALL_CELL,
)

register = template.Library()

BAR_WIDTH = 300
BAR_HEIGHT = 28
BAR_GAP = 2  # white between a bar's parts: each colour stands against white
DIGIT_WIDTH = 9  # room a digit of the count needs inside its part
ROW_HEIGHT = 30
CHART_WIDTH = 420
LABEL_WIDTH = 170
VALUE_WIDTH = 50


def _n(value: float) -> str:
    """A number for an SVG attribute: always a dot, whatever the language (never "-0.00")."""
    return f"{round(value, 2) + 0.0:.2f}"


def no_figure():
    return format_html(
        '<span aria-hidden="true">—</span><span class="visually-hidden">{}</span>',
        gettext("no figure"),
    )


register.filter("withheld_until", results_withheld_until)
register.filter("few_marks", has_few_marks)
register.filter("divided", is_divided)


@register.simple_tag
def small_cell() -> int:
    return SMALL_CELL


@register.filter
def percent(value):
    """72.4 → "72%" in the visitor's language; undefined → a dash ("no figure" for readers)."""
    if value is None:
        return no_figure()
    return pgettext("a percentage", "%(value)s%%") % {"value": floatformat(value, 0)}


@register.filter
def decimal(value, places=1):
    if value is None:
        return no_figure()
    return floatformat(value, places)


@register.simple_tag
def interval(low, high):
    """A 95 % interval of percentages, 60 to 81 written with an en dash between."""
    if low is None or high is None:
        return no_figure()
    # Isolated left to right: in a right-to-left line the two ends would swap places.
    return format_html(
        '<bdi dir="ltr">{}</bdi>',
        pgettext("a range of percentages", "%(low)s–%(high)s%%")  # noqa: RUF001 (an en dash)
        % {"low": floatformat(low, 0), "high": floatformat(high, 0)},
    )


def _counts(stats: dict) -> list[tuple]:
    return [(mark, stats[mark.field]) for mark in MARKS]


@register.simple_tag
def mark_bar(stats: dict, width: int = BAR_WIDTH, height: int = BAR_HEIGHT):
    """The six marks as one stacked bar, in the scale's order, each part as wide as its count's
    share of the marks, its count written in it where it fits.

    Written here rather than by a template: the overview draws one per issue, and a template per
    bar cost most of the page's time.
    """
    rtl = get_language_bidi()
    present = [(mark, count) for mark, count in _counts(stats) if count]
    total = sum(count for _mark, count in present)
    usable = width - BAR_GAP * (len(present) - 1)
    text_y, font_size = _n(height / 2), _n(height * 0.5)
    parts, start = [], 0.0
    for mark, count in present:
        part = usable * count / total
        x = width - start - part if rtl else start
        parts.append(
            format_html(
                '<rect x="{}" y="0" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                _n(x),
                _n(part),
                height,
                mark.colour,
                mark.label,
                count,
            )
        )
        if part >= DIGIT_WIDTH * len(str(count)) + 6:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" fill="#ffffff" font-size="{}" text-anchor="middle" '
                    'dominant-baseline="central">{}</text>',
                    _n(x + part / 2),
                    text_y,
                    font_size,
                    count,
                )
            )
        start += part + BAR_GAP
    if not parts:
        parts.append(
            format_html(
                '<rect x="0.5" y="0.5" width="{}" height="{}" fill="none" stroke="#5c6166"/>',
                width - 1,
                height - 1,
            )
        )
    return format_html(
        '<svg class="mark-bar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'width="{}" height="{}" direction="ltr" aria-hidden="true">{}</svg>',
        width,
        height,
        width,
        height,
        mark_safe("".join(parts)),  # noqa: S308 (each part built by format_html above)
    )


@register.inclusion_tag("feedback/includes/mark_distribution.html")
def mark_distribution(stats: dict):
    """The six marks as six bars, one per line in the scale's order: the mark's name, a bar as
    long as its count's share of the marks, the count."""
    rtl = get_language_bidi()
    marks = stats["marks"]
    bar_space = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows = []
    for index, (mark, count) in enumerate(_counts(stats)):
        length = bar_space * count / marks if marks else 0
        if rtl:  # mirrored: the name on the right, the bar growing leftwards
            bar_x = CHART_WIDTH - LABEL_WIDTH - length
            label_x, value_x = CHART_WIDTH, bar_x - 6
        else:
            label_x, bar_x, value_x = 0, LABEL_WIDTH, LABEL_WIDTH + length + 6
        y = index * ROW_HEIGHT
        rows.append(
            {
                "mark": mark,
                "count": count,
                "label_x": _n(label_x),
                "bar_x": _n(bar_x),
                "bar_y": _n(y + 4),
                "bar_width": _n(length),
                "bar_height": _n(ROW_HEIGHT - 8),
                "value_x": _n(value_x),
                "text_y": _n(y + ROW_HEIGHT / 2),
            }
        )
    # Text starts at its x: on the left of the text left to right, on its right right to left
    # (the SVG says its direction rather than inheriting the page's).
    return {
        "rows": rows,
        "width": CHART_WIDTH,
        "height": ROW_HEIGHT * len(MARKS),
        "direction": "rtl" if rtl else "ltr",
    }


@register.simple_tag
def mark_table(stats: dict, title: str):
    """The same counts as the charts, in a real table (visually hidden on screen, printed).

    ``title`` is escaped here, unless it is already safe: an issue's title isolated in its own
    direction and language (``item.issue.title|bidi:output.language``) keeps its ``<bdi>``.
    """
    counts = _counts(stats)
    pattern = gettext("Marks for “%(title)s”")
    caption = mark_safe(pattern % {"title": conditional_escape(title)})  # noqa: S308 (escaped)
    return format_html(
        '<div class="chart-data">\n  <table>\n    <caption>{}</caption>\n'
        "    <thead><tr>{}</tr></thead>\n    <tbody><tr>{}</tr></tbody>\n  </table>\n</div>\n",
        caption,
        format_html_join("", '<th scope="col">{}</th>', ((mark.label,) for mark, _c in counts)),
        format_html_join("", "<td>{}</td>", ((count,) for _m, count in counts)),
    )


@register.inclusion_tag("feedback/includes/mark_legend.html")
def mark_legend():
    """The marks in the bars' order, each with its colour and name."""
    return {"marks": MARKS}


@register.inclusion_tag("feedback/includes/results_note.html")
def results_note(full: bool = False):
    """What each figure means and how sure it is, in plain words; ``full``: also the figures only
    an output's own page shows."""
    return {
        "full": full,
        "enough_marks": IRS_ENOUGH_MARKS,
        "small_sheet": IRS_SMALL_SHEET,
        "divided_share": floatformat(DIVIDED * 100 / 2, 0),
        "broad_groups": BROAD_SUPPORT_GROUPS,
        "group_marks": BALANCE_MIN_MARKS,
        "small_cell": SMALL_CELL,
    }
