"""Root URLs: the top of the layers, routing every app. Each app keeps its own urls.py."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from coalitions import urls as coalition_urls
from coalitions.views.accounts import PortalChoiceView, PortalLoginView
from feedback import urls as feedback_urls

admin.site.site_header = _("IGF Dynamic Coalitions session — organisers")
admin.site.site_title = _("IGF DC session admin")
admin.site.index_title = _("Run the session")

urlpatterns = [
    path("", include("igfsession.agenda.urls")),
    path("admin/", admin.site.urls),
    # One namespace for everything under /coalitions/, whichever app serves it.
    path(
        "coalitions/",
        include(
            (
                coalition_urls.urlpatterns + feedback_urls.coalition_urlpatterns,
                coalition_urls.app_name,
            )
        ),
    ),
    # Django's login, landing a coordinator in their portal; then the rest of Django's auth views.
    path("accounts/login/", PortalLoginView.as_view(), name="login"),
    path("accounts/portals/", PortalChoiceView.as_view(), name="portals"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("feedback/", include("feedback.urls")),
    # Django's set_language (what include("django.conf.urls.i18n") gives: /i18n/setlang/, named
    # set_language), without a CSRF token: the switcher is on every page, and a token in the HTML
    # of the publicly cached pages would be served to other visitors, whose switch would then
    # fail. A forged request can only change the reader's language; set_language accepts a
    # `next` on this site only.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]

# A body too large to read (RequestDataTooBig) answers 413; any other bad request, Django's 400.
handler400 = "igfsession.request_limits.bad_request"
