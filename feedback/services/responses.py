"""Responses: a participant's online sheet, a paper sheet typed in by staff, withdrawal.

Both kinds of sheet go through the same steps (``_save_response``): the answers are checked, the
profile applied, the response saved and its ratings stored, in one transaction: all or nothing.
Only the ratings of the issues the sheet shows now are replaced: a rating given to an issue that
was hidden since stays exactly as it was, and counts again if the issue is shown again.
"""

import hashlib
import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from igfsession.models import Part

from ..models import COMMENT_MAX_LENGTH, CONTACT_FIELDS, PROFILE_FIELDS, Mark, Rating, Response

Answers = dict[int, tuple[str, str]]  # {issue id: (mark, comment)}


class SheetNotOpen(Exception):
    """A submission arrived before the sheet opened or after it closed."""


def _shown_issue_ids(sheet) -> set[int]:
    return set(sheet.output.issues.visible().order_by().values_list("pk", flat=True))


def _check_answers(*, shown: set[int], answers: Answers) -> None:
    """Refuse ratings for issues the sheet does not show, marks off the scale, long comments."""
    foreign = set(answers) - shown
    if foreign:
        raise ValidationError(
            _("This sheet has no issue “%(issue)s”; nothing was saved."),
            code="foreign_issue",
            params={"issue": min(foreign)},
        )
    for mark, comment in answers.values():
        if mark not in Mark.values:
            raise ValidationError(_("Choose one of the marks on the scale."), code="invalid_mark")
        if len(comment) > COMMENT_MAX_LENGTH:
            raise ValidationError(
                _("A comment can be at most %(limit)d characters long."),
                code="comment_too_long",
                params={"limit": COMMENT_MAX_LENGTH},
            )


def _store_ratings(
    *, response: Response, shown: set[int], answers: Answers, new: bool = False
) -> None:
    """Make the response's ratings of the shown issues exactly ``answers`` (fixed queries).

    Ratings of issues the sheet no longer shows (hidden since) keep their marks; every rating
    carries the response's stakeholder group (a copy the results' overview reads).
    """
    group = response.stakeholder_group
    if not new:  # a new response has no ratings yet
        response.ratings.filter(issue_id__in=shown).exclude(issue_id__in=list(answers)).delete()
        response.ratings.exclude(stakeholder_group=group).update(stakeholder_group=group)
    if answers:
        Rating.objects.bulk_create(
            [
                Rating(
                    response=response,
                    issue_id=issue_id,
                    mark=mark,
                    comment=comment,
                    stakeholder_group=group,
                )
                for issue_id, (mark, comment) in answers.items()
            ],
            update_conflicts=True,
            unique_fields=["response", "issue"],
            update_fields=["mark", "comment", "stakeholder_group"],
        )


