"""A shared phone or a kiosk: "I am someone else — start a new sheet" forgets the participant
(the respondent cookie and the profile kept for the next sheet) and shows the sheet fresh; with
``FEEDBACK_KIOSK`` the thank-you page forgets them by itself after each submission."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from ._common import get_sheet
from .participant import forget_participant


class SomeoneElseView(View):
    """GET: what the button does (for a link followed without the sheet's form); POST: do it."""

    template_name = "feedback/someone_else.html"

    def get(self, request, code):
        return render(request, self.template_name, {"sheet": get_sheet(code)})

    def post(self, request, code):
        sheet = get_sheet(code)
        response = redirect(sheet.get_absolute_url())
        forget_participant(request, response)
        messages.info(
            request,
            _("A new sheet: answers sent before from this device are no longer shown here."),
        )
        return response
