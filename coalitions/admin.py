"""The organisers' admin for coalitions, their coordinators, outputs, issues and file versions."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from igfsession.admin import GuidedAddMixin

from .admin_actions import send_invitation
from .models import (
    Coalition,
    CoalitionMembership,
    Issue,
    IssueChange,
    JoinRequest,
    Output,
    OutputVersion,
)
from .services import output_status_changed, output_version_upload
from .validators import validate_output_file


class CoalitionMembershipInline(admin.TabularInline):
    model = CoalitionMembership
    fields = ("user", "role", "added_at")
    readonly_fields = ("added_at",)
    autocomplete_fields = ("user",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class OutputInline(admin.TabularInline):
    model = Output
    fields = ("title", "slug", "session", "status", "language")
    prepopulated_fields = {"slug": ("title",)}
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session")


@admin.register(Coalition)
class CoalitionAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "is_active", "year_formed", "output_count")
    list_filter = ("is_active",)
    # Explicit: a model's default ordering does not apply to queries with aggregates (counts),
    # such as the autocomplete's.
    ordering = ("name",)
    search_fields = ("name", "acronym")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CoalitionMembershipInline, OutputInline]
    # Links typed without a scheme ("example.org") are taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", "summary", "description")}),
        (
            _("Contact"),
            {"fields": ("website", "mailing_list", "contact_email")},
        ),
        (
            _("Status"),
            {"fields": ("year_formed", "is_active")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(output_count=Count("outputs"))

    @admin.display(description=_("outputs"), ordering="output_count")
    def output_count(self, coalition):
        return coalition.output_count


@admin.register(CoalitionMembership)
class CoalitionMembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "coalition", "role", "added_at")
    list_filter = ("role",)
    search_fields = (
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "coalition__name",
        "coalition__acronym",
    )
    list_select_related = ("user", "coalition")
    autocomplete_fields = ("user", "coalition")
    actions = [send_invitation]
    readonly_fields = ("added_at",)


class IssueInline(admin.TabularInline):
    model = Issue
    fields = ("position", "title", "summary", "reference", "is_hidden")
    ordering = ("position", "pk")
    extra = 0
    formfield_overrides = {
        # A short summary: a small box, so that the table stays readable.
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }


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
class OutputAdmin(admin.ModelAdmin):
    list_display = ("title", "coalition", "session", "status", "language", "issue_count")
    list_filter = ("status", "session", "language")
    ordering = ("coalition__name", "title")  # see CoalitionAdmin.ordering
    search_fields = ("title", "slug", "summary", "coalition__name", "coalition__acronym")
    list_select_related = ("coalition", "session")
    autocomplete_fields = ("coalition",)
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("status_changed_at", "created_at", "updated_at")
    inlines = [IssueInline, OutputVersionInline]
    fieldsets = (
        (None, {"fields": ("coalition", "session", "title", "slug", "summary", "language")}),
        (
            _("Declared status"),
            {
                "fields": ("status", "status_changed_at"),
                "description": _(
                    "The coalition's declaration decides where it appears: final outputs are "
                    "presented on Day 3 and get a rating sheet; coalitions with work in "
                    "progress introduce themselves on Day 4."
                ),
            },
        ),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(issue_count=Count("issues"))

    @admin.display(description=_("issues"), ordering="issue_count")
    def issue_count(self, output):
        return output.issue_count

    def save_model(self, request, obj, form, change):
        status_changed = "status" in form.changed_data
        if status_changed:
            obj.status_changed_at = timezone.now()
        super().save_model(request, obj, form, change)
        if status_changed:
            output_status_changed(output=obj)


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ("title", "output", "position", "reference", "is_hidden")
    list_filter = ("is_hidden", ("output__session", admin.RelatedFieldListFilter))
    search_fields = ("title", "summary", "reference", "output__title")
    list_select_related = ("output",)
    autocomplete_fields = ("output",)


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


@admin.register(IssueChange)
class IssueChangeAdmin(GuidedAddMixin, admin.ModelAdmin):
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


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """People asking to join a coalition, from its public page or recorded here by organisers
    (say, at the booth). Kept as sent; they can be deleted on request."""

    list_display = ("name", "coalition", "email", "stakeholder_group", "region", "created_at")
    list_filter = ("stakeholder_group", "region")
    search_fields = ("name", "email", "coalition__name", "coalition__acronym")
    list_select_related = ("coalition",)
    autocomplete_fields = ("coalition",)
    readonly_fields = ("created_at",)
    date_hierarchy = "created_at"

    def has_change_permission(self, request, obj=None):
        return False


# Organisers create coordinators' accounts in the Users admin and invite them from there (or
# from the coordinators' list): the e-mail carries a link to set their password.
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class InvitingUserAdmin(UserAdmin):
    actions = [send_invitation]
