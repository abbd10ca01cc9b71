from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Rating sheets and feedback")

    def ready(self):
        from coalitions.signals import output_became_final

        from .services import sheet_create_for_output

        def create_rating_sheet(sender, output, **kwargs):
            sheet_create_for_output(output=output)

        output_became_final.connect(
            create_rating_sheet, dispatch_uid="feedback.create_rating_sheet", weak=False
        )
