"""Only the session's own URLs: the feedback and coalitions pages are not routed."""

from django.urls import include, path

from igfsession.urls import igfsession_patterns

urlpatterns = [path("", include(igfsession_patterns))]
