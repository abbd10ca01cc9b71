"""The session's pages: home, agenda, now/next, exports, and the organisers' live control.

Public pages are sent with validators (ETag and Last-Modified, from one query, see
``selectors.current_session_and_version``) and ``Cache-Control: public`` with a short max-age,
and answer a conditional GET with 304. What is on now depends on the clock too, so the now/next
validators also carry the slots on now and next.
"""

from datetime import datetime, time

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import condition, require_POST
from django.views.decorators.vary import vary_on_cookie
from django.views.generic import TemplateView

from feedback.debate_board import public_questions
from feedback.debate_forms import DebateQuestionForm
from feedback.services import current_debate_item
from igfsession.page_cache import cached_page
from igfsession.permissions import organisers_only

from . import exports, selectors, services
from .forms import StartSlotForm
from .models import Part, Slot
from .page_cache import clock_until, home_until, now_page_until
from .page_cache import current as _current
from .page_cache import now as _now

AGENDA_MAX_AGE = 60  # seconds: the agenda and the exports
NOW_MAX_AGE = 10  # seconds: what is on now (the now page polls every AGENDA_POLL_SECONDS)


# --------------------------------------------------------------------------------------------
# Validators, computed once per request (``page_cache.current`` and ``page_cache.now``)
# --------------------------------------------------------------------------------------------


def _now_updated(request) -> datetime | None:
    """When what the now page shows last changed: an edit, a live-state change or the clock."""
    session, version = _current(request)
    if session is None:
        return None
    _at, state = _now(request)
    return max(m for m in (version.last_modified, state.changed_at) if m is not None)


def _in_language(etag: str | None) -> str | None:
    """A page reads differently in each language: its validator names the language too."""
    return f"{etag}-{get_language()}" if etag else etag


def _agenda_etag(request, *args, **kwargs):
    _session, version = _current(request)
    return _in_language(version.etag) if version else None


def _agenda_last_modified(request, *args, **kwargs):
    _session, version = _current(request)
    return version.last_modified if version else None


def _now_etag(request, *args, **kwargs):
    session, version = _current(request)
    if session is None:
        return None
    _at, state = _now(request)
    # The poll interval is in the page, and the note that a question was sent.
    return _in_language(
        selectors.now_etag(
            version, state, settings.AGENDA_POLL_SECONDS, request.GET.get("sent") == "1"
        )
    )


def _agenda_page_etag(request, *args, **kwargs):
    """The agenda marks the slot on now: its validator carries what is on now too."""
    session, version = _current(request)
    if session is None:
        return None
    _at, state = _now(request)
    return _in_language(selectors.now_etag(version, state, "agenda", settings.AGENDA_POLL_SECONDS))


def _home_etag(request, *args, **kwargs):
    session, version = _current(request)
    if session is None:
        return None
    at, state = _now(request)
    return _in_language(selectors.now_etag(version, state, "home", session.local(at).date()))


def _home_last_modified(request, *args, **kwargs):
    """Also moves at the venue's midnight, when the home page's "today" changes."""
    session, _version = _current(request)
    if session is None:
        return None
    at, _state = _now(request)
    midnight = datetime.combine(session.local(at).date(), time(), tzinfo=session.tz)
    return max(_now_updated(request), midnight)


def _slot_version(request, pk, *args, **kwargs):
    if not hasattr(request, "_slot_version"):
        slot = get_object_or_404(Slot.objects.select_related("part"), pk=pk)
        request._slot_version = selectors.session_and_version(slot.part.session_id)[1]
    return request._slot_version


def _slot_etag(request, pk, *args, **kwargs):
    return _in_language(_slot_version(request, pk).etag)


def _slot_last_modified(request, pk, *args, **kwargs):
    return _slot_version(request, pk).last_modified


def _session_or_404(request):
    session, version = _current(request)
    if session is None:
        raise Http404(_("No session is current."))
    return session, version


