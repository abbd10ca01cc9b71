"""Rating sheets: made for final outputs, opened and closed by organisers.

Every write of a sheet's opening time goes through here, which also tells coalitions when rating
of the output's issues starts (coalitions freezes them for coordinators from then on).
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.text import slugify

from coalitions.services import outputs_rating_opening_set
from igfsession import page_cache

from ..models import RatingSheet
from ..results import forget_session_results

Sheets = models.QuerySet | Iterable[RatingSheet]


def _sheet_ids(sheets: Sheets) -> list[int]:
    if isinstance(sheets, models.QuerySet):
        # order_by(): the admin's queryset may be annotated and ordered; only the keys matter.
        return list(sheets.order_by().values_list("pk", flat=True))
    return [sheet.pk for sheet in sheets]


def _tell_coalitions(sheet_ids: list[int]) -> None:
    """Copy the sheets' opening times to their outputs (one query to read, one per moment), and
    forget the sessions' cached results: who may see them depends on these times."""
    rows = list(
        RatingSheet.objects.filter(pk__in=sheet_ids).values_list(
            "output_id", "opens_at", "output__session_id"
        )
    )
    outputs_rating_opening_set(openings={output: opens for output, opens, _session in rows})
    _forget_results({session for _output, _opens, session in rows})


def _forget_results(session_pks: set[int]) -> None:
    def forget():
        for session_pk in session_pks:
            forget_session_results(session_pk)

    transaction.on_commit(forget)


def _update(sheet_ids: list[int], condition: Q, **columns) -> int:
    """One UPDATE of the sheets that meet ``condition``; the number changed."""
    changed_ids = list(
        RatingSheet.objects.select_for_update()
        .filter(pk__in=sheet_ids)
        .filter(condition)
        .values_list("pk", flat=True)
    )
    if changed_ids:
        RatingSheet.objects.filter(pk__in=changed_ids).update(**columns, updated_at=timezone.now())
        page_cache.forget()  # the agenda's exports show sheets' times (an update sends no signal)
        _tell_coalitions(changed_ids)
    return len(changed_ids)


@transaction.atomic
def sheet_open_now(*, sheets: Sheets, at: datetime | None = None) -> int:
    """Open ``sheets`` at ``at`` (now): the number of sheets that changed.

    A sheet not open yet (no opening time, or one still to come) opens now; a sheet that has
    closed opens again and stays open until closed. Sheets open already are left as they are.
    """
    now = at or timezone.now()
    not_open_yet = Q(opens_at__isnull=True) | Q(opens_at__gt=now)
    closed = Q(closes_at__lte=now)
    # Both columns change in one UPDATE, so the closes-after-opening check holds.
    return _update(
        _sheet_ids(sheets),
        not_open_yet | closed,
        opens_at=Case(When(not_open_yet, then=Value(now)), default=F("opens_at")),
        closes_at=Case(When(closed, then=Value(None)), default=F("closes_at")),
    )


@transaction.atomic
def sheet_close_now(*, sheets: Sheets, at: datetime | None = None) -> int:
    """Close those of ``sheets`` that are open at ``at`` (now): the number closed.

    Sheets not open yet and sheets closed already are left as they are, and so is a sheet that
    opened at this very moment: a sheet must close after it opens.
    """
    now = at or timezone.now()
    is_open = Q(opens_at__lt=now) & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
    return _update(_sheet_ids(sheets), is_open, closes_at=now)


@transaction.atomic
def sheet_save(*, sheet: RatingSheet) -> RatingSheet:
    """Save a sheet whose fields were set by a form (the admin's): checked, and coalitions told.

    A sheet moved to another output leaves the first one's issues free again.
    """
    previous_output_id = (
        RatingSheet.objects.filter(pk=sheet.pk).values_list("output_id", flat=True).first()
        if sheet.pk
        else None
    )
    sheet.full_clean()
    sheet.save()
    openings = {sheet.output_id: sheet.opens_at}
    if previous_output_id not in (None, sheet.output_id):
        openings[previous_output_id] = None
    outputs_rating_opening_set(openings=openings)
    _forget_results({sheet.output.session_id})
    return sheet


def _unique_sheet_code(output) -> str:
    base = slugify(f"{output.coalition.slug}-{output.session.year}")[:16].strip("-") or "sheet"
    code, n = base, 2
    while RatingSheet.objects.filter(code=code).exists():
        code = f"{base[:14]}-{n}"
        n += 1
    return code


@transaction.atomic
def sheet_create_for_output(
    *, output, opens_at: datetime | None = None, closes_at: datetime | None = None
) -> RatingSheet:
    """The output's rating sheet, created if it has none (not open yet, unless ``opens_at``)."""
    existing = RatingSheet.objects.filter(output=output).first()
    if existing:
        return existing
    sheet = RatingSheet(
        output=output, code=_unique_sheet_code(output), opens_at=opens_at, closes_at=closes_at
    )
    return sheet_save(sheet=sheet)
