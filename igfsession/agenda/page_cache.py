"""The agenda's public pages in the shared page cache (``igfsession.page_cache``).

What the pages show, read once per request (``current``, ``now``); when each page next changes
with the clock (``*_until``, given to ``cached_page``); and the writes that make every cached page
stale: any save or delete of a model the pages' validators read (``connect_invalidation``, called
by the agenda's ``AppConfig.ready``). Services that write with ``QuerySet.update()``, which sends
no signal, call ``igfsession.page_cache.forget()`` themselves.
"""

from datetime import datetime, time, timedelta

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from coalitions.models import Coalition, Issue, Output
from feedback.models import DebateItem, DebateQuestion, RatingSheet
from igfsession import page_cache
from igfsession.models import Part, Session

from . import selectors
from .models import LiveState, Slot

# Every model whose rows the home, agenda and now pages (and the exports) show or whose changes
# their validators follow (``selectors._with_version_columns``).
SHOWN_MODELS = (
    Session,
    Part,
    Slot,
    LiveState,
    Coalition,
    Output,
    Issue,
    RatingSheet,
    DebateItem,
    DebateQuestion,
)


def current(request):
    """The current session and its validators (one query), once per request."""
    if not hasattr(request, "_agenda"):
        session, version = selectors.current_session_and_version()
        request._agenda = (session, version)
        # The footer's context processor reads the current session from here.
        request._current_session = session
    return request._agenda


def now(request) -> tuple[datetime, selectors.NowNext | None]:
    if not hasattr(request, "_now"):
        session, _version = current(request)
        at = timezone.now()
        request._now = (at, selectors.now_and_next(session, at) if session else None)
    return request._now


def clock_until(request) -> datetime | None:
    """Pages that mark what is on now: until the clock moves it (clock mode)."""
    _at, state = getattr(request, "_now", (None, None))
    return state.changes_at if state else None


def _earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None


def home_until(request) -> datetime | None:
    """The home page also changes at the venue's midnight ("today")."""
    session, _version = getattr(request, "_agenda", (None, None))
    if session is None:
        return None
    at, _state = now(request)
    tomorrow = session.local(at).date() + timedelta(days=1)
    midnight = datetime.combine(tomorrow, time(), tzinfo=session.tz)
    return _earliest(clock_until(request), midnight)


def now_page_until(request) -> datetime | None:
    """The now page also says in how many minutes the next slot starts ("starts in 12 min",
    ``times.starts_in``): until that number changes."""
    at, state = getattr(request, "_now", (None, None))
    if state is None:
        return None
    countdown = None
    if state.next is not None and state.next.starts_at > at:
        # "starts in m min" with m = whole minutes left: it says m - 1 once less than m are left
        # (at once, when exactly m are left now: such a page is not kept).
        left = (state.next.starts_at - at).total_seconds()
        countdown = state.next.starts_at - timedelta(minutes=left // 60)
    return _earliest(clock_until(request), countdown)


def _forget(sender, **kwargs):
    page_cache.forget()


def connect_invalidation() -> None:
    for model in SHOWN_MODELS:
        label = model._meta.label_lower
        post_save.connect(_forget, sender=model, dispatch_uid=f"page_cache.save.{label}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"page_cache.delete.{label}")
