"""Year to year: a coalition comes back with a new output and may start from the issues of its
output for an earlier session. The copies are ordinary issues (editable as any), each linked to
the issue it copies (``Issue.derived_from``), written through ``issue_create`` like every
issue."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import Issue, Output
from .issues import issue_create


@transaction.atomic
def issues_copy_from(
    *, output: Output, source: Output, user, at: datetime | None = None
) -> list[Issue]:
    """Copy the visible issues of ``source`` (title, summary, reference, in their order) to the
    end of ``output``'s, each linked to the issue it copies."""
    if source.coalition_id != output.coalition_id or source.session.year >= output.session.year:
        raise ValidationError(
            _("Issues can only be copied from this coalition's output for an earlier session."),
            code="not_earlier",
        )
    return [
        issue_create(
            output=output,
            user=user,
            at=at,
            derived_from=issue,
            title=issue.title,
            summary=issue.summary,
            reference=issue.reference,
        )
        for issue in source.issues.visible().order_by("position", "pk")
    ]
