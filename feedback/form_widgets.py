"""Widgets whose HTML is remembered: the rating sheet's radio groups render the same few dozen
inputs on every GET (8 issues by 6 marks), and Django renders each from a template (about half a
millisecond apiece, most of a sheet's time). The HTML of a widget template depends only on its
context, so each process keeps what it rendered for a given template, language and context.
"""

from collections import OrderedDict
from threading import Lock

from django import forms
from django.utils import translation

# Entries per process: one sheet's radios are 48, their choices in each language a few more.
MEMO_SIZE = 4096

_memo: OrderedDict[tuple, str] = OrderedDict()
_lock = Lock()


def _frozen(value):
    """A hashable, exact picture of a widget's context (lazy labels as the text they give)."""
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if value is None or isinstance(value, bool | int):
        return value
    return (type(value).__name__, str(value))


class RememberedRenderMixin:
    """Render each distinct widget context once per process (a bounded, least-recently-used
    memo); what comes out is exactly what the template gives."""

    def _render(self, template_name, context, renderer=None):
        renderer_kind = type(renderer).__qualname__ if renderer is not None else None
        key = (template_name, renderer_kind, translation.get_language(), _frozen(context))
        with _lock:
            html = _memo.get(key)
            if html is not None:
                _memo.move_to_end(key)
                return html
        html = super()._render(template_name, context, renderer)
        with _lock:
            _memo[key] = html
            while len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
        return html  # safe already: what the widget's own template rendered


class RememberedRadioSelect(RememberedRenderMixin, forms.RadioSelect):
    pass
