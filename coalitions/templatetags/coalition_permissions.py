"""The permission predicates as template filters: {% if user|can_manage_coalition:coalition %}."""

from django import template

from coalitions import permissions

register = template.Library()

for _name in (
    "can_manage_coalition",
    "can_edit_coalition",
    "can_view_join_requests",
    "can_edit_output",
    "can_upload_output_version",
    "can_declare_output_status",
    "can_change_issues",
    "can_hide_issue",
    "can_preview_rating_sheet",
):
    register.filter(_name, getattr(permissions, _name))
