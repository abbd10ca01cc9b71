"""Feedback's views: participants' sheets, the results, staff's paper entry, the portal's
preview, and the open-data exports."""

from .answers import AnswerDiscardView, AnswersPublishView, AnswersView
from .coalition_report import CoalitionReportView
from .exports import responses_csv, responses_xlsx, results_csv, results_json, results_xlsx
from .paper import PaperEntryView, paper_response_withdraw
from .participant import PrintView, SheetListView, SheetView, ThanksView
from .portal import SheetPreviewView
from .results import ProjectorView, ResultsOverviewView, ResultsSheetView

__all__ = [
    "AnswerDiscardView",
    "AnswersPublishView",
    "AnswersView",
    "CoalitionReportView",
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
    "responses_csv",
    "responses_xlsx",
    "results_csv",
    "results_json",
    "results_xlsx",
]
