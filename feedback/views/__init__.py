"""Feedback's views: participants' sheets, staff's paper entry, and the portal's preview."""

from .paper import PaperEntryView, paper_response_withdraw
from .participant import PrintView, SheetListView, SheetView, ThanksView
from .portal import SheetPreviewView

__all__ = [
    "PaperEntryView",
    "PrintView",
    "SheetListView",
    "SheetPreviewView",
    "SheetView",
    "ThanksView",
    "paper_response_withdraw",
]
