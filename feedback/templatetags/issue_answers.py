"""The coalition's published answers on any page (``{% load issue_answers %}``): coalitions'
templates load this library, as coalitions does not import feedback.

``{% issue_answers issues as answers %}`` reads every published version of these issues in one
query; then ``{% include "feedback/includes/issue_answer.html" with
versions=answers|answers_of:issue.pk %}`` shows one issue's.
"""

from django import template

from .. import respondent, selectors
from ..answer_forms import AnswersForm
from ..models import RatingSheet
from ..permissions import can_answer_feedback
from ..results import visible_results
from ..year_to_year import earlier_issues

register = template.Library()


@register.simple_tag
def issue_answers(issues) -> dict[int, list]:
    """{issue id: published versions, newest first} (one query)."""
    return selectors.published_answers(issue.pk for issue in issues)


@register.filter
def answers_of(answers: dict, issue_id) -> list:
    return answers.get(issue_id, []) if answers else []


@register.inclusion_tag("feedback/includes/portal_answers.html", takes_context=True)
def portal_answers_panel(context, output, issues):
    """The answers on the output's portal page: the form for every issue, the drafts to publish
    or discard, or when answering opens (3 queries: the sheet, the coordinators, the answers)."""
    user = context["request"].user
    sheet = RatingSheet.objects.filter(output=output).first()
    panel = {"output": output, "coalition": output.coalition, "sheet": sheet}
    panel["may_answer"] = can_answer_feedback(user, output)
    if panel["may_answer"]:
        answers = selectors.portal_answers(output)
        shown = [issue for issue in issues if not issue.is_hidden]
        panel["answers"] = answers
        panel["form"] = AnswersForm(issues=shown, current=answers.current())
        panel["drafts"] = [
            (issue, answers.drafts[issue.pk]) for issue in shown if issue.pk in answers.drafts
        ]
    return panel


@register.simple_tag(takes_context=True)
def year_to_year(context, output, issues) -> dict[int, dict]:
    """{issue id: {"earlier": year_to_year.Earlier, "stats": this year's figures or None}} for
    the issues derived from an earlier session's, as this visitor may see them (no query when
    none is; else a fixed number, one results call per session)."""
    request = context["request"]
    respondent_hash = respondent.respondent_hash(request)
    earlier = earlier_issues(request.user, respondent_hash, issues)
    if not earlier:
        return {}
    stats = {}
    sheet = RatingSheet.objects.filter(output=output).first()
    if sheet is not None:
        shown = visible_results(request.user, respondent_hash, output.session, codes=[sheet.code])
        for visible in shown:
            stats.update({item.issue.pk: item.stats for item in visible.result.issues})
    return {
        issue_id: {"earlier": item, "stats": stats.get(issue_id)}
        for issue_id, item in earlier.items()
    }
