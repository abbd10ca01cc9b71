"""Root URLs: the top of the layers, routing every app. Each app keeps its own urls.py."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from coalitions import urls as coalition_urls
from coalitions.views.accounts import LimitedPasswordResetView, PortalChoiceView, PortalLoginView
from feedback import urls as feedback_urls
from igfsession import ops
from igfsession.permissions import private_page

admin.site.site_header = _("IGF Dynamic Coalitions session — organisers")
admin.site.site_title = _("IGF DC session admin")
admin.site.index_title = _("Run the session")

# Django's 500 page, but a 503 with our page when the database cannot be reached.
handler500 = "igfsession.unavailable.server_error"

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
    # The password pages (Django's views), private: no cache keeps them; the reset's mails are
    # limited. The include below still gives log-out.
    *(
        path(f"accounts/{route}", private_page(view), name=name)
        for route, view, name in [
            ("password_change/", auth_views.PasswordChangeView.as_view(), "password_change"),
            (
                "password_change/done/",
                auth_views.PasswordChangeDoneView.as_view(),
                "password_change_done",
            ),
            ("password_reset/", LimitedPasswordResetView.as_view(), "password_reset"),
            (
                "password_reset/done/",
                auth_views.PasswordResetDoneView.as_view(),
                "password_reset_done",
            ),
            (
                "reset/<uidb64>/<token>/",
                auth_views.PasswordResetConfirmView.as_view(),
                "password_reset_confirm",
            ),
            (
                "reset/done/",
                auth_views.PasswordResetCompleteView.as_view(),
                "password_reset_complete",
            ),
        ]
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("feedback/", include("feedback.urls")),
    # Django's set_language (what include("django.conf.urls.i18n") gives: /i18n/setlang/, named
    # set_language), without a CSRF token: the switcher is on every page, and a token in the HTML
    # of the publicly cached pages would be served to other visitors, whose switch would then
    # fail. A forged request can only change the reader's language; set_language accepts a
    # `next` on this site only.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # Liveness and readiness for load balancers and process managers (igfsession/ops.py).
    path("healthz", ops.healthz, name="healthz"),
    path("readyz", ops.readyz, name="readyz"),
]
if settings.BENCH_WRITE_VIEW:
    # The load benchmark's write ceiling (bench/load/): routed only when the setting is on.
    urlpatterns.append(path("bench/write/", ops.bench_write, name="bench-write"))

# A body too large to read (RequestDataTooBig) answers 413; any other bad request, Django's 400.
handler400 = "igfsession.request_limits.bad_request"
