from .models import Session


def current_session(request):
    """The current session, for the footer's links on every page (one query, lazily)."""

    def _current():
        if not hasattr(request, "_current_session"):
            request._current_session = Session.objects.current()
        return request._current_session

    return {"current_session": _current}
