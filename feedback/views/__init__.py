"""Feedback's views: participants' sheets, the results, staff's paper entry, and the portal's
preview."""

from .paper import PaperEntryView, paper_response_withdraw
from .participant import PrintView, SheetListView, SheetView, ThanksView
from .portal import SheetPreviewView
from .results import ProjectorView, ResultsOverviewView, ResultsSheetView

__all__ = [
    "PaperEntryView",
    "PrintView",
    "ProjectorView",
    "ResultsOverviewView",
    "ResultsSheetView",
    "SheetListView",
    "SheetPreviewView",
    "SheetView",
    "ThanksView",
    "paper_response_withdraw",
]
