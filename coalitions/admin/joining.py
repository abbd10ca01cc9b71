"""The organisers' admin for join requests."""

from django.contrib import admin

from igfsession.admin_helpers import IsolatedTextsMixin

from ..models import JoinRequest


@admin.register(JoinRequest)
class JoinRequestAdmin(IsolatedTextsMixin, admin.ModelAdmin):
    """People asking to join a coalition, from its public page or recorded here by organisers
    (say, at the booth). Kept as sent; they can be deleted on request."""

    list_display = (
        "name_isolated",
        "coalition",
        "email",
        "stakeholder_group",
        "region",
        "created_at",
    )
    isolated_texts = ("name", "message")
    list_filter = ("stakeholder_group", "region")
    search_fields = ("name", "email", "coalition__name", "coalition__acronym")
    list_select_related = ("coalition",)
    autocomplete_fields = ("coalition",)
    readonly_fields = ("created_at",)
    date_hierarchy = "created_at"

    def has_change_permission(self, request, obj=None):
        return False
