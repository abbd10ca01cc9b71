"""The organisers' review of a coalition's declaration: accepted, or sent back with a note.

A declaration past draft waits for the organisers (``output_status_declare`` puts it back to
waiting). Accepting it gives it its place: the apps above hear of it
(``output_declaration_accepted``: feedback makes a final output's rating sheet, the agenda
rebuilds its generated slots). Sending it back tells the coalition why, in its portal; nothing
is deleted (a sheet that has responses keeps them).
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import DeclarationReview, Output, ReviewState
from ..permissions import can_review_declaration
from ..signals import output_declaration_accepted, output_declaration_sent_back
from ._common import lock

NOTE_REQUIRED_MESSAGE = _("Tell the coalition what to change: the note is shown in its portal.")
NOT_DECLARED_MESSAGE = _("This output is a draft: there is no declaration to review.")


def _review(*, output: Output, user, state: str, note: str, at: datetime | None) -> Output:
    if not can_review_declaration(user, output):
        raise PermissionDenied
    lock(output)
    output.refresh_from_db()
    if not output.is_declared:
        raise ValidationError(NOT_DECLARED_MESSAGE, code="not_declared")
    at = at or timezone.now()
    output.review_state, output.review_note = state, note
    output.reviewed_by, output.reviewed_at = user, at
    output.full_clean()
    output.save()
    record = DeclarationReview(
        output=output,
        status=output.status,
        action=state,
        note=note,
        reviewed_by=user,
        reviewed_at=at,
    )
    record.full_clean()
    record.save()
    return output


@transaction.atomic
def declaration_accept(*, output: Output, user, at: datetime | None = None) -> Output:
    """The organisers accept the output's current declaration (again, if already accepted:
    recorded, and the apps above make sure its sheet and slot are there)."""
    output = _review(output=output, user=user, state=ReviewState.ACCEPTED, note="", at=at)
    output_declaration_accepted.send(sender=Output, output=output)
    return output


@transaction.atomic
def declaration_send_back(*, output: Output, user, note: str, at: datetime | None = None) -> Output:
    """The organisers send the declaration back with a note the coalition reads in its portal.
    The coalition declares again (which puts it back to waiting)."""
    note = (note or "").strip()
    if not can_review_declaration(user, output):
        raise PermissionDenied
    if not note:
        raise ValidationError({"note": NOTE_REQUIRED_MESSAGE}, code="required")
    output = _review(output=output, user=user, state=ReviewState.SENT_BACK, note=note, at=at)
    output_declaration_sent_back.send(sender=Output, output=output)
    return output
