"""What feedback adds to the coalitions' pages: the sheet's links and state, the issues rated.

coalitions does not import feedback; its templates load this library instead
(``{% load sheet_links %}``), so every figure and link about rating comes from feedback.
"""

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from .. import respondent
from ..models import Channel, IssueAnswer, Rating, RatingSheet, counted_responses
from ..permissions import can_see_sheet_results

register = template.Library()


def _sheet_of(output) -> RatingSheet | None:
    sheet = RatingSheet.objects.filter(output=output).first()
    if sheet is not None:
        sheet.output = output  # already loaded: asking about the sheet needs no query for it
    return sheet


@register.simple_tag
def output_sheet(output):
    """The output's rating sheet (one query), or None: ``{% output_sheet output as sheet %}``."""
    return _sheet_of(output)


@register.simple_tag(takes_context=True)
def sheet_results_visible(context, sheet) -> bool:
    """May the visitor of this page (the context's request) open the sheet's results page?
    ``{% sheet_results_visible sheet as show_results %}``: no link to results they cannot see
    (at most one query for the coalitions they coordinate, one for whether they sent it)."""
    request = context.get("request")
    if sheet is None or request is None:
        return False
    return can_see_sheet_results(request.user, sheet, respondent.respondent_hash(request))


@register.filter
def is_open_now(sheet) -> bool:
    return sheet is not None and sheet.is_open(timezone.now())


@register.inclusion_tag("feedback/includes/portal_sheet.html")
def portal_sheet_panel(output):
    """The sheet's state on the output's portal page: when it opens and closes, and its counted
    responses online and on paper (2 queries)."""
    sheet = _sheet_of(output)
    counts = None
    if sheet is not None:
        counted = counted_responses()
        counts = sheet.responses.aggregate(
            online=Count("pk", filter=counted & Q(channel=Channel.ONLINE)),
            paper=Count("pk", filter=counted & Q(channel=Channel.PAPER)),
        )
    return {
        "output": output,
        "sheet": sheet,
        "counts": counts,
        "is_open": is_open_now(sheet),
        "has_closed": sheet is not None and sheet.has_closed(timezone.now()),
    }


@register.simple_tag
def rated_issue_ids(output) -> set[int]:
    """The output's issues that have ratings (withdrawn responses' too: a rating is never
    orphaned), which can only be hidden, not removed (one query)."""
    return set(
        Rating.objects.filter(issue__output=output)
        .order_by()
        .values_list("issue_id", flat=True)
        .distinct()
    )


@register.inclusion_tag("feedback/includes/portal_steps.html")
def portal_sheet_steps(output):
    """The portal checklist's last steps, which are feedback's: the sheet opens (when), and the
    coalition answers the feedback (done once an answer is published). Two queries."""
    sheet = _sheet_of(output)
    now = timezone.now()
    return {
        "output": output,
        "sheet": sheet,
        "has_opened": sheet is not None and sheet.opens_at is not None and sheet.opens_at <= now,
        "answered": sheet is not None
        and IssueAnswer.objects.published().filter(issue__output=output).exists(),
    }
