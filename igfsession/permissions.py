"""Who is an organiser: the one predicate every app, view, template and the admin use.

Organisers (the MAG secretariat) are active staff users; a superuser counts as staff for this
purpose. An inactive account is nobody's organiser, whatever its flags say.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def is_organiser(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_staff or user.is_superuser)
    )


def can_run_live_agenda(user) -> bool:
    """Organisers start slots, move on, end the session or hand back to the clock."""
    return is_organiser(user)


def organisers_only(view):
    """Anonymous visitors go to the login page; signed-in people who are not organisers: 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_organiser(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


PRIVATE_CACHE_CONTROL = "private, no-store"


def private_page(view):
    """A page with private data (names, e-mails, one person's answers): no shared cache keeps
    it, and the browser does not store it for the next person on the device."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

    return wrapped
