"""Links from the agenda to the pages of the apps below it: their URLs must exist (a wrong name
fails); only a slot without a coalition, an output or a sheet has no link."""

from feedback.models import RatingSheet


def rating_sheet_of(output) -> RatingSheet | None:
    """The output's rating sheet, or None (fetch slots ``with_links()`` to have it joined)."""
    if not output:
        return None
    try:
        return output.rating_sheet
    except RatingSheet.DoesNotExist:
        return None


def sheet_url(output) -> str | None:
    sheet = rating_sheet_of(output)
    return sheet.get_absolute_url() if sheet is not None else None


def coalition_url(coalition) -> str | None:
    return coalition.get_absolute_url() if coalition else None


def output_url(output) -> str | None:
    """The output's page (fetch slots ``with_links()`` so that ``output.coalition`` is joined);
    none for a draft, which is its coalition's own until declared."""
    return output.get_absolute_url() if output and output.is_declared else None
