"""``{% watch_links session part as watch %}``: the part's webcast, transcript and remote links
where it has them, else the session's (``igfsession.models.watch_links``, the one rule)."""

from django import template

from igfsession.models import watch_links as _watch_links

register = template.Library()


@register.simple_tag
def watch_links(session, part=None) -> dict[str, str]:
    return _watch_links(session, part or None)
