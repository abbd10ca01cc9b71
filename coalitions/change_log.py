"""The portal's change log in words ("Hidden by Ana Silva on 1 November 2015, 09:00 (…)."),
not dumps of the recorded fields."""

from django.utils.translation import gettext as _

from .models import IssueChange
from .services._common import venue_moment

Action = IssueChange.Action


def _who(change: IssueChange) -> str:
    user = change.changed_by
    if user is None:
        return _("a deleted account")
    return user.get_full_name() or user.get_username()


def _quoted(value) -> str:
    return _("“%(text)s”") % {"text": value} if value else _("nothing")


def _edits(change: IssueChange) -> list[str]:
    """One phrase per edited field, in a fixed order."""
    before, after = change.before or {}, change.after or {}
    phrases = []
    if "title" in after:
        phrases.append(
            _("title changed from %(before)s to %(after)s")
            % {"before": _quoted(before.get("title")), "after": _quoted(after["title"])}
        )
    if "summary" in after:
        phrases.append(_("summary rewritten"))
    if "reference" in after:
        phrases.append(
            _("reference changed from %(before)s to %(after)s")
            % {"before": _quoted(before.get("reference")), "after": _quoted(after["reference"])}
        )
    return phrases


def change_in_words(change: IssueChange, session) -> str:
    """One sentence saying what was done to the issue, by whom and when (venue time)."""
    values = {"who": _who(change), "when": venue_moment(session, change.changed_at)}
    if change.action == Action.ADDED:
        return _("Added by %(who)s on %(when)s.") % values
    if change.action == Action.HIDDEN:
        return _("Hidden by %(who)s on %(when)s.") % values
    if change.action == Action.SHOWN:
        return _("Shown again by %(who)s on %(when)s.") % values
    if change.action == Action.REMOVED:
        return _("Removed by %(who)s on %(when)s.") % values
    if change.action == Action.MOVED:
        values["before"] = (change.before or {}).get("position", "?")
        values["after"] = (change.after or {}).get("position", "?")
        return _("Moved from place %(before)s to place %(after)s by %(who)s on %(when)s.") % values
    values["edits"] = "; ".join(_edits(change)) or _("no visible change")
    return _("Edited by %(who)s on %(when)s: %(edits)s.") % values


def changes_in_words(changes, session) -> list[IssueChange]:
    """The changes, each given its sentence as ``in_words`` (no query of its own)."""
    changes = list(changes)
    for change in changes:
        change.in_words = change_in_words(change, session)
    return changes
