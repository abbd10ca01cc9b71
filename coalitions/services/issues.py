"""An output's main issues: added, edited, moved, hidden, shown and removed.

Coordinators change them until participants can rate them (the output's rating opens); organisers
may change them later, and every change made after that moment is recorded (``IssueChange``),
whether it is made in the portal or in the admin. A rating protects its issue: an issue with
ratings is never removed, only hidden, and a hidden issue keeps its ratings.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Issue, IssueChange, Output
from ..permissions import can_change_issues, can_manage_coalition
from ..signals import issues_changed
from ._common import lock, set_fields, venue_moment

ISSUE_FIELDS = ("title", "summary", "reference")


def issues_frozen_message(output: Output) -> str:
    return _(
        "The rating sheet opened on %(opened)s, so the issues are frozen: participants "
        "are rating them. Write to the organisers if one needs a correction."
    ) % {"opened": venue_moment(output.session, output.rating_opens_at)}


def issue_has_ratings_message(issue: Issue) -> str:
    return _(
        "“%(title)s” can no longer be removed: it has ratings. Hide it instead; its ratings are "
        "kept."
    ) % {"title": issue.title}


def _ensure_issues_editable(output: Output, user, at: datetime | None) -> None:
    if not can_manage_coalition(user, output.coalition):
        raise PermissionDenied
    if not can_change_issues(user, output, at=at):
        raise ValidationError(issues_frozen_message(output), code="frozen")


def _snapshot(issue: Issue) -> dict:
    return {
        "title": issue.title,
        "summary": issue.summary,
        "reference": issue.reference,
        "position": issue.position,
        "is_hidden": issue.is_hidden,
    }


def _record(output, issue, action, user, at, before=None, after=None) -> None:
    """Tell the apps above that the output's issues changed, and record a change made after
    rating started: participants may have seen both versions."""
    issues_changed.send(sender=Issue, output=output)
    moment = at or timezone.now()
    if not output.rating_has_started(moment):
        return
    change = IssueChange(
        output=output,
        issue=issue,
        issue_title=issue.title,
        action=action,
        before=before or {},
        after=after or {},
        changed_by=user if user.is_authenticated else None,
        changed_at=moment,
    )
    change.full_clean()
    change.save()


@transaction.atomic
def issue_create(
    *,
    output: Output,
    user,
    at: datetime | None = None,
    derived_from: Issue | None = None,
    **fields,
) -> Issue:
    """A new issue, placed last; ``derived_from``: the earlier session's issue it copies."""
    _ensure_issues_editable(output, user, at)
    lock(output)
    highest = output.issues.aggregate(highest=Max("position"))["highest"] or 0
    issue = Issue(output=output, position=highest + 1, derived_from=derived_from)
    set_fields(issue, ISSUE_FIELDS, fields)
    issue.full_clean()
    issue.save()
    _record(output, issue, IssueChange.Action.ADDED, user, at, after=_snapshot(issue))
    return issue


@transaction.atomic
def issue_update(*, issue: Issue, user, at: datetime | None = None, **fields) -> Issue:
    _ensure_issues_editable(issue.output, user, at)
    before = _snapshot(issue)
    set_fields(issue, ISSUE_FIELDS, fields)
    issue.full_clean()
    issue.save()
    after = _snapshot(issue)
    changed = [key for key in after if after[key] != before[key]]
    if changed:
        _record(
            issue.output,
            issue,
            IssueChange.Action.EDITED,
            user,
            at,
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
        )
    return issue


@transaction.atomic
def issue_move_to(*, issue: Issue, user, position: int, at: datetime | None = None) -> Issue:
    """Put an issue at a place (1 is first) among its output's issues, hidden ones included.

    Positions are renumbered 1, 2, 3 ... on the way; a place past the end means last.
    """
    output = issue.output
    _ensure_issues_editable(output, user, at)
    lock(output)
    issues = list(Issue.objects.filter(output=output).order_by("position", "pk"))
    index = next(i for i, item in enumerate(issues) if item.pk == issue.pk)
    target = min(max(position, 1), len(issues)) - 1
    moving = issues.pop(index)
    issues.insert(target, moving)
    changed = []
    for number, item in enumerate(issues, start=1):
        if item.position != number:
            item.position = number
            item.full_clean()
            changed.append(item)
    Issue.objects.bulk_update(changed, ["position"])
    issue.position = target + 1
    if target != index:
        _record(
            output,
            issue,
            IssueChange.Action.MOVED,
            user,
            at,
            before={"position": index + 1},
            after={"position": target + 1},
        )
    return issue


def issue_move(*, issue: Issue, user, direction: str, at: datetime | None = None) -> Issue:
    """Move an issue one place up or down (the portal's buttons)."""
    if direction not in {"up", "down"}:
        raise ValidationError(_("Move an issue up or down."), code="bad_direction")
    with transaction.atomic():
        lock(issue.output)
        ids = list(
            Issue.objects.filter(output=issue.output)
            .order_by("position", "pk")
            .values_list("pk", flat=True)
        )
        place = ids.index(issue.pk) + 1
        target = place - 1 if direction == "up" else place + 1
        if not 1 <= target <= len(ids):
            return issue
        return issue_move_to(issue=issue, user=user, position=target, at=at)


def _set_hidden(issue: Issue, user, hidden: bool, at: datetime | None) -> Issue:
    _ensure_issues_editable(issue.output, user, at)
    if issue.is_hidden == hidden:
        return issue
    issue.is_hidden = hidden
    issue.full_clean()
    issue.save(update_fields=["is_hidden"])
    action = IssueChange.Action.HIDDEN if hidden else IssueChange.Action.SHOWN
    _record(
        issue.output,
        issue,
        action,
        user,
        at,
        before={"is_hidden": not hidden},
        after={"is_hidden": hidden},
    )
    return issue


@transaction.atomic
def issue_hide(*, issue: Issue, user, at: datetime | None = None) -> Issue:
    """Hidden issues keep their ratings but are no longer shown or rated."""
    return _set_hidden(issue, user, True, at)


@transaction.atomic
def issue_show(*, issue: Issue, user, at: datetime | None = None) -> Issue:
    return _set_hidden(issue, user, False, at)


def issue_is_protected(issue: Issue) -> bool:
    """True while something refers to the issue that must not go with it: its ratings.

    Asked of Django's deletion collector, which knows every relation that protects a row.
    """
    try:
        Collector(using=Issue.objects.db).collect([issue])
    except ProtectedError:
        return True
    return False


@transaction.atomic
def issue_remove(*, issue: Issue, user, at: datetime | None = None) -> None:
    """Delete an issue, unless it has ratings: no rating is ever orphaned."""
    output = issue.output
    _ensure_issues_editable(output, user, at)
    lock(output)
    _record(output, issue, IssueChange.Action.REMOVED, user, at, before=_snapshot(issue))
    try:
        issue.delete()
    except ProtectedError as error:  # the transaction, and the record above, are rolled back
        raise ValidationError(issue_has_ratings_message(issue), code="has_ratings") from error
