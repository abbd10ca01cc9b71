from .models import Session


def request_current_session(request) -> Session | None:
    """The current session, read once per request (views and the footer share it)."""
    if not hasattr(request, "_current_session"):
        request._current_session = Session.objects.current()
    return request._current_session


def current_session(request):
    """The current session, for the footer's links on every page (one query, lazily)."""
    return {"current_session": lambda: request_current_session(request)}
