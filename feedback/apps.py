from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Rating sheets and feedback")

    def ready(self):
        from coalitions.models import Output
        from coalitions.signals import output_status_declared

        from .services import sheet_create_for_output

        def create_rating_sheet(sender, output, **kwargs):
            """A final output gets its rating sheet (not open yet: organisers open it)."""
            if output.status == Output.Status.FINAL:
                sheet_create_for_output(output=output)

        output_status_declared.connect(
            create_rating_sheet, dispatch_uid="feedback.create_rating_sheet", weak=False
        )
