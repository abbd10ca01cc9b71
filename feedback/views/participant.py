"""Participants fill in rating sheets: the list, a sheet, thanks, and the paper version."""

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.vary import vary_on_cookie
from django.views.generic import TemplateView

from igfsession.choices import Attendance, Region, StakeholderGroup
from igfsession.permissions import PRIVATE_CACHE_CONTROL
from igfsession.ratelimit import wait_text

from .. import client_evidence, ratelimit, respondent, services
from ..forms import PAPER_DIGITS, SheetForm, initial_from_response
from ..models import PROFILE_FIELDS, Mark, RatingSheet, Response
from ._common import get_sheet


def _own_response(sheet: RatingSheet, respondent_hash: str | None) -> Response | None:
    if respondent_hash is None:
        return None
    return (
        Response.objects.filter(sheet=sheet, respondent_hash=respondent_hash)
        .prefetch_related("ratings")
        .first()
    )


def _latest_profile(respondent_hash: str | None) -> dict:
    """The profile of this visitor's latest response to any sheet (one query), offered on the
    next sheet; nothing for a visitor without one. Never the contact details: those are given
    for one sheet, with consent."""
    if respondent_hash is None:
        return {}
    latest = (
        Response.objects.filter(respondent_hash=respondent_hash)
        .order_by("-updated_at", "-pk")
        .values(*PROFILE_FIELDS)
        .first()
    )
    return dict(latest) if latest else {}


def _done_sheet_ids(respondent_hash: str | None, sheets) -> set[int]:
    if respondent_hash is None:
        return set()
    return set(
        Response.objects.filter(respondent_hash=respondent_hash, sheet__in=sheets).values_list(
            "sheet_id", flat=True
        )
    )


@method_decorator(vary_on_cookie, name="dispatch")
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
        self.sheet = get_sheet(kwargs["code"])
        self.issues = self.sheet.output.visible_issues
        session = self.sheet.output.session
        if session.is_current:
            # The footer's current session is the sheet's (one current session at most): the
            # one read with the sheet, not a query of its own.
            request._current_session = session
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
        if extra.get("editing") or (form is not None and form.is_bound):
            # The participant's own answers: for them only, not kept for the next on the device.
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
        return response

    def get(self, request, code):
        if not self.sheet.is_open():
            return self.render()
        respondent_hash = respondent.respondent_hash(request)
        existing = _own_response(self.sheet, respondent_hash)
        if existing is not None:
            # Never the contact details: the next person on a shared device would read them.
            initial = initial_from_response(existing, contact=False)
        else:
            initial = _latest_profile(respondent_hash)
        form = SheetForm(initial=initial, issues=self.issues)
        # The sheet sets the respondent cookie: a browser that opened it sends it back with its
        # answers; a script posting without it is marked so (feedback.integrity).
        respondent.ensure_token(request)
        return self.render(form, editing=existing is not None)

    def post(self, request, code):
        if not self.sheet.is_open():
            return self.render(status=409, refused=True)
        form = SheetForm(request.POST, issues=self.issues)
        if not form.is_valid():
            return self.render(form, status=400)
        carried_cookie = respondent.read_token(request) is not None
        token = respondent.ensure_token(request)
        verdict = ratelimit.allow_submission(request, token)
        if not verdict:
            refused = self.render(form, status=429, retry_wait=wait_text(verdict.retry_after))
            refused["Retry-After"] = str(verdict.retry_after)
            return refused
        try:
            services.response_submit(
                sheet=self.sheet,
                respondent_hash=respondent.token_hash(token),
                answers=form.answers(),
                profile=form.profile(),
                contact=form.contact(),
                client={
                    "carried_sheet_cookie": carried_cookie,
                    "client_hash": client_evidence.request_client_hash(
                        request, self.sheet.output.session_id
                    ),
                    "agent_family": client_evidence.request_agent_family(request),
                },
            )
        except services.SheetNotOpen:
            return self.render(status=409, refused=True)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, status=400)
        # No session: the next sheet offers this profile from the response just stored.
        redirect = HttpResponseRedirect(reverse("feedback:thanks", kwargs={"code": code}))
        respondent.remember(request, redirect)
        return redirect


class ThanksView(TemplateView):
    template_name = "feedback/thanks.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if settings.FEEDBACK_KIOSK:
            # A kiosk: the next person starts fresh (feedback.views.shared_device).
            forget_participant(request, response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sheet = get_sheet(kwargs["code"])
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
            kiosk=settings.FEEDBACK_KIOSK,
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
        sheet = get_sheet(kwargs["code"])
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
            # The digit staff type for each mark, printed over its column (5…1, then 0).
            scale=[(digit, Mark(mark).label) for digit, mark in PAPER_DIGITS.items()],
            stakeholder_groups=StakeholderGroup.choices,
            regions=Region.choices,
            attendances=Attendance.choices,
        )
        return context


def forget_participant(request, response) -> None:
    """A shared device's next person: no respondent cookie, so no profile offered from the
    previous person's latest response either."""
    respondent.forget(response)
