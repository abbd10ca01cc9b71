"""The organisers' admin for coalitions, their coordinators and the users who coordinate."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from igfsession.forms import HttpsLinksAdminMixin

from ..models import Coalition, CoalitionMembership, Output
from .actions import send_invitation


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
    # The status is declared on the output's own page (the link), through the portal's service.
    readonly_fields = ("status",)
    prepopulated_fields = {"slug": ("title",)}
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session")


@admin.register(Coalition)
class CoalitionAdmin(HttpsLinksAdminMixin, admin.ModelAdmin):
    list_display = ("name", "acronym", "is_active", "year_formed", "output_count")
    list_filter = ("is_active",)
    # Explicit: a model's default ordering does not apply to queries with aggregates (counts),
    # such as the autocomplete's.
    ordering = ("name",)
    search_fields = ("name", "acronym")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [CoalitionMembershipInline, OutputInline]
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


# Organisers create coordinators' accounts in the Users admin and invite them from there (or
# from the coordinators' list): the e-mail carries a link to set their password.
User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class InvitingUserAdmin(UserAdmin):
    actions = [send_invitation]
