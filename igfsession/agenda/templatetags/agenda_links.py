"""The agenda in other apps' templates, and links from agenda templates to other apps' pages.

coalitions does not import the agenda (it sits above coalitions): a coalition's page shows its
slots with ``{% coalition_slots coalition as slots %}`` from this library.
"""

from django import template

from igfsession.agenda import links
from igfsession.agenda.models import Slot

register = template.Library()


@register.filter
def sheet_url(output) -> str:
    return links.sheet_url(output) or ""


@register.filter
def coalition_url(coalition) -> str:
    return links.coalition_url(coalition) or ""


@register.filter
def output_url(output) -> str:
    return links.output_url(output) or ""


@register.simple_tag
def coalition_slots(coalition) -> list[Slot]:
    """The coalition's slots in every session's agenda, in time order (one query)."""
    return list(
        Slot.objects.filter(coalition=coalition)
        .select_related("part__session")
        .order_by("starts_at", "pk")
    )
