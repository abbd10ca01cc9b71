"""Root URLs. Each app keeps its own urls.py with an app_name."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("IGF Dynamic Coalitions session — organisers")
admin.site.site_title = _("IGF DC session admin")
admin.site.index_title = _("Set up and run the session")

igfsession_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
    ],
    "igfsession",
)

urlpatterns = [
    path("", include(igfsession_patterns)),
    path("admin/", admin.site.urls),
]
