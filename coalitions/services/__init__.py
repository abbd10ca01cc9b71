"""Writes for coalitions: one transaction per submission, full_clean() before every save.

Views check who may open a page; these functions enforce the workflow whoever calls them — the
portal, the admin, the demo — (the declaration deadline, issues frozen once rating starts, no
removal of an issue with ratings) and raise ValidationError with a message meant for the person
who typed. Those that record a moment take it as ``at=`` (default: now).
"""

from .accounts import coordinator_invite
from .declarations import (
    NOT_DECLARED_MESSAGE,
    NOTE_REQUIRED_MESSAGE,
    declaration_accept,
    declaration_send_back,
)
from .issues import (
    ISSUE_FIELDS,
    issue_create,
    issue_has_ratings_message,
    issue_hide,
    issue_is_protected,
    issue_move,
    issue_move_to,
    issue_remove,
    issue_show,
    issue_update,
    issues_frozen_message,
)
from .joining import CONSENT_REQUIRED_MESSAGE, join_request_submit
from .outputs import (
    OUTPUT_DETAIL_FIELDS,
    declaration_closed_message,
    output_create,
    output_status_declare,
    output_update,
    outputs_rating_opening_set,
)
from .profiles import COALITION_PROFILE_FIELDS, coalition_update
from .versions import output_version_upload
from .year_to_year import issues_copy_from

__all__ = [
    "COALITION_PROFILE_FIELDS",
    "CONSENT_REQUIRED_MESSAGE",
    "ISSUE_FIELDS",
    "NOTE_REQUIRED_MESSAGE",
    "NOT_DECLARED_MESSAGE",
    "OUTPUT_DETAIL_FIELDS",
    "coalition_update",
    "coordinator_invite",
    "declaration_accept",
    "declaration_closed_message",
    "declaration_send_back",
    "issue_create",
    "issue_has_ratings_message",
    "issue_hide",
    "issue_is_protected",
    "issue_move",
    "issue_move_to",
    "issue_remove",
    "issue_show",
    "issue_update",
    "issues_copy_from",
    "issues_frozen_message",
    "join_request_submit",
    "output_create",
    "output_status_declare",
    "output_update",
    "output_version_upload",
    "outputs_rating_opening_set",
]
