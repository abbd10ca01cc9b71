"""What is kept, and for how long: contact details participants chose to leave are deleted
FEEDBACK_CONTACT_RETENTION_DAYS after their sheet closes (``manage.py cleanup``, scheduled)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Response


def contact_details_expire(*, at: datetime | None = None) -> int:
    """Delete the contact details of responses whose sheet closed more than the retention time
    before ``at``; the marks, comments and profile stay. Returns how many responses lost them.
    A sheet that never closes keeps them until it does."""
    at = at or timezone.now()
    cutoff = at - timedelta(days=settings.FEEDBACK_CONTACT_RETENTION_DAYS)
    with transaction.atomic():
        return (
            Response.objects.filter(sheet__closes_at__isnull=False, sheet__closes_at__lte=cutoff)
            .filter(
                Q(contact_consent=True)
                | ~Q(contact_name="")
                | ~Q(contact_organisation="")
                | ~Q(contact_email="")
            )
            .update(
                contact_consent=False, contact_name="", contact_organisation="", contact_email=""
            )
        )


def client_details_expire(*, at: datetime | None = None) -> int:
    """Clear the client address hash and browser family of online responses whose sheet closed
    more than FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS before ``at`` (whether a submission carried
    the sheet's cookie stays). Returns how many responses lost them."""
    at = at or timezone.now()
    cutoff = at - timedelta(days=settings.FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS)
    with transaction.atomic():
        return (
            Response.objects.filter(sheet__closes_at__isnull=False, sheet__closes_at__lte=cutoff)
            .filter(~Q(client_hash="") | ~Q(agent_family=""))
            .update(client_hash="", agent_family="")
        )