def _absolute(request):
    return request.build_absolute_uri


def _days_or_404(session):
    days = selectors.agenda_days(session)
    if not days:
        raise Http404(_("The session has no agenda yet."))
    return days


def _public(max_age: int):
    """Cache-Control: public; and Vary: Cookie besides LocaleMiddleware's Accept-Language, as the
    language may come from the django_language cookie that the language switcher sets."""

    def decorator(view):
        return vary_on_cookie(cache_control(public=True, max_age=max_age)(view))

    return decorator


# Answered from the shared cache for anonymous visitors (igfsession.page_cache) until a change
# or, for the pages that show what is on now, until the clock moves it.
agenda_cache = _public(AGENDA_MAX_AGE)
now_cache = _public(NOW_MAX_AGE)
agenda_condition = condition(etag_func=_agenda_etag, last_modified_func=_agenda_last_modified)


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


@method_decorator(cached_page(until=home_until), name="dispatch")
@method_decorator(now_cache, name="dispatch")
@method_decorator(
    condition(etag_func=_home_etag, last_modified_func=_home_last_modified), name="dispatch"
)
class HomeView(TemplateView):
    """The current session: what it is, now and next, today's parts, where to rate and watch."""

    template_name = "igfsession/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session, _version = _current(self.request)
        context["session"] = session
        if session is None:
            return context
        at, state = _now(self.request)
        day, parts = selectors.day_parts(session, at)
        is_today = day == session.local(at).date()
        context.update(
            state=state,
            updated=_now_updated(self.request),
            is_today=is_today,
            # Outside the session's days, every part (a session has a handful).
            parts=parts if is_today else list(Part.objects.for_session(session)),
            sheet_slots=selectors.sheet_slots(session),
        )
        return context


@cached_page(until=clock_until)
@now_cache
@condition(etag_func=_agenda_page_etag, last_modified_func=lambda request: _now_updated(request))
def agenda(request):
    """Both days: each part with its purpose, each slot with what it is and where to rate it; the
    slot on now marked (and linked from the top), kept up to date by agenda.js from now.json."""
    session, _version = _current(request)
    days = selectors.agenda_days(session) if session else []
    state = _now(request)[1] if session else None
    return render(
        request,
        "igfsession/agenda.html",
        {
            "session": session,
            "days": days,
            "state": state,
            "now_pk": state.now.pk if state and state.now else None,
            "poll_seconds": settings.AGENDA_POLL_SECONDS,
        },
    )


def render_now(request, *, form=None, status=200):
    """The now page; ``form``: a question sent back with its errors (``debate_views``)."""
    session, _version = _session_or_404(request)
    _at, state = _now(request)
    item = current_debate_item(session)
    return render(
        request,
        "igfsession/now.html",
        {
            "session": session,
            "state": state,
            "updated": _now_updated(request),
            "poll_seconds": settings.AGENDA_POLL_SECONDS,
            "debate_item": item,
            # agenda.js compares it with now.json's, to say when the debate has moved on.
            "debate_url": (exports.debate_item_json(item, _absolute(request)) or {}).get("url", ""),
            "questions": public_questions(item),
            "question_form": form or DebateQuestionForm(),
            "question_sent": request.GET.get("sent") == "1",
        },
        status=status,
    )


@cached_page(until=now_page_until)
@now_cache
@condition(etag_func=_now_etag, last_modified_func=lambda request: _now_updated(request))
def now_page(request):
    """For remote participants: the slot on now, the next one, where to watch and rate; during
    the debate, the item discussed, its accepted questions and a form to send one."""
    return render_now(request)


