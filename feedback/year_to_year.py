"""Year to year: an issue copied or redrafted from an earlier session's issue
(``coalitions.Issue.derived_from``) is shown beside that one's figures and answer.

The earlier figures come from ``results.visible_results`` of the earlier session, for the same
visitor (the one visibility predicate): one results call per earlier session, a fixed number of
queries whatever the number of issues.
"""

from dataclasses import dataclass

from coalitions.models import Issue

from . import selectors
from .models import RatingSheet
from .results import visible_results


@dataclass(frozen=True)
class Earlier:
    """The issue an issue was derived from, its figures as the visitor may see them (None when
    they may not, or it was not rated), and its published answers, newest first."""

    issue: Issue
    stats: dict | None
    answers: list


def earlier_issues(user, respondent_hash: str | None, issues) -> dict[int, Earlier]:
    """{issue id: Earlier} for the ``issues`` derived from an issue of an earlier session
    (2 queries, then one results call per earlier session and one query for the answers)."""
    issues = list(issues)
    wanted = {issue.pk: issue.derived_from_id for issue in issues if issue.derived_from_id}
    if not wanted:
        return {}
    sessions_of = {issue.pk: issue.output.session_id for issue in issues}
    earlier = {
        issue.pk: issue
        for issue in Issue.objects.filter(pk__in=set(wanted.values())).select_related(
            "output__session", "output__coalition"
        )
    }
    wanted = {
        pk: earlier_pk
        for pk, earlier_pk in wanted.items()
        if earlier_pk in earlier and earlier[earlier_pk].output.session_id != sessions_of[pk]
    }
    if not wanted:
        return {}
    output_ids = {earlier[earlier_pk].output_id for earlier_pk in wanted.values()}
    sheets = RatingSheet.objects.filter(output_id__in=output_ids).select_related("output__session")
    codes_by_session: dict[int, list[str]] = {}
    sessions = {}
    for sheet in sheets:
        session = sheet.output.session
        sessions[session.pk] = session
        codes_by_session.setdefault(session.pk, []).append(sheet.code)
    stats = {}
    for session_pk, codes in codes_by_session.items():
        for shown in visible_results(user, respondent_hash, sessions[session_pk], codes=codes):
            for item in shown.result.issues:
                stats[item.issue.pk] = item.stats
    answers = selectors.published_answers(wanted.values())
    return {
        pk: Earlier(
            issue=earlier[earlier_pk],
            stats=stats.get(earlier_pk),
            answers=answers.get(earlier_pk, []),
        )
        for pk, earlier_pk in wanted.items()
    }
