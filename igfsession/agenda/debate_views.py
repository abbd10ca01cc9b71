"""The Day 4 debate in the agenda's live pages: remote participants' questions sent from the now
page, and the organisers' debate panel and moderation queue on the live control page.

Questions are rate-limited like the rating sheets (``feedback.ratelimit``), need no account, and
are public only once an organiser accepts them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from feedback import ratelimit, respondent, services
from feedback.debate_forms import DebateQuestionForm
from feedback.models import DebateItem, DebateQuestion, QuestionStatus
from igfsession.permissions import organisers_only
from igfsession.ratelimit import wait_text

from .views import _session_or_404, render_now

MODERATION_MESSAGES = {
    QuestionStatus.ACCEPTED: gettext_lazy(
        "Accepted: the question is shown on the now page and the screen."
    ),
    QuestionStatus.DISMISSED: gettext_lazy("Dismissed: the question is not shown."),
    QuestionStatus.ANSWERED: gettext_lazy("Marked as answered."),
}


@never_cache
@require_POST
def now_question(request):
    """A remote participant's question on the item being discussed: stored waiting for an
    organiser; bad input is sent back beside the field, what was typed kept, nothing stored."""
    session, _version = _session_or_404(request)
    form = DebateQuestionForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, 400)
    token = respondent.ensure_token(request)
    verdict = ratelimit.allow_question(request, token)
    if not verdict:
        form.add_error(
            "text",
            _("Too many questions sent from here in a short time: wait %(wait)s, then try again.")
            % {"wait": wait_text(verdict.retry_after)},
        )
        refused = _refused(request, form, 429)
        refused["Retry-After"] = str(verdict.retry_after)
        return refused
    try:
        services.debate_question_submit(session=session, text=form.cleaned_data["text"])
    except ValidationError as error:
        form.add_error(None, error)
        return _refused(request, form, 400)
    response = redirect(f"{reverse('igfsession:now')}?sent=1#debate")
    respondent.remember(request, response)
    return response


def _refused(request, form, status):
    response = render_now(request, form=form, status=status)
    respondent.remember(request, response)
    return response


def _debate_done(request, message: str):
    messages.success(request, message)
    return redirect(f"{reverse('igfsession:control')}#debate-h")


@require_POST
@organisers_only
def control_debate_start(request):
    session, _version = _session_or_404(request)
    item = get_object_or_404(
        DebateItem.objects.select_related("issue"),
        pk=request.POST.get("item") if str(request.POST.get("item", "")).isdigit() else None,
        session=session,
    )
    services.debate_item_start(item=item, user=request.user)
    return _debate_done(
        request, _("“%(issue)s” is being discussed now.") % {"issue": item.issue.title}
    )


@require_POST
@organisers_only
def control_debate_stop(request):
    session, _version = _session_or_404(request)
    services.debate_stop(session=session, user=request.user)
    return _debate_done(request, _("No debate item is being discussed now."))


@require_POST
@organisers_only
def control_question(request):
    session, _version = _session_or_404(request)
    pk = request.POST.get("question", "")
    question = get_object_or_404(
        DebateQuestion, pk=pk if pk.isdigit() else None, item__session=session
    )
    status = request.POST.get("status", "")
    try:
        services.debate_question_moderate(question=question, user=request.user, status=status)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(f"{reverse('igfsession:control')}#debate-h")
    return _debate_done(request, str(MODERATION_MESSAGES[status]))
