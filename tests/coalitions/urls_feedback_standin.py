"""The project's URLs plus stand-ins for the feedback app's sheet and results pages.

Tests point coalitions.selectors at these names, so they hold whether or not (and however) the
real feedback app is routed.
"""

from django.http import HttpResponse
from django.urls import include, path

from igfsession.urls import urlpatterns as project_urlpatterns


def _stand_in(request, code):
    return HttpResponse(code)


standin_patterns = (
    [
        path("<slug:code>/", _stand_in, name="sheet"),
        path("results/<slug:code>/", _stand_in, name="results-sheet"),
    ],
    "standin_feedback",
)

urlpatterns = [*project_urlpatterns, path("standin-feedback/", include(standin_patterns))]
