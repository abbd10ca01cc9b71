"""Views of the coalitions app: public pages and the DC portal."""

from .portal import (
    IssueCreateView,
    IssueRemoveConfirmView,
    IssueUpdateView,
    OutputCreateView,
    OutputPortalView,
    OutputStatusView,
    OutputUpdateView,
    OutputUploadView,
    PortalView,
    ProfileUpdateView,
    issue_hide,
    issue_move,
    issue_remove,
    issue_show,
)
from .public import CoalitionDetailView, DirectoryView, JoinView, OutputDetailView, download

__all__ = [
    "CoalitionDetailView",
    "DirectoryView",
    "IssueCreateView",
    "IssueRemoveConfirmView",
    "IssueUpdateView",
    "JoinView",
    "OutputCreateView",
    "OutputDetailView",
    "OutputPortalView",
    "OutputStatusView",
    "OutputUpdateView",
    "OutputUploadView",
    "PortalView",
    "ProfileUpdateView",
    "download",
    "issue_hide",
    "issue_move",
    "issue_remove",
    "issue_show",
]
