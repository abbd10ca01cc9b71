"""The DC portal: for the coalition's coordinators and for organisers; 403 for anyone else.

Views fetch, check permission, call a form or service, and respond.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView

from coalitions import selectors, services
from coalitions.change_log import changes_in_words
from coalitions.forms import (
    CoalitionProfileForm,
    IssueForm,
    OutputForm,
    OutputStatusForm,
    OutputVersionForm,
)
from coalitions.models import Coalition, Issue, Output
from coalitions.permissions import (
    can_change_issues,
    can_declare_output_status,
    can_manage_coalition,
)
from igfsession.permissions import private_page
from igfsession.request_limits import accepts_uploads


def get_coalition_for_user(user, slug: str) -> Coalition:
    """The coalition whose portal the user may open: 404 if none, 403 if not theirs."""
    coalition = get_object_or_404(Coalition, slug=slug)
    if not can_manage_coalition(user, coalition):
        raise PermissionDenied
    return coalition


@method_decorator(private_page, name="dispatch")
class PortalMixin(LoginRequiredMixin):
    """Anonymous visitors go to the login page; anyone but coordinators and organisers: 403.

    With an ``output_slug`` in the URL, the output is loaded too (as ``self.output``).
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.coalition = get_coalition_for_user(request.user, kwargs["slug"])
        self.output = None
        if "output_slug" in kwargs:
            self.output = selectors.output_for_portal(
                coalition=self.coalition, output_slug=kwargs["output_slug"]
            )
        self.portal_setup()
        return super().dispatch(request, *args, **kwargs)

    def portal_setup(self) -> None:
        """Load what the view needs, once access is granted."""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("coalition", self.coalition)
        kwargs.setdefault("output", self.output)
        return super().get_context_data(**kwargs)

    def output_portal_url(self) -> str:
        return reverse(
            "coalitions:manage-output",
            kwargs={"slug": self.coalition.slug, "output_slug": self.output.slug},
        )


