"""What the feedback app does, as functions: views, admin actions and commands call these."""

import hashlib
import uuid
from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH, Mark, Rating, RatingSheet, Response

PROFILE_FIELDS = ("stakeholder_group", "region", "attendance", "overall_comment")
CONTACT_FIELDS = ("contact_name", "contact_organisation", "contact_email")


def _sheet_ids(sheets: "models.QuerySet[RatingSheet] | Iterable[RatingSheet]") -> list[int]:
    if isinstance(sheets, models.QuerySet):
        # order_by(): the admin's queryset may be annotated and ordered; only the keys matter.
        return list(sheets.order_by().values_list("pk", flat=True))
    return [sheet.pk for sheet in sheets]


@transaction.atomic
def sheet_open_now(
    *, sheets: "models.QuerySet[RatingSheet] | Iterable[RatingSheet]", at: datetime | None = None
) -> int:
    """Open ``sheets`` at ``at`` (now): the number of sheets that changed.

    A sheet not open yet (no opening time, or one still to come) opens now; a sheet that has
    closed opens again and stays open until closed. Sheets open already are left as they are.
    """
    now = at or timezone.now()
    not_open_yet = Q(opens_at__isnull=True) | Q(opens_at__gt=now)
    closed = Q(closes_at__lte=now)
    # One UPDATE: both columns change together, so the closes-after-opening check holds.
    return (
        RatingSheet.objects.filter(pk__in=_sheet_ids(sheets))
        .filter(not_open_yet | closed)
        .update(
            opens_at=Case(When(not_open_yet, then=Value(now)), default=F("opens_at")),
            closes_at=Case(When(closed, then=Value(None)), default=F("closes_at")),
            updated_at=timezone.now(),
        )
    )


@transaction.atomic
def sheet_close_now(
    *, sheets: "models.QuerySet[RatingSheet] | Iterable[RatingSheet]", at: datetime | None = None
) -> int:
    """Close those of ``sheets`` that are open at ``at`` (now): the number closed.

    Sheets not open yet and sheets closed already are left as they are, and so is a sheet that
    opened at this very moment: a sheet must close after it opens.
    """
    now = at or timezone.now()
    return (
        RatingSheet.objects.filter(pk__in=_sheet_ids(sheets))
        .open_at(now)
        .filter(opens_at__lt=now)
        .update(closes_at=now, updated_at=timezone.now())
    )


class SheetNotOpen(Exception):
    """A submission arrived before the sheet opened or after it closed."""


def _check_answers(*, sheet, answers: dict[int, tuple[str, str]]) -> None:
    """Refuse ratings for issues of another output, marks off the scale, over-long comments."""
    allowed = set(sheet.output.issues.visible().values_list("pk", flat=True))
    foreign = set(answers) - allowed
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


def _store_ratings(*, response: Response, answers: dict[int, tuple[str, str]]) -> None:
    """Make the response's ratings exactly ``answers``, in a fixed number of queries."""
    response.ratings.exclude(issue_id__in=list(answers)).delete()
    if answers:
        Rating.objects.bulk_create(
            [
                Rating(response=response, issue_id=issue_id, mark=mark, comment=comment)
                for issue_id, (mark, comment) in answers.items()
            ],
            update_conflicts=True,
            unique_fields=["response", "issue"],
            update_fields=["mark", "comment"],
        )


def _apply_profile(response: Response, profile: dict) -> None:
    for name in PROFILE_FIELDS:
        setattr(response, name, profile.get(name, "") or "")


@transaction.atomic
def response_submit(
    *,
    sheet: RatingSheet,
    respondent_hash: str,
    answers: dict[int, tuple[str, str]],
    profile: dict,
    contact: dict | None = None,
    at: datetime | None = None,
) -> Response:
    """Store a participant's online sheet: a new response, or an update of their own.

    One respondent has one response per sheet: a double click, a retry or a second tab updates
    it. All ratings are stored or none.
    """
    at = at or timezone.now()
    if not sheet.is_open(at):
        raise SheetNotOpen(sheet)
    _check_answers(sheet=sheet, answers=answers)
    response, _created = Response.objects.select_for_update().get_or_create(
        sheet=sheet,
        respondent_hash=respondent_hash,
        defaults={"channel": Response.Channel.ONLINE, "created_at": at},
    )
    _apply_profile(response, profile)
    contact = contact or {}
    response.contact_consent = bool(contact.get("contact_consent"))
    for name in CONTACT_FIELDS:
        setattr(response, name, contact.get(name, "") if response.contact_consent else "")
    # Field checks only: the sheet and users are ours, and the database enforces the constraints.
    response.full_clean(
        exclude=["sheet", "entered_by", "withdrawn_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    response.save()
    _store_ratings(response=response, answers=answers)
    return response


def paper_entry_key_hash(entry_key: str) -> str:
    """Paper responses are keyed by the entry form's one-time key, so a double post is one row."""
    return hashlib.sha256(f"paper:{entry_key}".encode()).hexdigest()


@transaction.atomic
def paper_response_save(
    *,
    sheet: RatingSheet,
    answers: dict[int, tuple[str, str]],
    profile: dict,
    entered_by,
    entry_key: str | None = None,
    response: Response | None = None,
    at: datetime | None = None,
) -> Response:
    """Type in (or correct) a paper sheet. Staff may do so after the sheet has closed."""
    at = at or timezone.now()
    _check_answers(sheet=sheet, answers=answers)
    if response is None:
        response, _created = Response.objects.select_for_update().get_or_create(
            sheet=sheet,
            respondent_hash=paper_entry_key_hash(entry_key or uuid.uuid4().hex),
            defaults={
                "channel": Response.Channel.PAPER,
                "entered_by": entered_by,
                "created_at": at,
            },
        )
    elif response.channel != Response.Channel.PAPER or response.sheet_id != sheet.pk:
        raise ValidationError(_("Only paper responses of this sheet can be corrected here."))
    _apply_profile(response, profile)
    # Field checks only: the sheet and users are ours, and the database enforces the constraints.
    response.full_clean(
        exclude=["sheet", "entered_by", "withdrawn_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    response.save()
    _store_ratings(response=response, answers=answers)
    return response


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


def _unique_sheet_code(output) -> str:
    base = slugify(f"{output.coalition.slug}-{output.session.year}")[:16].strip("-") or "sheet"
    code, n = base, 2
    while RatingSheet.objects.filter(code=code).exists():
        code = f"{base[:14]}-{n}"
        n += 1
    return code


@transaction.atomic
def sheet_create_for_output(*, output) -> RatingSheet:
    """The output's rating sheet, created (not yet open) if it has none."""
    existing = RatingSheet.objects.filter(output=output).first()
    if existing:
        return existing
    sheet = RatingSheet(output=output, code=_unique_sheet_code(output))
    sheet.full_clean()
    sheet.save()
    return sheet
