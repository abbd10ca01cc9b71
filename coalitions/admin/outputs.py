"""The organisers' admin for outputs (status declared through the portal's service) and their
file versions (uploaded through the portal's checks)."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from igfsession.admin_helpers import VenueTimeAdminMixin
from igfsession.models import Session
from igfsession.request_limits import accepts_uploads

from ..models import Issue, Output, OutputVersion
from ..services import output_status_declare, output_version_upload
from ..validators import validate_output_file
from .declarations import DeclarationReviewAdminMixin
from .issues import IssueInline, save_issue_formset


class OutputVersionInline(admin.TabularInline):
    """Every uploaded file, newest first. Read-only: uploads have their own page."""

    model = OutputVersion
    fields = ("number", "original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    can_delete = False
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Output)
class OutputAdmin(DeclarationReviewAdminMixin, VenueTimeAdminMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "coalition",
        "session",
        "status",
        "review_state",
        "language",
        "issue_count",
    )
    list_filter = ("status", "review_state", "session", "language")
    ordering = ("coalition__name", "title")  # see CoalitionAdmin.ordering
    search_fields = ("title", "slug", "summary", "coalition__name", "coalition__acronym")
    list_select_related = ("coalition", "session")
    autocomplete_fields = ("coalition",)
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("status_changed_at", "review", "created_at", "updated_at")
    inlines = [IssueInline, OutputVersionInline]
    fieldsets = (
        (None, {"fields": ("coalition", "session", "title", "slug", "summary", "language")}),
        (
            _("Declared status"),
            {
                "fields": (
                    "status",
                    "status_changed_at",
                    "review",
                    "declaration_deadline_extended_to",
                ),
                "description": _(
                    "The coalition's declaration decides where it appears, once the organisers "
                    "accept it: final outputs are presented on Day 3 and get a rating sheet; "
                    "coalitions with work in progress introduce themselves on Day 4."
                ),
            },
        ),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    def venue_session(self, request, obj):
        """The extended deadline is typed in the venue's time, as the session's own."""
        if obj is not None:
            return obj.session
        pk = self.posted_pk(request, "session")
        chosen = Session.objects.filter(pk=pk).first() if pk else None
        return chosen or super().venue_session(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(issue_count=Count("issues"))

    @admin.display(description=_("issues"), ordering="issue_count")
    def issue_count(self, output):
        return output.issue_count

    def save_model(self, request, obj, form, change):
        """The details are saved here; the status is declared through the portal's service
        (a final output gets its rating sheet, the agenda's generated slots follow)."""
        status = obj.status
        obj.status = form.initial.get("status") if change else Output.Status.DRAFT
        super().save_model(request, obj, form, change)
        if status != obj.status:
            output_status_declare(output=obj, user=request.user, status=status)

    def save_formset(self, request, form, formset, change):
        if formset.model is Issue:
            save_issue_formset(formset=formset, output=form.instance, user=request.user)
        else:
            super().save_formset(request, form, formset, change)


class OutputVersionUploadForm(forms.ModelForm):
    """An organiser uploads a file on a coalition's behalf (say, one sent by e-mail)."""

    class Meta:
        model = OutputVersion
        fields = ("output", "file")
        help_texts = {
            "file": _(
                "PDF, DOCX or ODT. Its content decides its type, not its name. It becomes the "
                "output's newest version; earlier versions are kept."
            )
        }

    def clean_file(self):
        file = self.cleaned_data["file"]
        validate_output_file(file)
        return file


@admin.register(OutputVersion)
class OutputVersionAdmin(admin.ModelAdmin):
    """Versions are kept, never changed: organisers read them and may upload a new one."""

    list_display = (
        "output",
        "number",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "uploaded_at",
    )
    list_filter = (("output__session", admin.RelatedFieldListFilter), "content_type")
    search_fields = ("original_name", "output__title", "output__coalition__name", "sha256")
    list_select_related = ("output", "uploaded_by")
    autocomplete_fields = ("output",)
    fields = (
        "output",
        "number",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    )
    readonly_fields = fields

    def get_fields(self, request, obj=None):
        return ("output", "file") if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    @accepts_uploads
    def add_view(self, request, form_url="", extra_context=None):
        """Where organisers upload a file: its bodies may be as large as an output document."""
        return super().add_view(request, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = OutputVersionUploadForm
        return super().get_form(request, obj, **kwargs)

    def save_form(self, request, form, change):
        # The upload goes through the same service as the portal's: numbering, random name.
        return output_version_upload(
            output=form.cleaned_data["output"], user=request.user, file=form.cleaned_data["file"]
        )

    def save_model(self, request, obj, form, change):
        """Saved by ``save_form`` already."""

    def save_related(self, request, form, formsets, change):
        """A version has no many-to-many fields or inlines."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
