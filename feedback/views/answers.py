"""The coalition's answers in its portal (mounted under /coalitions/<slug>/manage/outputs/...):
save the drafts of every issue at once, publish them together, or discard one issue's draft.

Every change goes through ``feedback.services.answers``; a refused or invalid form stores
nothing and shows again what was typed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from coalitions.models import Issue
from coalitions.views.portal import PortalMixin

from .. import selectors, services
from ..answer_forms import AnswersForm, decision_field_name, reply_field_name
from ..permissions import can_answer_feedback


def answer_issues(output) -> list[Issue]:
    """The issues the coalition answers: those shown on the sheet, in order."""
    issues = [issue for issue in output.issues.all() if not issue.is_hidden]
    for issue in issues:
        issue.output = output
    return issues


class _AnswersMixin(PortalMixin):
    def portal_setup(self):
        self.output.coalition = self.coalition
        if not can_answer_feedback(self.request.user, self.output):
            raise PermissionDenied

    def back_to_portal(self):
        return redirect(f"{self.output_portal_url()}#answers")


class AnswersView(_AnswersMixin, View):
    """The answers form on a page of its own: GET shows it, POST saves the changed drafts."""

    template_name = "feedback/answers.html"

    def _form(self, data=None):
        self.answers = selectors.portal_answers(self.output)
        return AnswersForm(data, issues=answer_issues(self.output), current=self.answers.current())

    def _render(self, form, status=200):
        context = {
            "coalition": self.coalition,
            "output": self.output,
            "form": form,
            "answers": self.answers,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        return self._render(self._form())

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        changed = form.changed_answers()
        try:
            services.answer_drafts_save(user=request.user, changes=changed)
        except services.AnswerRefused as error:
            issue = error.issue
            fields = {"decision": decision_field_name(issue), "reply": reply_field_name(issue)}
            for key, texts in getattr(error, "message_dict", {"reply": error.messages}).items():
                for text in texts:
                    form.add_error(fields.get(key), text)
            return self._render(form, status=400)
        if changed:
            messages.success(
                request,
                _("The draft answers were saved. Publish them when the coalition is ready."),
            )
        else:
            messages.info(request, _("Nothing changed: no draft was saved."))
        return self.back_to_portal()


class _PostOnly:
    """POST only, before anything else (a GET is 405 for everyone, as for every action)."""

    def dispatch(self, request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().dispatch(request, *args, **kwargs)


class AnswersPublishView(_PostOnly, _AnswersMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            count = services.answers_publish(output=self.output, user=request.user)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            text = ngettext(
                "%(count)d answer was published.", "%(count)d answers were published.", count
            )
            messages.success(request, text % {"count": count})
        return self.back_to_portal()


class AnswerDiscardView(_PostOnly, _AnswersMixin, View):
    def post(self, request, *args, pk, **kwargs):
        issue = get_object_or_404(Issue, output=self.output, pk=pk)
        issue.output = self.output
        services.answer_draft_discard(issue=issue, user=request.user)
        messages.success(
            request, _("The draft answer to “%(title)s” was discarded.") % {"title": issue.title}
        )
        return self.back_to_portal()
