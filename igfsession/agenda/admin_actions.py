"""Admin actions on sessions. ``SessionAdmin`` lists them in its ``actions``."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import services


@admin.action(
    description=gettext_lazy("Build slots from declarations"),
    permissions=["change"],
)
def build_slots_from_declarations(modeladmin, request, queryset):
    """For each selected session: one slot per coalition of the right kind, in the right part.

    Uses the default opening and closing lengths (``manage.py build_slots`` can change them).
    Re-running it updates the generated slots; slots made by hand are never touched.
    """
    for session in queryset:
        try:
            built = services.slots_build_from_declarations(session=session)
        except ValidationError as error:
            for message in error.messages:
                modeladmin.message_user(
                    request,
                    _("%(session)s: %(message)s") % {"session": session, "message": message},
                    messages.ERROR,
                )
            continue
        modeladmin.message_user(
            request,
            ngettext(
                "%(session)s: %(count)d slot built from declarations "
                "(%(created)d new, %(updated)d updated, %(deleted)d removed).",
                "%(session)s: %(count)d slots built from declarations "
                "(%(created)d new, %(updated)d updated, %(deleted)d removed).",
                built.total,
            )
            % {
                "session": session,
                "count": built.total,
                "created": built.created,
                "updated": built.updated,
                "deleted": built.deleted,
            },
            messages.SUCCESS,
        )
