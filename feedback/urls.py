"""Feedback's URLs: ``urlpatterns`` under /feedback/, and ``coalition_urlpatterns``, the pages
about one coalition's output that the root URLconf mounts under /coalitions/ (in the
``coalitions`` namespace, where visitors and coordinators expect them)."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.SheetListView.as_view(), name="list"),
    # The results' words are reserved sheet codes (validators.RESERVED_SHEET_CODES): before
    # <slug:code>/, and the projector before results/<slug:code>/.
    path("results/", views.ResultsOverviewView.as_view(), name="results"),
    path("results/projector/", views.ProjectorView.as_view(), name="results-projector"),
    path("results/<slug:code>/", views.ResultsSheetView.as_view(), name="results-sheet"),
    # The Day 4 debate: "debate" is a reserved sheet code too.
    path("debate/", views.DebateView.as_view(), name="debate"),
    path("debate/projector/", views.DebateProjectorView.as_view(), name="debate-projector"),
    path("debate/suggested/", views.debate_suggested, name="debate-suggested"),
    path("debate/add/", views.debate_add, name="debate-add"),
    path("debate/<int:pk>/move/", views.debate_move, name="debate-move"),
    path("debate/<int:pk>/remove/", views.debate_remove, name="debate-remove"),
    path("debate/<int:pk>/update/", views.debate_update, name="debate-update"),
    path("report/", views.SessionReportView.as_view(), name="report"),
    # Open data: before <slug:code>/ (none of these is a slug, but keep them first anyway).
    path("results.csv", views.results_csv, name="results-csv"),
    path("results.json", views.results_json, name="results-json"),
    path("results.xlsx", views.results_xlsx, name="results-xlsx"),
    path("responses.csv", views.responses_csv, name="responses-csv"),
    path("responses.xlsx", views.responses_xlsx, name="responses-xlsx"),
    path("<slug:code>/", views.SheetView.as_view(), name="sheet"),
    path("<slug:code>/thanks/", views.ThanksView.as_view(), name="thanks"),
    path("<slug:code>/someone-else/", views.SomeoneElseView.as_view(), name="someone-else"),
    path("<slug:code>/integrity/", views.IntegrityView.as_view(), name="integrity"),
    path("<slug:code>/print/", views.PrintView.as_view(), name="print"),
    path("<slug:code>/enter/", views.PaperEntryView.as_view(), name="enter"),
    path("<slug:code>/enter/<int:pk>/", views.PaperEntryView.as_view(), name="enter-edit"),
    path(
        "<slug:code>/enter/<int:pk>/withdraw/",
        views.paper_response_withdraw,
        name="withdraw",
    ),
]

coalition_urlpatterns = [
    path(
        "<slug:slug>/manage/outputs/<slug:output_slug>/preview/",
        views.SheetPreviewView.as_view(),
        name="output-preview",
    ),
    path(
        "<slug:slug>/manage/outputs/<slug:output_slug>/answers/",
        views.AnswersView.as_view(),
        name="answers",
    ),
    path(
        "<slug:slug>/manage/outputs/<slug:output_slug>/answers/publish/",
        views.AnswersPublishView.as_view(),
        name="answers-publish",
    ),
    path(
        "<slug:slug>/manage/outputs/<slug:output_slug>/answers/<int:pk>/discard/",
        views.AnswerDiscardView.as_view(),
        name="answer-discard",
    ),
    path("<slug:slug>/report/", views.CoalitionReportView.as_view(), name="report"),
]
