"""Admin actions for organisers, used by the Users and the coordinators' admin."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import services
from ..models import CoalitionMembership


def _users(queryset):
    if queryset.model is CoalitionMembership:
        users = {membership.user for membership in queryset.select_related("user")}
        return sorted(users, key=lambda user: user.pk)
    if queryset.model is get_user_model():
        return list(queryset.order_by("pk"))
    raise TypeError(f"send_invitation works on users or coordinators, not {queryset.model}.")


def send_invitation(modeladmin, request, queryset):
    """E-mail each selected coordinator a link to set their password."""
    sent = 0
    for user in _users(queryset):
        try:
            services.coordinator_invite(user=user, request=request)
        except ValidationError as error:
            for message in error.messages:
                modeladmin.message_user(request, message, level=messages.ERROR)
        else:
            sent += 1
    if sent:
        modeladmin.message_user(
            request,
            ngettext(
                "Sent %(count)d invitation e-mail.", "Sent %(count)d invitation e-mails.", sent
            )
            % {"count": sent},
            level=messages.SUCCESS,
        )


send_invitation.short_description = _("Send invitation e-mail")
