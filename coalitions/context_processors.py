"""The user menu in every page's header: who is logged in, their portal, the admin for
organisers, password change and log-out.

Read lazily, once per request. The session is read only where someone may be logged in (the
marker cookie of ``coalitions.middleware``) or where the page has read it already, so an
anonymous visitor costs no query, with or without a session; someone logged in costs one (the
coalitions they coordinate) besides the session and the user that any logged-in page reads.
"""

from django.urls import reverse

from igfsession.permissions import is_organiser

from . import selectors
from .middleware import may_be_logged_in


def portal_url(coalitions) -> str | None:
    """The portal of the one coalition a user coordinates, the choice when several, else None."""
    if len(coalitions) == 1:
        return reverse("coalitions:manage", kwargs={"slug": coalitions[0].slug})
    if coalitions:
        return reverse("portals")
    return None


def request_user_menu(request) -> dict | None:
    """What the menu shows for the request's user (None when nobody is logged in)."""
    if not hasattr(request, "_user_menu"):
        session = getattr(request, "session", None)
        look = may_be_logged_in(request) or (session is not None and session.accessed)
        user = getattr(request, "user", None) if look else None
        menu = None
        if user is not None and user.is_authenticated:
            menu = {
                "name": user.get_full_name() or user.get_username(),
                "portal_url": portal_url(selectors.coordinated_coalitions(user=user)),
                "is_organiser": is_organiser(user),
            }
        request._user_menu = menu
    return request._user_menu


def user_menu(request):
    """``user_menu`` for base.html: a callable, so that pages without the menu pay nothing."""
    return {"user_menu": lambda: request_user_menu(request)}
