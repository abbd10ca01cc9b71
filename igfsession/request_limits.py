"""What a request may carry, checked before any view reads it: a clear answer, never a 500.

- A NUL character in the address (path or query string) or in a header is answered 400: no
  text field of PostgreSQL can hold one, and no real link or browser sends one. Forms refuse it
  in what is posted (Django's ``CharField`` has ``ProhibitNullCharactersValidator``). A cookie
  holding one (a quoted value may write it ``\\000``) is ignored, as if not sent: none of ours
  could, and a 400 would stick until the cookie is cleared.
- A body larger than ``REQUEST_MAX_BYTES`` (``Content-Length``) is answered 413 before it is read,
  on every view but those marked ``@accepts_uploads`` (the output uploads), which take up to
  ``OUTPUT_UPLOAD_MAX_BYTES`` more for the file, whose own size the upload validators judge.
- Django's ``RequestDataTooBig`` (form fields over ``DATA_UPLOAD_MAX_MEMORY_SIZE``) is answered
  413 too, by ``bad_request``, the root URLconf's ``handler400``.

The pages are standalone templates (like 500.html): they need no context processor, so they
render whatever else is wrong with the request.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults


def accepts_uploads(view):
    """Mark a view that receives an output document: its bodies may be as large as a file."""
    view.accepts_uploads = True
    return view


def body_limit(view) -> int:
    """The largest body, in bytes, that ``view`` is sent."""
    limit = settings.REQUEST_MAX_BYTES
    if getattr(view, "accepts_uploads", False):
        limit += settings.OUTPUT_UPLOAD_MAX_BYTES
    return limit


def too_large_response(limit: int) -> HttpResponse:
    html = render_to_string("413.html", {"limit": filesizeformat(limit)})
    return HttpResponse(html, status=413)


def nul_response(*, in_address: bool = True) -> HttpResponse:
    if in_address:
        reason = _(
            "The address contains a NUL character (%(code)s), which no page of this site "
            "accepts. Remove it, or follow the link again from the page you came from."
        ) % {"code": "%00"}
    else:
        reason = _(
            "Your browser sent a header containing a NUL character, which no page of this site "
            "accepts. Try again from another browser."
        )
    return HttpResponse(render_to_string("400.html", {"reason": reason}), status=400)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body from an unreadable length either


class RequestLimitsMiddleware:
    """Before the sessions (which read the cookie) and the CSRF check (the first to read a
    posted body). Cookies holding NUL are dropped on the way in; NUL in the address or a header
    and bodies over the view's limit are refused in ``process_view``, once the view is known
    and every middleware has set up the request (the page is in the visitor's language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name in [n for n, v in request.COOKIES.items() if "\x00" in n or "\x00" in v]:
            del request.COOKIES[name]
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "\x00" in request.path_info or _query_has_nul(request):
            return nul_response()
        if any(
            "\x00" in str(value) for name, value in request.META.items() if name.startswith("HTTP_")
        ):
            return nul_response(in_address=False)
        limit = body_limit(view_func)
        if _content_length(request) > limit:
            return too_large_response(limit)
        return None


def _query_has_nul(request) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


def bad_request(request, exception):
    """handler400: a body too large to read is 413 with its page; anything else, Django's own
    400 (our 400.html), which needs nothing from the request (a bad Host header lands here)."""
    if isinstance(exception, RequestDataTooBig):
        return too_large_response(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return defaults.bad_request(request, exception)
