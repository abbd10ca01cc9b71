"""Logging in lands a coordinator in their portal; the portals page lists a user's portals."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import LoginView, PasswordResetView
from django.shortcuts import redirect, resolve_url
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from igfsession.forms import LoginForm
from igfsession.permissions import private_page

from .. import selectors
from ..context_processors import portal_url
from ..forms import LimitedPasswordResetForm


def _portal_landing(user) -> str:
    """Where a user goes without another place asked for: the one portal, or the choice."""
    coalitions = selectors.coordinated_coalitions(user=user)
    return portal_url(coalitions) or resolve_url(settings.LOGIN_REDIRECT_URL)


class PortalLoginView(LoginView):
    """Django's login; with no ``next`` (or ``next=/``), a coordinator lands in their portal."""

    authentication_form = LoginForm

    def get_success_url(self):
        asked = self.get_redirect_url()
        if asked and asked != "/":
            return asked
        return _portal_landing(self.request.user)


@method_decorator(private_page, name="dispatch")
class PortalChoiceView(LoginRequiredMixin, TemplateView):
    """The portals of the coalitions the user coordinates (straight in when there is one)."""

    template_name = "coalitions/portals.html"

    def get(self, request, *args, **kwargs):
        coalitions = selectors.coordinated_coalitions(user=request.user)
        if len(coalitions) == 1:
            return redirect("coalitions:manage", slug=coalitions[0].slug)
        return self.render_to_response(self.get_context_data(coalitions=coalitions))


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, its mails limited per address and per client (the form)."""

    form_class = LimitedPasswordResetForm
