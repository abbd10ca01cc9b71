"""Staff type paper sheets in, correct them and withdraw them."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from igfsession.permissions import organisers_only, private_page

from .. import services
from ..forms import PaperEntryForm
from ..models import Response
from ._common import get_sheet


@method_decorator(private_page, name="dispatch")
@method_decorator(organisers_only, name="dispatch")
class PaperEntryView(View):
    """Staff type in paper sheets: marks by digit, then "save and next"."""

    template_name = "feedback/paper_entry.html"

    def dispatch(self, request, *args, **kwargs):
        self.sheet = get_sheet(kwargs["code"])
        self.issues = self.sheet.output.visible_issues
        self.response_obj = None
        if "pk" in kwargs:
            self.response_obj = get_object_or_404(
                Response.objects.prefetch_related("ratings"),
                pk=kwargs["pk"],
                sheet=self.sheet,
                channel=Response.Channel.PAPER,
            )
        return super().dispatch(request, *args, **kwargs)

    def render(self, form, entry_key, status=200):
        recent = (
            Response.objects.filter(sheet=self.sheet, channel=Response.Channel.PAPER)
            .select_related("entered_by")
            .order_by("-created_at", "-pk")
        )
        context = {
            "sheet": self.sheet,
            "form": form,
            "entry_key": entry_key,
            "editing": self.response_obj,
            "paper_responses": recent,
        }
        return render(self.request, self.template_name, context, status=status)

    def dispatch_in_venue_time(self, handler, *args, **kwargs):
        with timezone.override(self.sheet.output.session.tz):
            return handler(*args, **kwargs)

    def get(self, request, code, pk=None):
        return self.dispatch_in_venue_time(self._get)

    def post(self, request, code, pk=None):
        return self.dispatch_in_venue_time(self._post)

    def _get(self):
        if self.response_obj:
            initial = PaperEntryForm.initial_from(self.response_obj)
        else:
            # Save and next keeps the moment the typist chose for the batch.
            initial = {"filled_in_at": self._batch_moment()}
        form = PaperEntryForm(initial=initial, issues=self.issues)
        return self.render(form, uuid.uuid4().hex)

    def _batch_moment(self):
        try:
            chosen = parse_datetime(self.request.GET.get("filled_in", ""))
        except ValueError:  # well formed, but no such moment (a 31 February)
            chosen = None
        if chosen is not None and timezone.is_aware(chosen):
            return chosen
        return services.paper_filled_in_default(self.sheet)

    def _post(self):
        request = self.request
        entry_key = request.POST.get("entry_key", "")
        try:
            entry_key = uuid.UUID(entry_key).hex
        except ValueError:
            entry_key = uuid.uuid4().hex
        form = PaperEntryForm(request.POST, issues=self.issues)
        if not form.is_valid():
            return self.render(form, entry_key, status=400)
        try:
            saved = services.paper_response_save(
                sheet=self.sheet,
                answers=form.answers(),
                profile=form.profile(),
                entered_by=request.user,
                entry_key=entry_key,
                response=self.response_obj,
                filled_in_at=form.cleaned_data["filled_in_at"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, entry_key, status=400)
        messages.success(
            request,
            _("Paper response #%(number)d saved. Type in the next sheet.") % {"number": saved.pk},
        )
        url = reverse("feedback:enter", kwargs={"code": self.sheet.code})
        chosen = form.cleaned_data["filled_in_at"]
        if chosen is not None and self.response_obj is None:
            url += "?" + urlencode({"filled_in": chosen.isoformat()})
        return HttpResponseRedirect(url)


@private_page
@require_POST
@organisers_only
def paper_response_withdraw(request, code, pk):
    sheet = get_sheet(code)
    response = get_object_or_404(Response, pk=pk, sheet=sheet, channel=Response.Channel.PAPER)
    if request.POST.get("restore"):
        services.response_restore(response=response)
        messages.success(request, _("Response #%(number)d counts again.") % {"number": pk})
    else:
        services.response_withdraw(response=response, by=request.user)
        messages.success(
            request,
            _("Response #%(number)d withdrawn: it stays stored but no longer counts.")
            % {"number": pk},
        )
    return HttpResponseRedirect(reverse("feedback:enter", kwargs={"code": code}))
