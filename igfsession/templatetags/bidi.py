"""Coalitions' and sessions' own text inside a sentence of the page's language.

``{{ output.title|bidi:output.language }}`` gives ``<bdi dir="auto" lang="en">…</bdi>``: an English
title inside an Arabic sentence keeps its own direction (and is read in its own language). For a
translated sentence: ``{% blocktranslate with title=output.title|bidi:output.language %}``.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bidi(text, language=""):
    if language:
        return format_html('<bdi dir="auto" lang="{}">{}</bdi>', language, text)
    return format_html('<bdi dir="auto">{}</bdi>', text)
