"""The project's URLs plus stand-ins for the feedback and coalitions pages where the project does
not route them (yet), so that the agenda's links to them can be tested."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from igfsession.urls import urlpatterns as project_urlpatterns


def _stand_in(request, **kwargs):
    return HttpResponse("stand-in")


def _routed(name: str, **kwargs) -> bool:
    try:
        reverse(name, urlconf="igfsession.urls", kwargs=kwargs)
    except NoReverseMatch:
        return False
    return True


urlpatterns = list(project_urlpatterns)
if not _routed("feedback:sheet", code="x"):
    urlpatterns.append(
        path(
            "feedback/",
            include(
                (
                    [
                        path("", _stand_in, name="list"),
                        path("<slug:code>/", _stand_in, name="sheet"),
                    ],
                    "feedback",
                )
            ),
        )
    )
if not _routed("coalitions:detail", slug="x"):
    urlpatterns.append(
        path(
            "coalitions/",
            include(
                (
                    [
                        path("", _stand_in, name="directory"),
                        path("<slug:slug>/", _stand_in, name="detail"),
                        path("<slug:slug>/outputs/<slug:output_slug>/", _stand_in, name="output"),
                    ],
                    "coalitions",
                )
            ),
        )
    )
