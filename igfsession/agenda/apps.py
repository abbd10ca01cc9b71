from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """The agenda layer: parts, slots, the live state, their pages, exports and the demo.

    It sits on top of feedback and coalitions (a slot shows a coalition, its output and its rating
    sheet). Its models keep the ``igfsession`` app label (see ``models.py``).
    """

    name = "igfsession.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from coalitions.signals import (
            output_declaration_accepted,
            output_declaration_sent_back,
            output_status_declared,
        )

        from .page_cache import connect_invalidation
        from .services import slots_follow_declarations

        connect_invalidation()

        def follow_declaration(sender, output, **kwargs):
            slots_follow_declarations(session=output.session)

        # Only accepted declarations have slots: a new declaration (waiting again), an
        # acceptance and a sending back all change which coalitions get one.
        for signal, name in (
            (output_status_declared, "declared"),
            (output_declaration_accepted, "accepted"),
            (output_declaration_sent_back, "sent_back"),
        ):
            signal.connect(
                follow_declaration, dispatch_uid=f"agenda.follow_declaration.{name}", weak=False
            )
