"""Logging in lands a coordinator in their portal; the portals page lists a user's portals."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, resolve_url
from django.views.generic import TemplateView

from igfsession.forms import LoginForm

from .. import selectors


def _portal_landing(user) -> str:
    """Where a user goes without another place asked for: the one portal, or the choice."""
    coalitions = selectors.coordinated_coalitions(user=user)
    if len(coalitions) == 1:
        return resolve_url("coalitions:manage", slug=coalitions[0].slug)
    if coalitions:
        return resolve_url("portals")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


class PortalLoginView(LoginView):
    """Django's login; with no ``next`` (or ``next=/``), a coordinator lands in their portal."""

    authentication_form = LoginForm

    def get_success_url(self):
        asked = self.get_redirect_url()
        if asked and asked != "/":
            return asked
        return _portal_landing(self.request.user)


class PortalChoiceView(LoginRequiredMixin, TemplateView):
    """The portals of the coalitions the user coordinates (straight in when there is one)."""

    template_name = "coalitions/portals.html"

    def get(self, request, *args, **kwargs):
        coalitions = selectors.coordinated_coalitions(user=request.user)
        if len(coalitions) == 1:
            return redirect("coalitions:manage", slug=coalitions[0].slug)
        return self.render_to_response(self.get_context_data(coalitions=coalitions))
