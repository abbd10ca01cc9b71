"""Organisers' integrity page of a sheet: what looks scripted (``feedback.integrity``), each
group withdrawn in one confirmed action; nothing is withdrawn automatically."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import ngettext
from django.views import View

from igfsession.permissions import organisers_only, private_page

from .. import services
from ..integrity import sheet_integrity
from ..integrity_forms import GroupWithdrawForm
from ._common import get_sheet

COOKIE_GROUP = "cookie"


def _groups(integrity) -> dict[str, list[int]]:
    """Each withdrawable group by its key: the responses without the cookie, then each burst."""
    groups = {}
    if integrity.without_cookie:
        groups[COOKIE_GROUP] = sorted(integrity.without_cookie_pks)
    for burst in integrity.bursts:
        groups[f"burst-{burst.pks[0]}"] = burst.pks
    return groups


def _seen(request) -> set[int] | None:
    """The responses of the group as the page showed them ("1,2,3"), or None if malformed."""
    text = request.POST.get("responses", "")
    try:
        return {int(pk) for pk in text.split(",")} if text else set()
    except ValueError:
        return None


@method_decorator(private_page, name="dispatch")
@method_decorator(organisers_only, name="dispatch")
class IntegrityView(View):
    template_name = "feedback/integrity.html"

    def dispatch(self, request, *args, **kwargs):
        self.sheet = get_sheet(kwargs["code"])
        self.integrity = sheet_integrity(
            self.sheet, issue_count=len(self.sheet.output.visible_issues)
        )
        self.groups = _groups(self.integrity)
        return super().dispatch(request, *args, **kwargs)

    def render(self, bound=None, status=200, unknown_group=False):
        forms = {key: GroupWithdrawForm(prefix=key) for key in self.groups}
        if bound is not None:
            forms[bound.prefix] = bound
        bursts = [(burst, forms[f"burst-{burst.pks[0]}"]) for burst in self.integrity.bursts]
        for form in forms.values():
            form.seen = ",".join(str(pk) for pk in self.groups[form.prefix])
        context = {
            "sheet": self.sheet,
            "output": self.sheet.output,
            "integrity": self.integrity,
            "cookie_form": forms.get(COOKIE_GROUP),
            "bursts": bursts,
            "burst_responses": len(self.integrity.burst_pks),
            "unknown_group": unknown_group,
            "burst_size": settings.FEEDBACK_BURST_SIZE,
            "burst_seconds": settings.FEEDBACK_BURST_SECONDS,
            "burst_min_issues": settings.FEEDBACK_BURST_MIN_ISSUES,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, code):
        return self.render()

    def post(self, request, code):
        key = request.POST.get("group", "")
        if key not in self.groups or _seen(request) != set(self.groups[key]):
            # Gone or changed since the page was read (withdrawn, no longer a burst, or grown):
            # nothing done; exactly the responses reviewed are withdrawn, or none.
            return self.render(status=400, unknown_group=True)
        form = GroupWithdrawForm(request.POST, prefix=key)
        if not form.is_valid():
            return self.render(bound=form, status=400)
        count = services.responses_withdraw(sheet=self.sheet, pks=self.groups[key], by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d response withdrawn: it stays stored but no longer counts.",
                "%(count)d responses withdrawn: they stay stored but no longer count.",
                count,
            )
            % {"count": count},
        )
        return HttpResponseRedirect(reverse("feedback:integrity", kwargs={"code": code}))
