"""Text that people wrote, shown inside pages in any language: each keeps its own direction.

A coalition's name, an output's title or an issue's summary may be English inside an Arabic
page (or Arabic inside an English one). Left to the page's direction, "Universality and
equality." reads ".Universality and equality" on an Arabic page. Every element that holds such
text says ``dir="auto"`` (its direction is that of its first strong letter) and, where the
text's language is known (an output's ``language``, which its issues share), ``lang``:

    <h1 {% bidi_attrs output.language %}>{{ output.title }}</h1>
    <p {% bidi_attrs %}>{{ coalition.summary }}</p>

Inside a sentence of interface text, the written text is isolated in a ``<bdi>``:

    {{ forloop.counter }}. {{ issue.title|bidi:output.language }}
    {% blocktranslate with title=output.title|bidi:output.language %}Results: {{ title }}…
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


def _lang(language: str | None) -> SafeString:
    return format_html(' lang="{}"', language) if language else SafeString("")


@register.simple_tag
def bidi_attrs(language: str | None = None) -> SafeString:
    """``dir="auto"``, and ``lang="<language>"`` where the text's language is known."""
    return format_html('dir="auto"{}', _lang(language))


@register.filter
def bidi(value, language: str | None = None) -> SafeString:
    """The text isolated in a ``<bdi>`` (its own direction), with its language where known."""
    if value is None or value == "":
        return SafeString("")
    return format_html("<bdi{}>{}</bdi>", _lang(language), value)
