"""Root URLs. Each app keeps its own urls.py with an app_name."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from . import views

admin.site.site_header = _("IGF Dynamic Coalitions session — organisers")
admin.site.site_title = _("IGF DC session admin")
admin.site.index_title = _("Set up and run the session")

igfsession_patterns = (
    [
        path("", views.HomeView.as_view(), name="home"),
        path("agenda/", views.agenda, name="agenda"),
        path("agenda/now/", views.now_page, name="now"),
        path("agenda/now.json", views.now_json, name="now-json"),
        path("agenda.ics", views.agenda_ics, name="agenda-ics"),
        path("agenda/slots/<int:pk>.ics", views.slot_ics, name="slot-ics"),
        path("agenda/schedule.xml", views.schedule_xml, name="schedule-xml"),
        path("agenda/schedule.json", views.schedule_json, name="schedule-json"),
        path("agenda/control/", views.control, name="control"),
        path("agenda/control/start/", views.control_start, name="control-start"),
        path("agenda/control/next/", views.control_next, name="control-next"),
        path("agenda/control/end/", views.control_end, name="control-end"),
        path("agenda/control/clock/", views.control_clock, name="control-clock"),
    ],
    "igfsession",
)

urlpatterns = [
    path("", include(igfsession_patterns)),
    path("admin/", admin.site.urls),
    path("coalitions/", include("coalitions.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("feedback/", include("feedback.urls")),
    # Django's set_language (what include("django.conf.urls.i18n") gives: /i18n/setlang/, named
    # set_language), without a CSRF token: the switcher is on every page, and a token in the HTML
    # of the publicly cached pages would be served to other visitors, whose switch would then
    # fail. A forged request can only change the reader's language; set_language accepts a
    # `next` on this site only.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]