def _save_response(
    *,
    response: Response,
    shown: set[int],
    answers: Answers,
    profile: dict,
    new: bool = False,
    insert: bool = False,
) -> Response | None:
    """The steps an online and a paper sheet share, once the response row is found or made.

    ``insert``: the response is not stored yet; it is inserted in a savepoint, and None comes
    back (nothing stored) when its respondent has a response to this sheet already.
    """
    for name in (*PROFILE_FIELDS, "overall_comment"):
        setattr(response, name, profile.get(name, "") or "")
    # Field checks only: the sheet and users are ours, and the database enforces the constraints.
    response.full_clean(
        exclude=["sheet", "entered_by", "withdrawn_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    if insert:
        try:
            with transaction.atomic():
                response.save(force_insert=True)
        except IntegrityError:
            if not Response.objects.filter(
                sheet_id=response.sheet_id, respondent_hash=response.respondent_hash
            ).exists():
                raise  # another constraint than one-per-respondent
            return None
    else:
        response.save()
    _store_ratings(response=response, shown=shown, answers=answers, new=new)
    return response


@transaction.atomic
def response_submit(
    *,
    sheet,
    respondent_hash: str,
    answers: Answers,
    profile: dict,
    contact: dict | None = None,
    client: dict | None = None,
    at: datetime | None = None,
) -> Response:
    """Store a participant's online sheet: a new response, or an update of their own.

    Refused (``SheetNotOpen``) unless the sheet is open at ``at`` (now). One respondent has one
    response per sheet: a double click, a retry or a second tab updates it. ``client``: what the
    submission says of its client (``CLIENT_FIELDS``: whether it carried the sheet's cookie, the
    keyed hash of its address, its browser family), kept from the latest submission.
    """
    at = at or timezone.now()
    if not sheet.is_open(at):
        raise SheetNotOpen(sheet)
    shown = _shown_issue_ids(sheet)
    _check_answers(shown=shown, answers=answers)
    contact = contact or {}
    try:
        existing = Response.objects.select_for_update().get(
            sheet=sheet, respondent_hash=respondent_hash
        )
    except Response.DoesNotExist:
        existing = None
    if existing is None:
        # The respondent's first submission to this sheet (most are): inserted as it is, one
        # INSERT in a savepoint. Should their other submission have got there first (a double
        # click), the one-per-respondent constraint refuses it and theirs is updated below.
        response = Response(
            sheet=sheet,
            respondent_hash=respondent_hash,
            channel=Response.Channel.ONLINE,
            created_at=at,
            filled_in_at=at,
        )
        _apply_contact(response, contact)
        _apply_client(response, client)
        saved = _save_response(
            response=response, shown=shown, answers=answers, profile=profile, new=True, insert=True
        )
        if saved is not None:
            return saved
        existing = Response.objects.select_for_update().get(
            sheet=sheet, respondent_hash=respondent_hash
        )
    _apply_contact(existing, contact)
    _apply_client(existing, client)
    return _save_response(response=existing, shown=shown, answers=answers, profile=profile)


def _apply_contact(response: Response, contact: dict) -> None:
    response.contact_consent = bool(contact.get("contact_consent"))
    for name in CONTACT_FIELDS:
        setattr(response, name, contact.get(name, "") if response.contact_consent else "")


def _apply_client(response: Response, client: dict | None) -> None:
    client = client or {}
    response.carried_sheet_cookie = client.get("carried_sheet_cookie")
    response.client_hash = client.get("client_hash", "")
    response.agent_family = client.get("agent_family", "")


def paper_entry_key_hash(entry_key: str) -> str:
    """Paper responses are keyed by the entry form's one-time key, so a double post is one row."""
    return hashlib.sha256(f"paper:{entry_key}".encode()).hexdigest()


@transaction.atomic
def paper_response_save(
    *,
    sheet,
    answers: Answers,
    profile: dict,
    entered_by,
    entry_key: str | None = None,
    response: Response | None = None,
    filled_in_at: datetime | None = None,
    at: datetime | None = None,
) -> Response:
    """Type in (or correct) a paper sheet. Staff may do so after the sheet has closed.

    ``filled_in_at``: when the sheet was filled in, as the typist says; by default the end of the
    part of the session in which the outputs were presented (``paper_filled_in_default``).
    """
    shown = _shown_issue_ids(sheet)
    _check_answers(shown=shown, answers=answers)
    created = False
    if response is None:
        response, created = Response.objects.select_for_update().get_or_create(
            sheet=sheet,
            respondent_hash=paper_entry_key_hash(entry_key or uuid.uuid4().hex),
            defaults={
                "channel": Response.Channel.PAPER,
                "entered_by": entered_by,
                "created_at": at or timezone.now(),
            },
        )
    elif response.channel != Response.Channel.PAPER or response.sheet_id != sheet.pk:
        raise ValidationError(_("Only paper responses of this sheet can be corrected here."))
    if filled_in_at is not None:
        response.filled_in_at = filled_in_at
    elif created:
        response.filled_in_at = paper_filled_in_default(sheet, at)
    return _save_response(
        response=response, shown=shown, answers=answers, profile=profile, new=created
    )


def paper_filled_in_default(sheet, at: datetime | None = None) -> datetime:
    """When a paper sheet was filled in, unless the typist says: the end of the session's
    output-presentations part (where the sheets were handed out), or the moment of typing if
    that is earlier (sheets typed in while the part runs) or there is no such part."""
    part = (
        Part.objects.for_session(sheet.output.session)
        .filter(kind=Part.Kind.PRESENTATIONS)
        .order_by("starts_at", "pk")
        .first()
    )
    now = at or timezone.now()
    return min(part.ends_at, now) if part is not None else now


@transaction.atomic
def response_withdraw(*, response: Response, by, at: datetime | None = None) -> Response:
    """Leave a response out of the results; it stays in the database."""
    if response.withdrawn_at is None:
        response.withdrawn_at = at or timezone.now()
        response.withdrawn_by = by
        response.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    return response


@transaction.atomic
def response_restore(*, response: Response) -> Response:
    response.withdrawn_at = None
    response.withdrawn_by = None
    response.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    return response


@transaction.atomic
def responses_withdraw(*, sheet, pks, by, at: datetime | None = None) -> int:
    """Withdraw a group of this sheet's responses at once (the integrity page's flagged groups),
    each through ``response_withdraw`` (recorded: when and by whom). Returns how many were
    withdrawn now (those already withdrawn stay as they were)."""
    at = at or timezone.now()
    responses = list(
        Response.objects.select_for_update()
        .filter(sheet=sheet, pk__in=list(pks), withdrawn_at__isnull=True)
        .order_by("pk")
    )
    for response in responses:
        response_withdraw(response=response, by=by, at=at)
    return len(responses)
