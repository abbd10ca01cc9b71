"""Who may do what in a coalition's portal. Used by views, services and templates alike.

Organisers are ``igfsession.permissions.is_organiser``. Coordinators are users with a membership
of that coalition. The
coalitions a user coordinates are read once per user object and cached on it, so templates may
ask about many objects without a query each.
"""

from igfsession.permissions import is_organiser

from .models import CoalitionMembership

_CACHE_ATTRIBUTE = "_coordinated_coalition_ids"


def coordinated_coalition_ids(user) -> frozenset[int]:
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = frozenset(
            CoalitionMembership.objects.filter(user=user).values_list("coalition_id", flat=True)
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def is_coordinator(user, coalition) -> bool:
    return coalition.pk in coordinated_coalition_ids(user)


def can_manage_coalition(user, coalition) -> bool:
    """Open the coalition's portal: its coordinators and organisers."""
    return is_organiser(user) or is_coordinator(user, coalition)


def can_edit_coalition(user, coalition) -> bool:
    return can_manage_coalition(user, coalition)


def can_view_join_requests(user, coalition) -> bool:
    return can_manage_coalition(user, coalition)


def can_view_output(user, output) -> bool:
    """An output declared draft, and its files, are its coalition's own until it is declared
    work in progress or final: its coordinators and organisers see it, nobody else."""
    return output.is_declared or can_manage_coalition(user, output.coalition)


def can_edit_output(user, output) -> bool:
    return can_manage_coalition(user, output.coalition)


def can_upload_output_version(user, output) -> bool:
    return can_manage_coalition(user, output.coalition)


def can_declare_output_status(user, output, *, at=None) -> bool:
    """Coordinators until the declaration deadline (the session's, or the coalition's extension
    if later: ``Output.declarations_open``); organisers at any time."""
    if is_organiser(user):
        return True
    return is_coordinator(user, output.coalition) and output.declarations_open(at)


def can_review_declaration(user, output) -> bool:
    """Accept a coalition's declaration or send it back: organisers only."""
    return is_organiser(user)


def can_change_issues(user, output, *, at=None) -> bool:
    """Coordinators until rating starts; organisers at any time (changes recorded)."""
    if is_organiser(user):
        return True
    return is_coordinator(user, output.coalition) and not output.rating_has_started(at)


def can_hide_issue(user, issue) -> bool:
    return can_change_issues(user, issue.output)


def can_preview_rating_sheet(user, output) -> bool:
    return can_manage_coalition(user, output.coalition)
