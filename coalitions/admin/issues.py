"""The organisers' admin for issues, alone and inline on their output, and the record of their
changes. Every change goes through the portal's services (``coalitions.services.issues``), with
the same checks and the same records: added, edited, moved, hidden, shown and removed issues are
recorded once rating has started, and an issue with ratings is never removed (hide it instead).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from igfsession.admin_helpers import GuidedAddMixin, TechnicalRecordsMixin

from ..models import Issue, IssueChange
from ..services import (
    ISSUE_FIELDS,
    issue_create,
    issue_has_ratings_message,
    issue_hide,
    issue_is_protected,
    issue_move_to,
    issue_remove,
    issue_show,
    issue_update,
)

ADMIN_ISSUE_FIELDS = ("position", *ISSUE_FIELDS, "is_hidden")


def save_issue(*, form, output, user) -> Issue:
    """Apply an admin form's issue (new or changed) through the services, change by change."""
    cleaned = form.cleaned_data
    texts = {name: cleaned[name] for name in ISSUE_FIELDS}
    if form.instance._state.adding:
        issue = issue_create(output=output, user=user, **texts)
    else:
        issue = Issue.objects.get(pk=form.instance.pk)
        issue.output = output
        if any(getattr(issue, name) != value for name, value in texts.items()):
            issue = issue_update(issue=issue, user=user, **texts)
    position = cleaned.get("position")
    if position and position != issue.position:
        issue = issue_move_to(issue=issue, user=user, position=position)
    if cleaned["is_hidden"] != issue.is_hidden:
        issue = (issue_hide if cleaned["is_hidden"] else issue_show)(issue=issue, user=user)
    form.instance = issue
    return issue


def save_issue_formset(*, formset, output, user) -> None:
    """The output page's issue inline, saved through the services: removals first, then the
    other rows by their new position (so that typed positions end up as typed). Fills in what
    the admin's change message reads of a saved formset."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.deleted_forms:
        if form.instance.pk:
            issue = Issue.objects.get(pk=form.instance.pk)
            issue.output = output
            issue_remove(issue=issue, user=user)
            formset.deleted_objects.append(issue)
    kept = [
        form
        for form in formset.forms
        if form not in formset.deleted_forms and form.has_changed() and form.is_valid()
    ]
    kept.sort(key=lambda form: form.cleaned_data.get("position") or 0)
    for form in kept:
        is_new = form.instance._state.adding
        issue = save_issue(form=form, output=output, user=user)
        if is_new:
            formset.new_objects.append(issue)
        else:
            formset.changed_objects.append((issue, form.changed_data))


class IssueInline(admin.TabularInline):
    model = Issue
    fields = ADMIN_ISSUE_FIELDS
    ordering = ("position", "pk")
    extra = 0
    formfield_overrides = {
        # A short summary: a small box, so that the table stays readable.
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class IssueForm(formset.form):
            def hand_clean_DELETE(self):
                """Refuse to remove an issue with ratings with the portal's message (Django's
                own lists the protecting ratings one by one)."""
                issue = self.instance
                if self.cleaned_data.get("DELETE") and issue.pk and issue_is_protected(issue):
                    raise ValidationError(issue_has_ratings_message(issue), code="has_ratings")

        formset.form = IssueForm
        return formset


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ("title", "output", "position", "reference", "is_hidden")
    list_filter = ("is_hidden", ("output__session", admin.RelatedFieldListFilter))
    search_fields = ("title", "summary", "reference", "output__title")
    list_select_related = ("output",)
    autocomplete_fields = ("output",)
    fields = ("output", *ADMIN_ISSUE_FIELDS)

    def get_readonly_fields(self, request, obj=None):
        # An issue belongs to its output for good: its ratings were given to it there.
        return ("output",) if obj is not None else ()

    def get_actions(self, request):
        # No bulk removal: one by one, each is refused with the portal's message if it is rated.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_form(self, request, form, change):
        # Saved here, through the services; the admin then logs and redirects to what they saved.
        output = form.instance.output if change else form.cleaned_data["output"]
        return save_issue(form=form, output=output, user=request.user)

    def save_model(self, request, obj, form, change):
        """Saved by ``save_form`` already."""

    def save_related(self, request, form, formsets, change):
        """An issue has no many-to-many fields or inlines."""

    def delete_view(self, request, object_id, extra_context=None):
        issue = self.get_object(request, object_id)
        if issue is not None and issue_is_protected(issue):
            self.message_user(request, issue_has_ratings_message(issue), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:coalitions_issue_change", args=[issue.pk]))
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        issue_remove(issue=obj, user=request.user)


@admin.register(IssueChange)
class IssueChangeAdmin(TechnicalRecordsMixin, GuidedAddMixin, admin.ModelAdmin):
    """The record of changes to issues after their sheet opened: read-only."""

    list_display = ("changed_at", "output", "issue_title", "action", "changed_by")
    list_filter = ("action", ("output__session", admin.RelatedFieldListFilter))
    search_fields = ("issue_title", "output__title", "output__coalition__name")
    list_select_related = ("output", "changed_by")
    date_hierarchy = "changed_at"
    add_guidance = _(
        "Changes are recorded by themselves when an issue is added, edited, moved, hidden or "
        "removed after its rating sheet opened. To change an issue, edit it:"
    )

    def add_guidance_links(self, request):
        return [(gettext("Issues"), reverse("admin:coalitions_issue_changelist"))]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