@cached_page(until=clock_until)
@now_cache
@condition(etag_func=_now_etag, last_modified_func=lambda request: _now_updated(request))
def now_json(request):
    """``{"session", "mode", "now", "next", "updated", "debate_item"}``: what the now page
    polls."""
    session, _version = _session_or_404(request)
    _at, state = _now(request)
    absolute = _absolute(request)
    item = current_debate_item(session)
    return JsonResponse(
        {
            "session": exports.session_json(session, absolute),
            "mode": state.mode,
            "now": exports.slot_json(session, state.now, absolute),
            "next": exports.slot_json(session, state.next, absolute),
            "updated": exports.iso(session, _now_updated(request)),
            "debate_item": exports.debate_item_json(item, absolute),
        },
        json_dumps_params={"ensure_ascii": False},
    )


# --------------------------------------------------------------------------------------------
# Exports
# --------------------------------------------------------------------------------------------


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@cached_page()
@agenda_cache
@agenda_condition
def agenda_ics(request):
    """Every slot of the current session as an iCalendar feed."""
    session, _version = _session_or_404(request)
    slots = Slot.objects.for_session(session).with_links()
    body = exports.agenda_ics(session, slots, _absolute(request))
    return _ics_response(body, f"{session.slug}.ics")


@cached_page()
@agenda_cache
@condition(etag_func=_slot_etag, last_modified_func=_slot_last_modified)
def slot_ics(request, pk: int):
    """One slot as a calendar file, for "add to my calendar"."""
    slot = get_object_or_404(Slot.objects.with_links().select_related("part__session"), pk=pk)
    session = slot.part.session
    body = exports.agenda_ics(session, [slot], _absolute(request))
    return _ics_response(body, f"{session.slug}-slot-{slot.pk}.ics")


@cached_page()
@agenda_cache
@agenda_condition
def schedule_xml(request):
    """The frab/c3voc conference schedule (XML) for conference apps."""
    session, version = _session_or_404(request)
    body = exports.schedule_xml(session, _days_or_404(session), version, _absolute(request))
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@cached_page()
@agenda_cache
@agenda_condition
def schedule_json(request):
    """The frab/c3voc conference schedule (JSON) for conference apps."""
    session, version = _session_or_404(request)
    body = exports.schedule_json(session, _days_or_404(session), version, _absolute(request))
    return HttpResponse(body, content_type="application/json; charset=utf-8")


# --------------------------------------------------------------------------------------------
# Organisers: the live agenda
# --------------------------------------------------------------------------------------------


@never_cache
@organisers_only
def control(request):
    """Buttons to start a slot, move to the next one, end the session or follow the clock; the
    debate's items to mark as discussed, and the moderation queue of its questions."""
    session, _version = _session_or_404(request)
    _at, state = _now(request)
    return render(
        request,
        "igfsession/control.html",
        {
            "session": session,
            "state": state,
            "slots": selectors.control_slots(session),
            "live_state": selectors.live_state(session),
            "poll_seconds": settings.AGENDA_POLL_SECONDS,
            **selectors.debate_control(session),
        },
    )


def _live_state_message(state) -> str:
    if state.mode == state.Mode.SLOT:
        return _("“%(title)s” is on now.") % {"title": state.slot.title}
    if state.mode == state.Mode.ENDED:
        return _("The session has ended.")
    return _("The clock decides what is on now.")


def _control_action(request, action):
    session, _version = _session_or_404(request)
    try:
        state = action(session=session, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _live_state_message(state))
    return redirect("igfsession:control")


@require_POST
@organisers_only
def control_start(request):
    session, _version = _session_or_404(request)
    form = StartSlotForm(request.POST, session=session)
    if not form.is_valid():
        for error in form.errors.get("slot", []):
            messages.error(request, error)
        return redirect("igfsession:control")
    slot = form.cleaned_data["slot"]
    return _control_action(
        request, lambda **kwargs: services.live_state_start_slot(slot=slot, **kwargs)
    )


@require_POST
@organisers_only
def control_next(request):
    return _control_action(request, services.live_state_advance)


@require_POST
@organisers_only
def control_end(request):
    return _control_action(request, services.live_state_end)


@require_POST
@organisers_only
def control_clock(request):
    return _control_action(request, services.live_state_follow_clock)
