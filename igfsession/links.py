"""Links from the agenda to pages of other apps, built from URL names only.

``igfsession`` does not import ``coalitions`` or ``feedback`` (imports point the other way), and
their pages may not be routed yet: a name that does not resolve gives no link (``None``), so the
agenda shows the text without a link instead of failing.
"""

from django.urls import NoReverseMatch, reverse


def reverse_or_none(viewname: str, **kwargs) -> str | None:
    try:
        return reverse(viewname, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def rating_sheet_of(output):
    """The output's rating sheet, or None (reverse one-to-one: absent raises AttributeError)."""
    if not output:
        return None
    return getattr(output, "rating_sheet", None)


def sheet_url(output) -> str | None:
    sheet = rating_sheet_of(output)
    if sheet is None:
        return None
    return reverse_or_none("feedback:sheet", code=sheet.code)


def sheets_index_url() -> str | None:
    return reverse_or_none("feedback:list")


def coalition_url(coalition) -> str | None:
    if not coalition:
        return None
    return reverse_or_none("coalitions:detail", slug=coalition.slug)


def output_url(output) -> str | None:
    """The output's page (fetch slots ``with_links()`` so that ``output.coalition`` is joined)."""
    if not output:
        return None
    return reverse_or_none("coalitions:output", slug=output.coalition.slug, output_slug=output.slug)
