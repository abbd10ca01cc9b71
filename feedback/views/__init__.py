"""Feedback's views: participants' sheets, the results, staff's paper entry, the portal's
preview, and the open-data exports."""

from .answers import AnswerDiscardView, AnswersPublishView, AnswersView
from .coalition_report import CoalitionReportView
from .debate import (
    DebateProjectorView,
    DebateView,
    debate_add,
    debate_move,
    debate_remove,
    debate_suggested,
    debate_update,
)
from .exports import responses_csv, responses_xlsx, results_csv, results_json, results_xlsx
from .integrity import IntegrityView
from .paper import PaperEntryView, paper_response_withdraw
from .participant import PrintView, SheetListView, SheetView, ThanksView
from .portal import SheetPreviewView
from .results import ProjectorView, ResultsOverviewView, ResultsSheetView
from .session_report import SessionReportView
from .shared_device import SomeoneElseView

__all__ = [
    "AnswerDiscardView",
    "AnswersPublishView",
    "AnswersView",
    "CoalitionReportView",
    "DebateProjectorView",
    "DebateView",
    "IntegrityView",
    "PaperEntryView",
    "PrintView",
    "ProjectorView",
    "ResultsOverviewView",
    "ResultsSheetView",
    "SessionReportView",
    "SheetListView",
    "SheetPreviewView",
    "SheetView",
    "SomeoneElseView",
    "ThanksView",
    "debate_add",
    "debate_move",
    "debate_remove",
    "debate_suggested",
    "debate_update",
    "paper_response_withdraw",
    "responses_csv",
    "responses_xlsx",
    "results_csv",
    "results_json",
    "results_xlsx",
]
