"""A coalition's output for a session: its details, its declared status, its rating window."""

from collections.abc import Mapping
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..models import Coalition, Output, ReviewState
from ..permissions import can_declare_output_status, can_edit_output, can_manage_coalition
from ..signals import output_status_declared
from ._common import set_fields, venue_moment
from .year_to_year import issues_copy_from

OUTPUT_DETAIL_FIELDS = ("title", "summary", "language")


def _unique_output_slug(coalition: Coalition, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "output"
    taken = set(
        Output.objects.filter(coalition=coalition, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def output_create(
    *, coalition: Coalition, session, user, start_from: Output | None = None, **fields
) -> Output:
    """A coalition's output for a session; it starts as a draft, with the issues of
    ``start_from`` (its output for an earlier session) copied when given."""
    if not can_manage_coalition(user, coalition):
        raise PermissionDenied
    output = Output(coalition=coalition, session=session, status=Output.Status.DRAFT)
    set_fields(output, OUTPUT_DETAIL_FIELDS, fields)
    output.slug = _unique_output_slug(coalition, output.title)
    output.full_clean()
    output.save()
    if start_from is not None:
        issues_copy_from(output=output, source=start_from, user=user)
    return output


@transaction.atomic
def output_update(*, output: Output, user, **fields) -> Output:
    if not can_edit_output(user, output):
        raise PermissionDenied
    set_fields(output, OUTPUT_DETAIL_FIELDS, fields)
    output.full_clean()
    output.save()
    return output


def declaration_closed_message(session, *, output: Output | None = None) -> str:
    """Why coordinators cannot declare any more: the deadline (the output's extension where the
    organisers granted one) passed."""
    deadline = session.declaration_deadline
    if output is not None and output.declaration_deadline is not None:
        deadline = output.declaration_deadline
    return _(
        "The declaration deadline passed on %(deadline)s. Declarations are read-only now; "
        "write to the organisers if your output's status must change."
    ) % {"deadline": venue_moment(session, deadline)}


@transaction.atomic
def output_status_declare(
    *, output: Output, user, status: str, at: datetime | None = None
) -> Output:
    """Declare how far the output is: draft, work in progress (Day 4) or final (Day 3).

    The portal and the admin both declare through here. A new declaration (another status, or
    the same one again after the organisers sent it back) waits for the organisers' review
    (``declaration_accept``). The apps above coalitions hear of a change
    (``output_status_declared``): the agenda rebuilds the slots it generated from the accepted
    declarations; feedback makes a final output's rating sheet once it is accepted.
    """
    if not can_manage_coalition(user, output.coalition):
        raise PermissionDenied
    if not can_declare_output_status(user, output, at=at):
        raise ValidationError({"status": declaration_closed_message(output.session, output=output)})
    previous = output.status
    declared_again = status == previous and output.review_state == ReviewState.SENT_BACK
    if status != previous or declared_again:
        output.status = status
        output.status_changed_at = at or timezone.now()
        output.review_state = ReviewState.WAITING
    output.full_clean()
    output.save()
    if status != previous or declared_again:
        output_status_declared.send(sender=Output, output=output, previous_status=previous)
    return output


@transaction.atomic
def outputs_rating_opening_set(*, openings: Mapping[int, datetime | None]) -> None:
    """Record when participants can first rate each output's issues ({output id: moment}).

    Called by the rating sheets whenever their opening time is set: coalitions freezes an
    output's issues for coordinators from that moment (``Output.rating_has_started``).
    """
    by_moment: dict[datetime | None, list[int]] = {}
    for output_id, moment in openings.items():
        by_moment.setdefault(moment, []).append(output_id)
    for moment, output_ids in by_moment.items():
        Output.objects.filter(pk__in=output_ids).update(rating_opens_at=moment)
