"""``python manage.py cleanup``: the scheduled clean-ups (the README's "Security" section says
how to run it daily). Today: contact details past their retention time."""

from django.conf import settings
from django.core.management.base import BaseCommand

from feedback.services import contact_details_expire


class Command(BaseCommand):
    help = (
        "Delete what is kept only for a time: contact details, "
        "FEEDBACK_CONTACT_RETENTION_DAYS after their sheet closed. Run it daily."
    )

    def handle(self, *args, **options):
        count = contact_details_expire()
        self.stdout.write(
            f"Contact details deleted from {count} response(s) whose sheet closed more than "
            f"{settings.FEEDBACK_CONTACT_RETENTION_DAYS} days ago."
        )
