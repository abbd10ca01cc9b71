"""A coalition's public profile, edited in its portal (and by organisers)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..models import Coalition
from ..permissions import can_edit_coalition
from ._common import set_fields

COALITION_PROFILE_FIELDS = (
    "name",
    "acronym",
    "summary",
    "description",
    "website",
    "mailing_list",
    "contact_email",
    "year_formed",
)


@transaction.atomic
def coalition_update(*, coalition: Coalition, user, **fields) -> Coalition:
    if not can_edit_coalition(user, coalition):
        raise PermissionDenied
    set_fields(coalition, COALITION_PROFILE_FIELDS, fields)
    coalition.full_clean()
    coalition.save()
    return coalition
