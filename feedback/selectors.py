"""Reads for the results pages, each one query whatever the number of responses: the sheet asked
for, the visitor's own marks, and the comments a visitor may read."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from .models import IssueAnswer, Mark, Rating, RatingSheet, Response, counted_responses
from .results.marks import MARK_LABELS


def sheet_for_results(code: str) -> RatingSheet:
    """The sheet with its output, coalition and session (one query), or 404."""
    return get_object_or_404(
        RatingSheet.objects.select_related("output__coalition", "output__session"), code=code
    )


def own_marks(sheet: RatingSheet, respondent_hash: str | None) -> dict[int, str]:
    """{issue id: the mark's short label} of this visitor's response to the sheet (one query;
    none without a respondent token)."""
    if not respondent_hash:
        return {}
    rows = Rating.objects.filter(
        response__sheet=sheet, response__respondent_hash=respondent_hash
    ).values_list("issue_id", "mark")
    return {issue_id: str(MARK_LABELS[mark]) for issue_id, mark in rows}


@dataclass(frozen=True)
class Comment:
    text: str
    hidden: bool  # only ever True for visitors who may see hidden comments
    hidden_reason: str = ""


@dataclass(frozen=True)
class MarkComments:
    """The comments given with one mark."""

    mark: str
    label: str
    comments: list[Comment]


def issue_comments(
    sheet: RatingSheet, *, issue_ids: list[int], with_hidden: bool
) -> dict[int, list[MarkComments]]:
    """{issue id: its comments grouped by mark, marks in the scale's order} over the sheet's counted
    responses, for the issues given (those the visitor sees). Hidden comments only
    ``with_hidden``, marked (one query)."""
    ratings = (
        Rating.objects.filter(response__sheet=sheet, issue_id__in=issue_ids)
        .filter(counted_responses("response__"))
        .exclude(comment="")
        .order_by("response__filled_in_at", "pk")
        .values_list("issue_id", "mark", "comment", "comment_hidden_at", "comment_hidden_reason")
    )
    if not with_hidden:
        ratings = ratings.filter(comment_hidden_at__isnull=True)
    grouped: dict[int, dict[str, list[Comment]]] = {}
    for issue_id, mark, text, hidden_at, reason in ratings:
        comment = Comment(text=text, hidden=hidden_at is not None, hidden_reason=reason)
        grouped.setdefault(issue_id, {}).setdefault(mark, []).append(comment)
    return {
        issue_id: [
            MarkComments(mark=mark, label=str(MARK_LABELS[mark]), comments=by_mark[mark])
            for mark in Mark.values
            if mark in by_mark
        ]
        for issue_id, by_mark in grouped.items()
    }


def overall_comments(sheet: RatingSheet, *, with_hidden: bool) -> list[Comment]:
    """The overall comments of the sheet's counted responses, oldest first; hidden ones only
    ``with_hidden``, marked (one query)."""
    responses = (
        Response.objects.filter(sheet=sheet)
        .counted()
        .exclude(overall_comment="")
        .order_by("filled_in_at", "pk")
        .values_list(
            "overall_comment", "overall_comment_hidden_at", "overall_comment_hidden_reason"
        )
    )
    if not with_hidden:
        responses = responses.filter(overall_comment_hidden_at__isnull=True)
    return [
        Comment(text=text, hidden=hidden_at is not None, hidden_reason=reason)
        for text, hidden_at, reason in responses
    ]


def published_answers(issue_ids) -> dict[int, list]:
    """{issue id: its published answers, newest version first} for these issues (one query)."""
    grouped: dict[int, list] = {}
    rows = IssueAnswer.objects.published().filter(issue_id__in=list(issue_ids))
    for answer in rows.order_by("issue_id", "-version"):
        grouped.setdefault(answer.issue_id, []).append(answer)
    return grouped


@dataclass(frozen=True)
class PortalAnswers:
    """An output's answers as its coordinators see them."""

    published: dict[int, list]  # {issue id: published versions, newest first}
    drafts: dict[int, object]  # {issue id: its draft}

    def current(self) -> dict[int, object]:
        """{issue id: its draft, or else its latest published version}."""
        latest = {issue_id: versions[0] for issue_id, versions in self.published.items()}
        return {**latest, **self.drafts}


def portal_answers(output) -> PortalAnswers:
    """Every answer to the output's issues, drafts and published versions (one query)."""
    published: dict[int, list] = {}
    drafts: dict[int, object] = {}
    rows = IssueAnswer.objects.filter(issue__output=output).order_by("issue_id", "-version")
    for answer in rows:
        if answer.is_published:
            published.setdefault(answer.issue_id, []).append(answer)
        else:
            drafts[answer.issue_id] = answer
    return PortalAnswers(published=published, drafts=drafts)
