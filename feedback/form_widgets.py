"""The rating sheet's widgets, rendered once per process: a sheet renders the same few dozen
inputs on every GET (8 issues by 6 marks, a comment box per issue, the profile's choices), and
Django renders each from a template (about half a millisecond apiece, most of a sheet's time).
A widget template's HTML depends only on its context, so ``RememberedWidgetsRenderer`` keeps
what it rendered for a given template, language and widget context (a bounded memo, least
recently used out); anything else (a form's or a field's template) it renders as usual.
"""

from collections import OrderedDict
from threading import Lock

from django.forms.renderers import BaseRenderer, get_default_renderer
from django.utils import translation

# Entries per process: one sheet's widgets are about 60; every sheet in a few languages fits.
MEMO_SIZE = 4096
# A widget whose context holds a text longer than this is rendered, never remembered: a sheet
# sent back with errors shows what its sender typed, and strangers' long text must not fill the
# memo (labels, names and choices are shorter).
MEMO_TEXT_CHARS = 200


class _TooLong(Exception):
    pass


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
    text = str(value)
    if len(text) > MEMO_TEXT_CHARS:
        raise _TooLong
    return (type(value).__name__, text)


class RememberedWidgetsRenderer(BaseRenderer):
    """The project's form renderer (``FORM_RENDERER``), with widgets' HTML remembered."""

    def get_template(self, template_name):
        return get_default_renderer().get_template(template_name)

    def render(self, template_name, context, request=None):
        if request is not None or set(context) != {"widget"}:
            return get_default_renderer().render(template_name, context, request)
        try:
            key = (template_name, translation.get_language(), _frozen(context))
        except _TooLong:
            return get_default_renderer().render(template_name, context)
        with _lock:
            html = _memo.get(key)
            if html is not None:
                _memo.move_to_end(key)
                return html
        html = get_default_renderer().render(template_name, context)
        with _lock:
            _memo[key] = html
            while len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
        return html


remembered_widgets = RememberedWidgetsRenderer()
