"""The results pages: every visible sheet's issues in one table, one output in full, and the
room's screen for the Day 4 debate.

Each reads ``feedback.results.visible_results``, which holds the one visibility predicate (the
bandwagon rule) and cuts the figures for the visitor; nothing here computes a figure.
"""

from dataclasses import dataclass

import segno
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from igfsession.context_processors import request_current_session
from igfsession.permissions import is_organiser, organisers_only

from .. import respondent, selectors
from ..integrity import figures_without_bursts, sheet_integrity, sheets_integrity
from ..permissions import can_see_hidden_comments, can_see_sheet_results
from ..results import DIMENSION, IssueResult, session_results, visible_results
from ..results.rows import SORTS, issue_rows, most_contested, sorted_rows

PROJECTOR_ISSUES = 8  # the most contested issues the room's screen shows by default
PROJECTOR_REFRESH_SECONDS = 20


class ResultsOverviewView(TemplateView):
    """Every sheet of the current session whose results the visitor may see, one row per issue,
    in the sheets' order or sorted (``?sort=contested``, ``?sort=unclear``)."""

    template_name = "feedback/results_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sort = self.request.GET.get("sort", "")
        sort = sort if sort in SORTS else ""
        session = request_current_session(self.request)
        rows, withheld = [], []
        if session is not None:
            visible = visible_results(
                self.request.user, respondent.respondent_hash(self.request), session
            )
            rows = sorted_rows(issue_rows(shown.result for shown in visible), sort)
            shown_ids = {shown.sheet.pk for shown in visible}
            # The sheets kept back from this visitor: named, with when they will show; no figure.
            withheld = [
                result.sheet
                for result in session_results(session)
                if result.sheet.pk not in shown_ids
            ]
        context.update(
            session=session,
            rows=rows,
            flagged=_flagged_sheets(self.request.user, visible) if session is not None else [],
            withheld=withheld,
            sort=sort,
            sorts=[(value, label) for value, (_key, label) in SORTS.items()],
        )
        return context


def _flagged_sheets(user, visible) -> list:
    """Organisers: each shown sheet with flagged bursts, with its issues' figures without them
    ((sheet, WithoutBursts, [(issue result, stats without)])); two queries, nothing for others."""
    if not is_organiser(user) or not visible:
        return []
    found = sheets_integrity(
        [shown.sheet for shown in visible],
        issue_counts={
            shown.sheet.pk: sum(1 for item in shown.result.issues if not item.hidden)
            for shown in visible
        },
    )
    flagged = []
    for shown in visible:
        without = figures_without_bursts(shown.result, found[shown.sheet.pk])
        if without is not None:
            items = [(item, without.stats[item.issue.pk]) for item in shown.result.issues]
            flagged.append((shown.sheet, without, items))
    return flagged


@dataclass(frozen=True)
class IssueView:
    """One issue on an output's results page: its figures, the visitor's own mark, comments."""

    item: IssueResult
    own_mark: str | None
    comments: list
    without_bursts: dict | None = None  # organisers: the figures without the flagged bursts

    @property
    def breakdowns(self):
        return [(DIMENSION[name], cells) for name, cells in self.item.breakdowns.items()]


class ResultsSheetView(View):
    """One output's results: each issue's distribution, every breakdown, its comments by mark.

    A visitor who may not see them (the bandwagon rule, the sheet's setting) gets a short page
    saying when they will be visible, without a single figure.
    """

    def get(self, request, code):
        sheet = selectors.sheet_for_results(code)
        respondent_hash = respondent.respondent_hash(request)
        if not can_see_sheet_results(request.user, sheet, respondent_hash):
            return self._withheld(sheet)
        # The breakdowns of this sheet only: computing them for every sheet costs far more.
        visible = visible_results(
            request.user, respondent_hash, sheet.output.session, breakdowns=True, codes=[code]
        )
        shown = next((item for item in visible if item.sheet.pk == sheet.pk), None)
        if shown is None:  # the sheet changed between the two reads: say so, show nothing
            return self._withheld(sheet)
        result = shown.result
        with_hidden = can_see_hidden_comments(request.user)
        comments = selectors.issue_comments(
            sheet, issue_ids=[item.issue.pk for item in result.issues], with_hidden=with_hidden
        )
        mine = selectors.own_marks(sheet, respondent_hash)
        without = None
        if is_organiser(request.user):
            # A decision never rests on hidden stuffing: the figures without the flagged bursts.
            shown_count = sum(1 for item in result.issues if not item.hidden)
            without = figures_without_bursts(
                result, sheet_integrity(sheet, issue_count=shown_count)
            )
        issues = [
            IssueView(
                item=item,
                own_mark=mine.get(item.issue.pk),
                comments=comments.get(item.issue.pk, []),
                without_bursts=without.stats.get(item.issue.pk) if without else None,
            )
            for item in result.issues
        ]
        context = {
            "sheet": sheet,
            "output": sheet.output,
            "result": result,
            "exact": shown.exact,
            "is_open": sheet.is_open(),
            "issues": issues,
            "organiser": is_organiser(request.user),
            "without_bursts": without,
            "who_answered": [
                (DIMENSION[name], cells) for name, cells in result.respondent_cells.items()
            ],
            "overall_comments": selectors.overall_comments(sheet, with_hidden=with_hidden),
        }
        return render(request, "feedback/results_sheet.html", context)

    def _withheld(self, sheet):
        context = {"sheet": sheet, "output": sheet.output, "is_open": sheet.is_open()}
        return render(self.request, "feedback/results_withheld.html", context, status=403)


@method_decorator(organisers_only, name="dispatch")
class ProjectorView(TemplateView):
    """The room's screen: the most contested issues of all, or one output's (``?sheet=<code>``),
    large and high-contrast, with the QR code to the sheets; it refreshes itself
    (static/js/projector.js) and warns while a sheet it shows is still open."""

    template_name = "feedback/results_projector.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        code = self.request.GET.get("sheet", "")
        session = request_current_session(self.request)
        visible = []
        if session is not None:
            visible = visible_results(
                self.request.user, respondent.respondent_hash(self.request), session
            )
        chosen = None
        if code:
            chosen = next((shown for shown in visible if shown.sheet.code == code), None)
            if chosen is None:
                raise Http404("No such sheet in the current session.")
        # Hidden issues are no longer rated: the room does not see them.
        rows = [
            row
            for row in issue_rows(shown.result for shown in ([chosen] if chosen else visible))
            if not row.hidden
        ]
        if chosen is None:
            rows = most_contested(rows, PROJECTOR_ISSUES)
        now = timezone.now()
        open_sheets = list({r.sheet.pk: r.sheet for r in rows if r.sheet.is_open(now)}.values())
        if chosen is not None and chosen.sheet.is_open(now) and not open_sheets:
            open_sheets = [chosen.sheet]
        sheets_url = self.request.build_absolute_uri(reverse("feedback:list"))
        qr = segno.make(sheets_url, error="m")
        context.update(
            session=session,
            chosen=chosen.sheet if chosen else None,
            sheets=[shown.sheet for shown in visible],
            rows=rows,
            open_sheets=open_sheets,
            now=now,
            sheets_url=sheets_url,
            # segno writes the SVG itself from our own URL; nothing a visitor typed goes into it.
            qr_svg=mark_safe(  # noqa: S308
                qr.svg_inline(
                    scale=4, omitsize=True, title=_("QR code to the rating sheets"), svgclass="qr"
                )
            ),
            refresh_seconds=PROJECTOR_REFRESH_SECONDS,
        )
        return context
