"""Writes about the session itself."""

from django.db import transaction
from django.utils import timezone

from .models import Session


@transaction.atomic
def session_make_current(*, session: Session) -> Session:
    """Make ``session`` the one the public pages show; the session that was current stops being.

    The admin's action, the demo and commands all make a session current through here.
    """
    Session.objects.filter(is_current=True).exclude(pk=session.pk).update(
        is_current=False, updated_at=timezone.now()
    )
    if not session.is_current:
        session.is_current = True
        session.save(update_fields=["is_current", "updated_at"])
    return session
