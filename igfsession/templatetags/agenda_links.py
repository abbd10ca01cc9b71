"""Links from agenda templates to other apps' pages; empty where the page is not routed."""

from django import template

from igfsession import links

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
