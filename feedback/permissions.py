"""Who may see what. The bandwagon rule: a visitor sees a sheet's results only after sending it."""

from django.utils import timezone

from igfsession.permissions import is_organiser

from .models import RatingSheet, Response


def can_see_sheet_results(user, sheet: RatingSheet, respondent_hash: str | None, at=None) -> bool:
    """Organisers always; others per the sheet's setting, never while they could still be swayed."""
    if is_organiser(user):
        return True
    visibility = sheet.results_visibility
    if visibility == RatingSheet.ResultsVisibility.STAFF_ONLY:
        return False
    if sheet.has_closed(at or timezone.now()):
        return True
    if visibility == RatingSheet.ResultsVisibility.AFTER_SUBMIT and respondent_hash:
        return Response.objects.filter(sheet=sheet, respondent_hash=respondent_hash).exists()
    return False
