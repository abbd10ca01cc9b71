"""Who may do what with the session. Plain predicates, used by views and templates."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def is_organiser(user) -> bool:
    """Organisers are the staff: they run the live agenda and type in paper sheets."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_run_live_agenda(user) -> bool:
    """Organisers (staff) start slots, move on, end the session or hand back to the clock."""
    return is_organiser(user)


def organisers_only(view):
    """Anonymous visitors go to the login page; signed-in people who are not staff get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_organiser(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
