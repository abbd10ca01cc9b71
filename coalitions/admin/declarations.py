"""The organisers' review of declarations in the admin: accept, or send back with a note.

``DeclarationReviewAdminMixin`` gives the output's admin a bulk action, a review page (the
output's declaration, an accept button and the send-back form) and the accept button's POST
address that the "Run the session" page uses too. Everything goes through
``coalitions.services.declaration_accept`` and ``declaration_send_back``.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from igfsession.admin_helpers import GuidedAddMixin, TechnicalRecordsMixin

from ..models import DeclarationReview, Output
from ..permissions import can_review_declaration
from ..services import declaration_accept, declaration_send_back


class DeclarationSendBackForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the coalition"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,  # the service says why an empty note is refused, beside the field
        max_length=2000,
        help_text=_("What the coalition should change before it declares again."),
    )

    def __init__(self, *args, output: Output, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.output, self.user = output, user

    def save(self) -> Output:
        try:
            return declaration_send_back(
                output=self.output, user=self.user, note=self.cleaned_data["note"]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    self.add_error(field if field in self.fields else None, errors)
            else:
                self.add_error(None, error)
            raise


def _coalition_and_title(output: Output) -> dict:
    return {"title": output.title, "coalition": output.coalition.short_name}


class DeclarationReviewAdminMixin:
    """For ``OutputAdmin``: review the declarations."""

    actions = ["accept_declarations_action"]

    @admin.display(description=_("organisers' review"))
    def review(self, output):
        if not output.is_declared:
            return gettext("A draft: nothing to review.")
        state = output.get_review_state_display()
        if output.review_note:
            state = f"{state}: {output.review_note}"
        url = reverse("admin:coalitions_output_review_declaration", args=[output.pk])
        return format_html('{} — <a href="{}">{}</a>', state, url, gettext("Review"))

    @admin.action(description=_("Accept the selected declarations"))
    def accept_declarations_action(self, request, queryset):
        accepted = 0
        for output in queryset.exclude(status=Output.Status.DRAFT).select_related("coalition"):
            declaration_accept(output=output, user=request.user)
            accepted += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d declaration accepted.", "%(count)d declarations accepted.", accepted
            )
            % {"count": accepted},
            messages.SUCCESS,
        )

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:pk>/accept-declaration/",
                self.admin_site.admin_view(self.accept_declaration_view),
                name=f"{info}_accept_declaration",
            ),
            path(
                "<int:pk>/review-declaration/",
                self.admin_site.admin_view(self.review_declaration_view),
                name=f"{info}_review_declaration",
            ),
            *super().get_urls(),
        ]

    def _reviewable(self, request, pk) -> Output:
        output = get_object_or_404(Output.objects.select_related("coalition", "session"), pk=pk)
        if not can_review_declaration(request.user, output):
            raise PermissionDenied
        return output

    def _back(self, request):
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return redirect(target)
        return redirect("admin:index")

    def accept_declaration_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        output = self._reviewable(request, pk)
        try:
            declaration_accept(output=output, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                gettext("The declaration of “%(title)s” (%(coalition)s) is accepted.")
                % _coalition_and_title(output),
                messages.SUCCESS,
            )
        return self._back(request)

    def review_declaration_view(self, request, pk):
        """The declaration, an accept button and the send-back form with its note."""
        output = self._reviewable(request, pk)
        form = DeclarationSendBackForm(
            request.POST if request.method == "POST" else None, output=output, user=request.user
        )
        if form.is_bound and form.is_valid():
            try:
                form.save()
            except ValidationError:
                pass  # the form holds the errors, shown beside the note
            else:
                self.message_user(
                    request,
                    gettext(
                        "The declaration of “%(title)s” (%(coalition)s) was sent back with your "
                        "note."
                    )
                    % _coalition_and_title(output),
                    messages.SUCCESS,
                )
                return redirect("admin:index")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Review the declaration of “%(title)s” (%(coalition)s)")
            % _coalition_and_title(output),
            "opts": self.model._meta,
            "output": output,
            "form": form,
            "reviews": list(output.reviews.select_related("reviewed_by")[:10]),
        }
        return TemplateResponse(request, "admin/coalitions/output/review_declaration.html", context)


@admin.register(DeclarationReview)
class DeclarationReviewAdmin(TechnicalRecordsMixin, GuidedAddMixin, admin.ModelAdmin):
    """Every review of a declaration, kept: read-only (reviews are made on their own page)."""

    list_display = ("reviewed_at", "output", "status", "action", "reviewed_by")
    list_filter = ("action", ("output__session", admin.RelatedFieldListFilter))
    search_fields = ("output__title", "output__coalition__name", "note")
    list_select_related = ("output", "reviewed_by")
    date_hierarchy = "reviewed_at"
    add_guidance = _(
        "A review is recorded by itself when organisers accept a coalition's declaration or "
        "send it back, from “Run the session” or the output's page. To review one, open:"
    )

    def add_guidance_links(self, request):
        return [(gettext("Outputs"), reverse("admin:coalitions_output_changelist"))]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
