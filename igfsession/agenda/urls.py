"""The agenda's pages and exports, and the organisers' live control."""

from django.urls import path

from . import debate_views, offline_views, views

# The public site's namespace: these are the session's own pages.
app_name = "igfsession"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("agenda/", views.agenda, name="agenda"),
    # The service worker and the manifest (issue 15): from the root, for the whole site.
    path("sw.js", offline_views.service_worker, name="service-worker"),
    path("manifest.webmanifest", offline_views.manifest, name="manifest"),
    path("agenda/now/", views.now_page, name="now"),
    path("agenda/now.json", views.now_json, name="now-json"),
    path("agenda/now/question/", debate_views.now_question, name="now-question"),
    path("agenda.ics", views.agenda_ics, name="agenda-ics"),
    path("agenda/slots/<int:pk>.ics", views.slot_ics, name="slot-ics"),
    path("agenda/schedule.xml", views.schedule_xml, name="schedule-xml"),
    path("agenda/schedule.json", views.schedule_json, name="schedule-json"),
    path("agenda/control/", views.control, name="control"),
    path("agenda/control/start/", views.control_start, name="control-start"),
    path("agenda/control/next/", views.control_next, name="control-next"),
    path("agenda/control/end/", views.control_end, name="control-end"),
    path("agenda/control/clock/", views.control_clock, name="control-clock"),
    path(
        "agenda/control/debate/start/",
        debate_views.control_debate_start,
        name="control-debate-start",
    ),
    path(
        "agenda/control/debate/stop/", debate_views.control_debate_stop, name="control-debate-stop"
    ),
    path("agenda/control/question/", debate_views.control_question, name="control-question"),
]
