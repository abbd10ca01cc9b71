"""Who may see what of the results: one predicate for every page and export.

The bandwagon rule: while a sheet is open, a visitor who has not sent it never sees its results
(people who see earlier marks follow them). Organisers see every sheet's results at any time, and
a coalition's coordinators their own sheet's; everyone else as the sheet's setting says.
"""

from collections.abc import Iterable

from django.utils import timezone

from coalitions.permissions import coordinated_coalition_ids
from igfsession.permissions import is_organiser

from .models import RatingSheet, Response

Visibility = RatingSheet.ResultsVisibility


def can_see_exact_results(user, sheet: RatingSheet) -> bool:
    """Organisers and the sheet's coalition's coordinators: every figure, small cells and hidden
    issues included, at any time."""
    return is_organiser(user) or sheet.output.coalition_id in coordinated_coalition_ids(user)


def _public_may_see(sheet: RatingSheet, submitted: bool, at) -> bool:
    if sheet.results_visibility == Visibility.STAFF_ONLY:
        return False
    if sheet.has_closed(at):
        return True
    return sheet.results_visibility == Visibility.AFTER_SUBMIT and submitted


def can_see_sheet_results(user, sheet: RatingSheet, respondent_hash: str | None, at=None) -> bool:
    """May this visitor (``user``, and the respondent token's hash) see the sheet's results?"""
    if can_see_exact_results(user, sheet):
        return True
    submitted = bool(respondent_hash) and (
        Response.objects.filter(sheet=sheet, respondent_hash=respondent_hash).exists()
    )
    return _public_may_see(sheet, submitted, at or timezone.now())


def sheets_with_visible_results(
    user, respondent_hash: str | None, sheets: Iterable[RatingSheet], at=None
) -> list[RatingSheet]:
    """The sheets whose results the visitor may see, in order (at most one query for the sheets
    they sent, and one for the coalitions they coordinate)."""
    sheets = list(sheets)
    at = at or timezone.now()
    submitted: set[int] = set()
    if respondent_hash and sheets:
        submitted = set(
            Response.objects.filter(
                respondent_hash=respondent_hash, sheet__in=[sheet.pk for sheet in sheets]
            ).values_list("sheet_id", flat=True)
        )
    return [
        sheet
        for sheet in sheets
        if can_see_exact_results(user, sheet) or _public_may_see(sheet, sheet.pk in submitted, at)
    ]


def results_withheld_until(sheet: RatingSheet) -> str:
    """Why a visitor cannot see a sheet's results yet, as a code the pages say in words:
    ``"after-submit"`` (send the sheet, or wait until it closes), ``"after-close"``, or
    ``"organisers"`` (kept for organisers and the coalition)."""
    if sheet.results_visibility == Visibility.STAFF_ONLY:
        return "organisers"
    if sheet.results_visibility == Visibility.AFTER_SUBMIT:
        return "after-submit"
    return "after-close"


def can_answer_feedback(user, output, *, at=None) -> bool:
    """Write the coalition's answers to the feedback on its output: organisers at any time; the
    coalition's coordinators once the sheet has closed, or earlier where organisers allow it."""
    if is_organiser(user):
        return True
    if output.coalition_id not in coordinated_coalition_ids(user):
        return False
    sheet = RatingSheet.objects.filter(output=output).first()
    if sheet is None:
        return False
    return sheet.answers_before_closing or sheet.has_closed(at or timezone.now())


def can_see_hidden_comments(user) -> bool:
    """A comment organisers hid is on no public page and in no coordinator's view; organisers see
    it, marked as hidden, with the reason."""
    return is_organiser(user)
