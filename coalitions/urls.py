"""The directory, a coalition's pages and its portal. The root URLconf mounts these under
/coalitions/ in the ``coalitions`` namespace, together with the pages that feedback serves
there (``feedback.urls.coalition_urlpatterns``)."""

from django.urls import path

from . import views

app_name = "coalitions"

_output = "<slug:slug>/outputs/<slug:output_slug>/"
_manage_output = "<slug:slug>/manage/outputs/<slug:output_slug>/"

urlpatterns = [
    path("", views.DirectoryView.as_view(), name="directory"),
    path("<slug:slug>/", views.CoalitionDetailView.as_view(), name="detail"),
    path("<slug:slug>/join/", views.JoinView.as_view(), name="join"),
    path(_output, views.OutputDetailView.as_view(), name="output"),
    path(f"{_output}download/", views.download, name="download"),
    path(f"{_output}download/<int:number>/", views.download, name="download-version"),
    # The portal: coordinators of the coalition and organisers.
    path("<slug:slug>/manage/", views.PortalView.as_view(), name="manage"),
    path("<slug:slug>/manage/profile/", views.ProfileUpdateView.as_view(), name="manage-profile"),
    path("<slug:slug>/manage/outputs/new/", views.OutputCreateView.as_view(), name="output-add"),
    path(_manage_output, views.OutputPortalView.as_view(), name="manage-output"),
    path(f"{_manage_output}edit/", views.OutputUpdateView.as_view(), name="output-edit"),
    path(f"{_manage_output}status/", views.OutputStatusView.as_view(), name="output-status"),
    path(f"{_manage_output}upload/", views.OutputUploadView.as_view(), name="output-upload"),
    path(f"{_manage_output}issues/new/", views.IssueCreateView.as_view(), name="issue-add"),
    path(
        f"{_manage_output}issues/<int:pk>/edit/",
        views.IssueUpdateView.as_view(),
        name="issue-edit",
    ),
    path(f"{_manage_output}issues/<int:pk>/move/", views.issue_move, name="issue-move"),
    path(f"{_manage_output}issues/<int:pk>/hide/", views.issue_hide, name="issue-hide"),
    path(f"{_manage_output}issues/<int:pk>/show/", views.issue_show, name="issue-show"),
    path(f"{_manage_output}issues/<int:pk>/remove/", views.issue_remove, name="issue-remove"),
    path(
        f"{_manage_output}issues/<int:pk>/remove/confirm/",
        views.IssueRemoveConfirmView.as_view(),
        name="issue-remove-confirm",
    ),
]
