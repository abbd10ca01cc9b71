"""``python manage.py cleanup``: the scheduled clean-ups (the README's "Security" section says
how to run it daily): contact details past their retention time, the client address hashes and
browser families kept against ballot stuffing, and the database cache's expired entries
(rate-limit counters of past windows)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from feedback.services import client_details_expire, contact_details_expire
from igfsession.ratelimit import expired_cache_entries_delete


class Command(BaseCommand):
    help = (
        "Delete what is kept only for a time: contact details, "
        "FEEDBACK_CONTACT_RETENTION_DAYS after their sheet closed, client address hashes and "
        "browser families FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS after it, and expired cache "
        "entries. "
        "Run it daily."
    )

    def handle(self, *args, **options):
        count = contact_details_expire()
        self.stdout.write(
            f"Contact details deleted from {count} response(s) whose sheet closed more than "
            f"{settings.FEEDBACK_CONTACT_RETENTION_DAYS} days ago."
        )
        cleared = client_details_expire()
        self.stdout.write(
            f"Client address hashes and browser families cleared from {cleared} response(s) "
            f"whose sheet closed more than {settings.FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS} "
            "days ago."
        )
        self.stdout.write(f"Expired cache entries deleted: {expired_cache_entries_delete()}.")
