from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Rating sheets and feedback")

    def ready(self):
        from django.db import transaction

        from coalitions.models import Output
        from coalitions.signals import issues_changed, output_declaration_accepted

        from .results import forget_session_results
        from .services import sheet_create_for_output

        def create_rating_sheet(sender, output, **kwargs):
            """A final output gets its rating sheet once the organisers accept its declaration
            (not open yet: organisers open it). Sent back or declared again, a sheet is kept."""
            if output.status == Output.Status.FINAL:
                sheet_create_for_output(output=output)

        output_declaration_accepted.connect(
            create_rating_sheet, dispatch_uid="feedback.create_rating_sheet", weak=False
        )

        def forget_results(sender, output, **kwargs):
            """The results show the issues (which are hidden, their titles): recompute them."""
            session_pk = output.session_id
            transaction.on_commit(lambda: forget_session_results(session_pk))

        issues_changed.connect(forget_results, dispatch_uid="feedback.forget_results", weak=False)
