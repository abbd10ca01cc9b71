"""Organisers hide a comment (a rating's, or a response's overall comment) that must not be shown:
with a reason, who and when recorded, and reversible. A hidden comment is on no public page, in
no export and in no coordinator's view; organisers see it marked as hidden."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from igfsession.permissions import is_organiser

from ..models import Rating, Response

REASON_MAX_LENGTH = 300


def _fields(target: Rating | Response) -> tuple[str, str, str]:
    if isinstance(target, Rating):
        return "comment_hidden_at", "comment_hidden_by", "comment_hidden_reason"
    return (
        "overall_comment_hidden_at",
        "overall_comment_hidden_by",
        "overall_comment_hidden_reason",
    )


@transaction.atomic
def comment_hide(
    *, target: Rating | Response, by, reason: str, at: datetime | None = None
) -> Rating | Response:
    """Hide ``target``'s comment; the reason is required (for the other organisers)."""
    if not is_organiser(by):
        raise PermissionDenied
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the comment is hidden.")}, code="required")
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("The reason can be at most %(limit)d characters long.")
                % {"limit": REASON_MAX_LENGTH}
            },
            code="too_long",
        )
    hidden_at, hidden_by, hidden_reason = _fields(target)
    setattr(target, hidden_at, at or timezone.now())
    setattr(target, hidden_by, by)
    setattr(target, hidden_reason, reason)
    target.save(update_fields=[hidden_at, hidden_by, hidden_reason])
    return target


@transaction.atomic
def comment_show(*, target: Rating | Response, by) -> Rating | Response:
    """Show a hidden comment again."""
    if not is_organiser(by):
        raise PermissionDenied
    hidden_at, hidden_by, hidden_reason = _fields(target)
    setattr(target, hidden_at, None)
    setattr(target, hidden_by, None)
    setattr(target, hidden_reason, "")
    target.save(update_fields=[hidden_at, hidden_by, hidden_reason])
    return target
