"""The coalition's published answers on any page (``{% load issue_answers %}``): coalitions'
templates load this library, as coalitions does not import feedback.

``{% issue_answers issues as answers %}`` reads every published version of these issues in one
query; then ``{% include "feedback/includes/issue_answer.html" with
versions=answers|answers_of:issue.pk %}`` shows one issue's.
"""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def issue_answers(issues) -> dict[int, list]:
    """{issue id: published versions, newest first} (one query)."""
    return selectors.published_answers(issue.pk for issue in issues)


@register.filter
def answers_of(answers: dict, issue_id) -> list:
    return answers.get(issue_id, []) if answers else []
