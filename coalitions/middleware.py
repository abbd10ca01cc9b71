"""Who may be logged in, known without reading the session; logged-in pages never cached.

The header's user menu (``coalitions.context_processors``) needs the user, and reading the user
reads the session: a query on every public page, for every participant whose sheet left a
session behind. A small marker cookie says "someone logged in on this browser": without it, the
menu does not look at the session at all. The marker is kept in step whenever a request has read
the session anyway (a login, a log-out, the portal, the admin): set while a user is logged in,
removed once nobody is. It decides only whether to look; the session still decides who.

The public pages (agenda, now, home) are sent with ``Cache-Control: public`` and validators that
do not know who asked. A page that carries the menu (a name, a log-out form with its CSRF token)
is sent ``private, no-store`` without validators instead, and a browser carrying the marker is
always given the full page, never a 304 for a copy cached before it logged in or out.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils.cache import patch_cache_control

MARKER_COOKIE = "igfdc_logged_in"


def may_be_logged_in(request) -> bool:
    """False when nobody can be logged in on this browser (no session, or no marker)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and MARKER_COOKIE in request.COOKIES


class LoginMarkerMiddleware:
    """After SessionMiddleware and AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if may_be_logged_in(request):
            # A copy cached before logging in or out must not be confirmed with a 304.
            request.META.pop("HTTP_IF_NONE_MATCH", None)
            request.META.pop("HTTP_IF_MODIFIED_SINCE", None)
        response = self.get_response(request)
        self._keep_marker(request, response)
        if getattr(request, "_user_menu", None):
            # Django drops "public" when "private" is patched in.
            patch_cache_control(response, private=True, no_store=True)
            for header in ("ETag", "Last-Modified", "Expires"):
                if header in response:
                    del response[header]
        return response

    @staticmethod
    def _keep_marker(request, response) -> None:
        session = getattr(request, "session", None)
        if session is None or not session.accessed:
            return  # what the session says is unknown without a query: leave the marker be
        logged_in = SESSION_KEY in session
        has_marker = MARKER_COOKIE in request.COOKIES
        if logged_in and not has_marker:
            # As long-lived as the session's own cookie.
            response.set_cookie(
                MARKER_COOKIE,
                "1",
                max_age=None
                if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
                else session.get_expiry_age(),
                domain=settings.SESSION_COOKIE_DOMAIN,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif not logged_in and has_marker:
            response.delete_cookie(
                MARKER_COOKIE, domain=settings.SESSION_COOKIE_DOMAIN, samesite="Lax"
            )
