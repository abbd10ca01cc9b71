"""The coalition's answer to the feedback, per issue: drafted by its coordinators, published
together when they choose; a published version is never changed, a later change is a new one."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import Issue, Output

from ..models import ANSWER_REPLY_MAX_LENGTH, AnswerDecision, IssueAnswer
from ..permissions import can_answer_feedback


def _check(decision: str, reply: str) -> str:
    reply = reply.strip()
    errors = {}
    if decision not in AnswerDecision.values:
        errors["decision"] = _("Choose one of the decisions.")
    elif decision != AnswerDecision.KEEP and not reply:
        errors["reply"] = _("Say in your own words what the coalition will do about this issue.")
    if len(reply) > ANSWER_REPLY_MAX_LENGTH:
        errors["reply"] = _("The reply can be at most %(limit)d characters long.") % {
            "limit": ANSWER_REPLY_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    return reply


@transaction.atomic
def answer_draft_save(
    *, issue: Issue, user, decision: str, reply: str, at: datetime | None = None
) -> IssueAnswer:
    """Save the coalition's draft answer to ``issue``: the issue's one draft, or a new version
    after the published ones. Refused unless ``user`` may answer the feedback on its output."""
    output = issue.output
    if not can_answer_feedback(user, output, at=at):
        raise PermissionDenied
    reply = _check(decision, reply)
    Issue.objects.select_for_update().filter(pk=issue.pk).values_list("pk").first()
    draft = IssueAnswer.objects.drafts().filter(issue=issue).first()
    if draft is None:
        highest = IssueAnswer.objects.filter(issue=issue).aggregate(v=Max("version"))["v"] or 0
        draft = IssueAnswer(issue=issue, version=highest + 1)
    draft.decision = decision
    draft.reply = reply
    draft.written_by = user if user.is_authenticated else None
    draft.written_at = at or timezone.now()
    draft.full_clean()
    draft.save()
    return draft


class AnswerRefused(ValidationError):
    """One issue's answer among several was refused: ``issue`` says which; nothing was saved."""

    def __init__(self, issue: Issue, error: ValidationError):
        super().__init__(error.message_dict if hasattr(error, "error_dict") else error.messages)
        self.issue = issue


@transaction.atomic
def answer_drafts_save(*, user, changes: list[tuple[Issue, str, str]], at=None) -> int:
    """Save the drafts of several issues at once, all or none: ``changes`` is (issue, decision,
    reply) per issue. An error on one raises ``AnswerRefused`` naming it, and nothing is saved."""
    for issue, decision, reply in changes:
        try:
            answer_draft_save(issue=issue, user=user, decision=decision, reply=reply, at=at)
        except ValidationError as error:  # leaving the transaction undoes the drafts saved
            raise AnswerRefused(issue, error) from error
    return len(changes)


@transaction.atomic
def answers_publish(*, output: Output, user, at: datetime | None = None) -> int:
    """Publish every draft answer of the output's issues together: the number published."""
    if not can_answer_feedback(user, output, at=at):
        raise PermissionDenied
    drafts = IssueAnswer.objects.drafts().filter(issue__output=output)
    if not drafts.exists():
        raise ValidationError(_("There is no draft answer to publish."), code="nothing")
    return drafts.update(published_at=at or timezone.now())


@transaction.atomic
def answer_draft_discard(*, issue: Issue, user) -> None:
    """Throw away the issue's draft; what was published stays as it was."""
    if not can_answer_feedback(user, issue.output):
        raise PermissionDenied
    IssueAnswer.objects.drafts().filter(issue=issue).delete()
