"""The Day 4 debate's running order (/feedback/debate/): public, with the organisers' controls
on the same page, and the room's screen for the item being discussed.

Organisers' controls are plain forms (POST, then back to the page): no JavaScript needed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from igfsession.context_processors import request_current_session
from igfsession.permissions import is_organiser, organisers_only

from .. import debate_board, respondent, services
from ..debate_forms import DebateAddForm, DebateItemForm
from ..models import DebateItem

PROJECTOR_REFRESH_SECONDS = 10


def _session_or_404(request):
    session = request_current_session(request)
    if session is None:
        raise Http404("No session is current.")
    return session


def _debate_url(item=None) -> str:
    url = reverse("feedback:debate")
    return f"{url}#item-{item.pk}" if item is not None else url


def render_debate(request, *, add_form=None, bound=None, status=200):
    """The running order; for organisers, the edit controls (``bound``: an item's form sent back
    with its errors)."""
    session = request_current_session(request)
    context = {"session": session, "organiser": is_organiser(request.user)}
    if session is not None:
        board = debate_board.debate_board(
            session, request.user, respondent.respondent_hash(request)
        )
        rows = []
        for entry in board.items:
            form = None
            if context["organiser"]:
                if bound is not None and bound.item.pk == entry.item.pk:
                    form = bound.form
                else:
                    form = DebateItemForm(item=entry.item)
            rows.append((entry, form))
        context.update(board=board, rows=rows)
        if context["organiser"]:
            issues = debate_board.addable_issues(session)
            context.update(
                add_form=add_form or DebateAddForm(issues=issues),
                can_add=bool(issues),
                suggested=services.debate_suggestions(session, board.thresholds),
            )
    return render(request, "feedback/debate.html", context, status=status)


@method_decorator(never_cache, name="dispatch")
class DebateView(TemplateView):
    """The running order with minutes and start times; figures only where allowed."""

    def get(self, request, *args, **kwargs):
        return render_debate(request)


class _Bound:
    def __init__(self, item, form):
        self.item, self.form = item, form


def _item_or_404(request, pk) -> DebateItem:
    session = _session_or_404(request)
    return get_object_or_404(
        DebateItem.objects.select_related("issue__output__coalition"), pk=pk, session=session
    )


@require_POST
@organisers_only
def debate_suggested(request):
    """Start from the suggested list: the suggested issues not in the order yet, appended."""
    session = _session_or_404(request)
    added = services.debate_start_from_suggestions(session=session, user=request.user)
    if added:
        messages.success(
            request,
            ngettext("%(count)d suggested issue added.", "%(count)d suggested issues added.", added)
            % {"count": added},
        )
    else:
        messages.info(request, _("Every suggested issue is in the running order already."))
    return redirect(_debate_url())


@require_POST
@organisers_only
def debate_add(request):
    session = _session_or_404(request)
    form = DebateAddForm(request.POST, issues=debate_board.addable_issues(session))
    if form.is_valid():
        try:
            item = services.debate_item_add(
                session=session, issue=form.cleaned_data["issue"], user=request.user
            )
        except ValidationError as error:
            form.add_error("issue", error)
        else:
            messages.success(request, _("“%(issue)s” added.") % {"issue": item.issue.title})
            return redirect(_debate_url(item))
    return render_debate(request, add_form=form, status=400)


@require_POST
@organisers_only
def debate_move(request, pk):
    item = _item_or_404(request, pk)
    try:
        services.debate_item_move(
            item=item, user=request.user, direction=request.POST.get("direction", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(_debate_url(item))


@require_POST
@organisers_only
def debate_remove(request, pk):
    item = _item_or_404(request, pk)
    services.debate_item_remove(item=item, user=request.user)
    messages.success(request, _("“%(issue)s” removed.") % {"issue": item.issue.title})
    return redirect(_debate_url())


@require_POST
@organisers_only
def debate_update(request, pk):
    item = _item_or_404(request, pk)
    form = DebateItemForm(request.POST, item=item)
    if form.is_valid():
        try:
            services.debate_item_update(
                item=item,
                user=request.user,
                minutes=form.cleaned_data["minutes"],
                outcome_note=form.cleaned_data["outcome_note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(issue)s” saved.") % {"issue": item.issue.title})
            return redirect(_debate_url(item))
    return render_debate(request, bound=_Bound(item, form), status=400)


@method_decorator(organisers_only, name="dispatch")
@method_decorator(never_cache, name="dispatch")
class DebateProjectorView(TemplateView):
    """The room's screen during the debate: the item being discussed, its figures where
    visible, and the accepted questions in order; it refreshes itself."""

    template_name = "feedback/debate_projector.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = request_current_session(self.request)
        current, questions = None, []
        if session is not None:
            board = debate_board.debate_board(
                session, self.request.user, respondent.respondent_hash(self.request)
            )
            current = board.current
            questions = debate_board.public_questions(current.item if current else None)
            context["thresholds"] = board.thresholds
        context.update(
            session=session,
            current=current,
            questions=questions,
            refresh_seconds=PROJECTOR_REFRESH_SECONDS,
        )
        return context
