"""Participants fill in rating sheets; staff print them and type paper ones in."""

import uuid

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from coalitions.models import Issue
from igfsession.choices import Attendance, Region, StakeholderGroup
from igfsession.permissions import organisers_only

from . import ratelimit, respondent, services
from .forms import PaperEntryForm, SheetForm
from .models import Mark, RatingSheet, Response

PROFILE_SESSION_KEY = "feedback_profile"


def _sheet_queryset():
    return RatingSheet.objects.select_related(
        "output__coalition", "output__session"
    ).prefetch_related(
        Prefetch("output__issues", queryset=Issue.objects.visible(), to_attr="visible_issues")
    )


def _get_sheet(code: str) -> RatingSheet:
    return get_object_or_404(_sheet_queryset(), code=code)


def _own_response(sheet: RatingSheet, respondent_hash: str | None) -> Response | None:
    if respondent_hash is None:
        return None
    return (
        Response.objects.filter(sheet=sheet, respondent_hash=respondent_hash)
        .prefetch_related("ratings")
        .first()
    )


def _initial_from_response(response: Response) -> dict:
    initial = {name: getattr(response, name) for name in services.PROFILE_FIELDS}
    initial["overall_comment"] = response.overall_comment
    initial["contact_consent"] = response.contact_consent
    for name in services.CONTACT_FIELDS:
        initial[name] = getattr(response, name)
    for rating in response.ratings.all():
        initial[f"mark_{rating.issue_id}"] = rating.mark
        initial[f"comment_{rating.issue_id}"] = rating.comment
    return initial


def _done_sheet_ids(respondent_hash: str | None, sheets) -> set[int]:
    if respondent_hash is None:
        return set()
    return set(
        Response.objects.filter(respondent_hash=respondent_hash, sheet__in=sheets).values_list(
            "sheet_id", flat=True
        )
    )


class SheetListView(TemplateView):
    """The sheets open now, each marked done or not for this visitor."""

    template_name = "feedback/sheet_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheets = list(
            RatingSheet.objects.open_now()
            .filter(output__session__is_current=True)
            .select_related("output__coalition")
            .order_by("output__coalition__name")
        )
        done = _done_sheet_ids(respondent.respondent_hash(self.request), sheets)
        context.update(
            rows=[(sheet, sheet.pk in done) for sheet in sheets],
            done_count=sum(1 for sheet in sheets if sheet.pk in done),
            total=len(sheets),
        )
        return context


class SheetView(View):
    """Fill in a sheet; coming back shows one's own answers for editing until it closes."""

    template_name = "feedback/sheet_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.sheet = _get_sheet(kwargs["code"])
        self.issues = self.sheet.output.visible_issues
        return super().dispatch(request, *args, **kwargs)

    def render(self, form=None, status=200, **extra):
        context = {
            "sheet": self.sheet,
            "output": self.sheet.output,
            "coalition": self.sheet.output.coalition,
            "form": form,
            "is_open": form is not None,
            **extra,
        }
        response = render(self.request, self.template_name, context, status=status)
        respondent.remember(self.request, response)
        return response

    def get(self, request, code):
        if not self.sheet.is_open():
            return self.render()
        existing = _own_response(self.sheet, respondent.respondent_hash(request))
        if existing is not None:
            initial = _initial_from_response(existing)
        else:
            initial = dict(request.session.get(PROFILE_SESSION_KEY, {}))
        form = SheetForm(initial=initial, issues=self.issues)
        return self.render(form, editing=existing is not None)

    def post(self, request, code):
        if not self.sheet.is_open():
            return self.render(status=409, refused=True)
        form = SheetForm(request.POST, issues=self.issues)
        if not form.is_valid():
            return self.render(form, status=400)
        token = respondent.ensure_token(request)
        if not ratelimit.allow_submission(request, token):
            return self.render(form, status=429, rate_limited=True)
        profile = {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}
        contact = {
            name: form.cleaned_data[name] for name in ("contact_consent", *services.CONTACT_FIELDS)
        }
        try:
            services.response_submit(
                sheet=self.sheet,
                respondent_hash=respondent.token_hash(token),
                answers=form.answers(),
                profile=profile,
                contact=contact,
            )
        except services.SheetNotOpen:
            return self.render(status=409, refused=True)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, status=400)
        request.session[PROFILE_SESSION_KEY] = {
            name: profile[name] for name in SheetForm.PROFILE_FIELDS
        }
        redirect = HttpResponseRedirect(reverse("feedback:thanks", kwargs={"code": code}))
        respondent.remember(request, redirect)
        return redirect


class ThanksView(TemplateView):
    template_name = "feedback/thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet = _get_sheet(kwargs["code"])
        respondent_hash = respondent.respondent_hash(self.request)
        open_sheets = list(
            RatingSheet.objects.open_now()
            .filter(output__session=sheet.output.session)
            .select_related("output__coalition")
            .order_by("output__coalition__name")
        )
        done = _done_sheet_ids(respondent_hash, open_sheets)
        context.update(
            sheet=sheet,
            submitted=sheet.pk in done,
            next_sheet=next((s for s in open_sheets if s.pk not in done), None),
            done_count=len(done),
            total=len(open_sheets),
        )
        return context


class PrintView(TemplateView):
    """An A4 paper version with a QR code to the online sheet."""

    template_name = "feedback/sheet_print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet = _get_sheet(kwargs["code"])
        online_url = self.request.build_absolute_uri(sheet.get_absolute_url())
        qr = segno.make(online_url, error="m")
        context.update(
            sheet=sheet,
            online_url=online_url,
            # segno writes the SVG itself from our own URL; nothing a visitor typed goes into it.
            qr_svg=mark_safe(  # noqa: S308
                qr.svg_inline(
                    scale=3, omitsize=True, title=_("QR code to the online sheet"), svgclass="qr"
                )
            ),
            scale=Mark.choices,
            stakeholder_groups=StakeholderGroup.choices,
            regions=Region.choices,
            attendances=Attendance.choices,
        )
        return context


@method_decorator(organisers_only, name="dispatch")
class PaperEntryView(View):
    """Staff type in paper sheets: marks by digit, then "save and next"."""

    template_name = "feedback/paper_entry.html"

    def dispatch(self, request, *args, **kwargs):
        self.sheet = _get_sheet(kwargs["code"])
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

    def get(self, request, code, pk=None):
        initial = PaperEntryForm.initial_from(self.response_obj) if self.response_obj else None
        form = PaperEntryForm(initial=initial, issues=self.issues)
        return self.render(form, uuid.uuid4().hex)

    def post(self, request, code, pk=None):
        entry_key = request.POST.get("entry_key", "")
        try:
            entry_key = uuid.UUID(entry_key).hex
        except ValueError:
            entry_key = uuid.uuid4().hex
        form = PaperEntryForm(request.POST, issues=self.issues)
        if not form.is_valid():
            return self.render(form, entry_key, status=400)
        profile = {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}
        try:
            saved = services.paper_response_save(
                sheet=self.sheet,
                answers=form.answers(),
                profile=profile,
                entered_by=request.user,
                entry_key=entry_key,
                response=self.response_obj,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, entry_key, status=400)
        messages.success(
            request,
            _("Paper response #%(number)d saved. Type in the next sheet.") % {"number": saved.pk},
        )
        return HttpResponseRedirect(reverse("feedback:enter", kwargs={"code": code}))


@require_POST
@organisers_only
def paper_response_withdraw(request, code, pk):
    sheet = _get_sheet(code)
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