class PortalFormView(PortalMixin, FormView):
    """A portal form on its own page; the form's save() calls the service."""

    template_name = "coalitions/portal/form.html"
    page_title = ""
    submit_label = _("Save")
    success_message = None
    multipart = False

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        kwargs.setdefault("page_title", self.page_title)
        kwargs.setdefault("submit_label", self.submit_label)
        kwargs.setdefault("multipart", self.multipart)
        kwargs.setdefault("cancel_url", self.get_success_url())
        return super().get_context_data(**kwargs)

    def save_form(self, form):
        return form.save()

    def form_valid(self, form):
        try:
            self.saved = self.save_form(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


class PortalView(PortalMixin, TemplateView):
    template_name = "coalitions/portal/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = selectors.current_session()
        outputs = list(selectors.portal_outputs(coalition=self.coalition))
        context["session"] = session
        context["outputs"] = outputs
        context["can_add_output"] = session is not None and all(
            output.session_id != session.pk for output in outputs
        )
        context["join_requests"] = selectors.join_requests_for(coalition=self.coalition)
        context["current_output"] = next(
            (output for output in outputs if session and output.session_id == session.pk), None
        )
        return context


class ProfileUpdateView(PortalFormView):
    form_class = CoalitionProfileForm
    page_title = _("Edit the coalition's profile")
    success_message = _("The coalition's profile was saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "coalition": self.coalition}

    def get_success_url(self):
        return reverse("coalitions:manage", kwargs={"slug": self.coalition.slug})


class OutputCreateView(PortalFormView):
    form_class = OutputForm
    page_title = _("Add the coalition's output for this session")
    submit_label = _("Add the output")
    success_message = _("The output was added as a draft. Declare its status when ready.")

    def portal_setup(self):
        self.session = selectors.current_session()
        if self.session is None:
            raise Http404("No session is current.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "coalition": self.coalition, "session": self.session}

    def save_form(self, form):
        return form.save(session=self.session)

    def get_success_url(self):
        saved = getattr(self, "saved", None)
        if saved is not None:
            return reverse(
                "coalitions:manage-output",
                kwargs={"slug": self.coalition.slug, "output_slug": saved.slug},
            )
        return reverse("coalitions:manage", kwargs={"slug": self.coalition.slug})


class OutputPortalView(PortalMixin, TemplateView):
    """One output in the portal: status, files, issues, and the changes recorded."""

    template_name = "coalitions/portal/output.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        output, user = self.output, self.request.user
        context["versions"] = list(output.versions.all())
        context["issues"] = list(output.issues.all())
        context["issue_changes"] = changes_in_words(output.issue_changes.all(), output.session)
        context["status_form"] = OutputStatusForm(output=output, user=user)
        context["upload_form"] = OutputVersionForm(output=output, user=user)
        context["issue_form"] = IssueForm(output=output, user=user)
        context["can_declare"] = can_declare_output_status(user, output)
        context["can_change_issues"] = can_change_issues(user, output)
        if not context["can_declare"]:
            context["declaration_closed"] = services.declaration_closed_message(
                output.session, output=output
            )
        if not context["can_change_issues"]:
            context["issues_frozen"] = services.issues_frozen_message(output)
        return context


class OutputUpdateView(PortalFormView):
    form_class = OutputForm
    page_title = _("Edit the output's title and summary")
    success_message = _("The output was saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "coalition": self.coalition, "output": self.output}

    def get_success_url(self):
        return self.output_portal_url()


class OutputStatusView(PortalFormView):
    form_class = OutputStatusForm
    page_title = _("Declare the output's status")
    submit_label = _("Declare")
    success_message = _("The output's status was declared.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "output": self.output}

    def get_context_data(self, **kwargs):
        if not can_declare_output_status(self.request.user, self.output):
            kwargs["read_only_reason"] = services.declaration_closed_message(
                self.output.session, output=self.output
            )
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return self.output_portal_url()


@method_decorator(accepts_uploads, name="dispatch")
class OutputUploadView(PortalFormView):
    form_class = OutputVersionForm
    page_title = _("Upload a new version of the output")
    submit_label = _("Upload")
    multipart = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "output": self.output}

    def save_form(self, form):
        version = form.save()
        messages.success(
            self.request, _("Version %(number)s was uploaded.") % {"number": version.number}
        )
        return version

    def get_success_url(self):
        return self.output_portal_url()


class IssueFormView(PortalFormView):
    form_class = IssueForm

    def portal_setup(self):
        self.issue = None
        if "pk" in self.kwargs:
            self.issue = get_object_or_404(Issue, output=self.output, pk=self.kwargs["pk"])
            self.issue.output = self.output

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "output": self.output, "issue": self.issue}

    def get_context_data(self, **kwargs):
        if not can_change_issues(self.request.user, self.output):
            kwargs["read_only_reason"] = services.issues_frozen_message(self.output)
        return super().get_context_data(**kwargs)

    def get_success_url(self):
        return f"{self.output_portal_url()}#issues"


class IssueRemoveConfirmView(PortalMixin, TemplateView):
    """Removing an issue asks first, on a page of its own (no script): the form on this page
    posts to ``issue-remove``."""

    template_name = "coalitions/portal/issue_remove.html"

    def portal_setup(self):
        self.issue = get_object_or_404(Issue, output=self.output, pk=self.kwargs["pk"])
        self.issue.output = self.output

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["issue"] = self.issue
        context["cancel_url"] = f"{self.output_portal_url()}#issue-{self.issue.pk}"
        if not can_change_issues(self.request.user, self.output):
            context["refusal"] = services.issues_frozen_message(self.output)
        elif services.issue_is_protected(self.issue):
            context["refusal"] = services.issue_has_ratings_message(self.issue)
        return context


class IssueCreateView(IssueFormView):
    page_title = _("Add an issue")
    submit_label = _("Add the issue")
    success_message = _("The issue was added.")


class IssueUpdateView(IssueFormView):
    page_title = _("Edit an issue")
    success_message = _("The issue was saved.")


def _portal_issue(request, slug: str, output_slug: str, pk: int) -> Issue:
    coalition = get_coalition_for_user(request.user, slug)
    output = get_object_or_404(
        Output.objects.select_related("session"),
        coalition=coalition,
        slug=output_slug,
    )
    output.coalition = coalition
    issue = get_object_or_404(Issue, output=output, pk=pk)
    issue.output = output
    return issue


def _issue_action(request, slug, output_slug, pk, action, success_message):
    issue = _portal_issue(request, slug, output_slug, pk)
    try:
        action(issue)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success_message % {"title": issue.title})
    url = reverse("coalitions:manage-output", kwargs={"slug": slug, "output_slug": output_slug})
    return redirect(f"{url}#issues")


@private_page
@require_POST
@login_required
def issue_move(request, slug, output_slug, pk):
    """Up and down buttons: plain forms that work without JavaScript."""
    direction = request.POST.get("direction", "")
    return _issue_action(
        request,
        slug,
        output_slug,
        pk,
        lambda issue: services.issue_move(issue=issue, user=request.user, direction=direction),
        _("“%(title)s” was moved."),
    )


@private_page
@require_POST
@login_required
def issue_hide(request, slug, output_slug, pk):
    return _issue_action(
        request,
        slug,
        output_slug,
        pk,
        lambda issue: services.issue_hide(issue=issue, user=request.user),
        _("“%(title)s” is hidden: it keeps its ratings but is no longer shown or rated."),
    )


@private_page
@require_POST
@login_required
def issue_show(request, slug, output_slug, pk):
    return _issue_action(
        request,
        slug,
        output_slug,
        pk,
        lambda issue: services.issue_show(issue=issue, user=request.user),
        _("“%(title)s” is shown again."),
    )


@private_page
@require_POST
@login_required
def issue_remove(request, slug, output_slug, pk):
    return _issue_action(
        request,
        slug,
        output_slug,
        pk,
        lambda issue: services.issue_remove(issue=issue, user=request.user),
        _("“%(title)s” was removed."),
    )
