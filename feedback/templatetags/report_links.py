"""The link to a coalition's feedback report, only where the visitor may open it
(``{% load report_links %}``; coalitions' templates load it, as coalitions does not import
feedback)."""

from django import template
from django.urls import reverse

from igfsession.context_processors import request_current_session

from .. import respondent
from ..models import RatingSheet
from ..permissions import can_see_sheet_results

register = template.Library()


@register.simple_tag(takes_context=True)
def coalition_report_url(context, coalition, output=None, visible=None) -> str:
    """The report's URL if this visitor may open it, else "": the coalition's output in the
    current session has a sheet whose results they may see. With ``output``, only if the report
    is about that output; with ``visible`` too, the page has already asked the predicate about
    that output's sheet (``sheet_results_visible``): no query. (Else one query for the sheet, at
    most two for the predicate.)"""
    request = context.get("request")
    if request is None:
        return ""
    session = request_current_session(request)
    if session is None or (output is not None and output.session_id != session.pk):
        return ""
    url = reverse("coalitions:report", kwargs={"slug": coalition.slug})
    if output is not None and visible is not None:
        return url if visible else ""
    sheet = (
        RatingSheet.objects.select_related("output")
        .filter(output__coalition=coalition, output__session=session)
        .first()
    )
    if sheet is None:
        return ""
    if not can_see_sheet_results(request.user, sheet, respondent.respondent_hash(request)):
        return ""
    return url
