"""The coalition's feedback report, ``/coalitions/<slug>/report/``: what the coalition takes home
from the current session — its output, who answered, and per issue the figures, the suggested
reading, the breakdowns, the comments by mark, its published answer and last year's beside.

Coordinators and organisers always; everyone else once the sheet's results are public (the one
predicate, ``can_see_sheet_results``). Nothing here computes a figure.
"""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from coalitions.models import Coalition
from igfsession.context_processors import request_current_session

from .. import respondent, selectors, services
from ..models import RatingSheet
from ..permissions import can_see_hidden_comments, can_see_sheet_results
from ..readings import readings_of
from ..results import DIMENSION, IssueResult, visible_results
from ..year_to_year import Earlier, earlier_issues


@dataclass(frozen=True)
class ReportIssue:
    item: IssueResult
    reading: object
    comments: list
    answers: list
    earlier: Earlier | None

    @property
    def breakdowns(self):
        return [(DIMENSION[name], cells) for name, cells in self.item.breakdowns.items()]


def report_sheet(coalition: Coalition, session) -> RatingSheet:
    """The sheet of the coalition's output in ``session`` (one query), or 404."""
    if session is None:
        raise Http404("No session is current.")
    sheet = (
        RatingSheet.objects.select_related("output__coalition", "output__session")
        .filter(output__coalition=coalition, output__session=session)
        .first()
    )
    if sheet is None:
        raise Http404("The coalition has no output with a rating sheet in this session.")
    return sheet


class CoalitionReportView(View):
    template_name = "feedback/coalition_report.html"

    def get(self, request, slug):
        coalition = get_object_or_404(Coalition, slug=slug)
        sheet = report_sheet(coalition, request_current_session(request))
        respondent_hash = respondent.respondent_hash(request)
        if not can_see_sheet_results(request.user, sheet, respondent_hash):
            return self._withheld(sheet)
        visible = visible_results(
            request.user,
            respondent_hash,
            sheet.output.session,
            breakdowns=True,
            codes=[sheet.code],
        )
        shown = next((item for item in visible if item.sheet.pk == sheet.pk), None)
        if shown is None:
            return self._withheld(sheet)
        result = shown.result
        issue_ids = [item.issue.pk for item in result.issues]
        comments = selectors.issue_comments(
            sheet, issue_ids=issue_ids, with_hidden=can_see_hidden_comments(request.user)
        )
        thresholds = services.thresholds_of(sheet.output.session)
        readings = readings_of(result.issues, thresholds)
        answers = selectors.published_answers(issue_ids)
        earlier = earlier_issues(
            request.user, respondent_hash, [item.issue for item in result.issues]
        )
        issues = [
            ReportIssue(
                item=item,
                reading=readings[item.issue.pk],
                comments=comments.get(item.issue.pk, []),
                answers=answers.get(item.issue.pk, []),
                earlier=earlier.get(item.issue.pk),
            )
            for item in result.issues
        ]
        context = {
            "coalition": coalition,
            "sheet": sheet,
            "output": sheet.output,
            "result": result,
            "exact": shown.exact,
            "is_open": sheet.is_open(),
            "issues": issues,
            "thresholds": thresholds,
            "who_answered": [
                (DIMENSION[name], cells) for name, cells in result.respondent_cells.items()
            ],
            "report_url": request.build_absolute_uri(),
            "generated_at": timezone.now(),
        }
        return render(request, self.template_name, context)

    def _withheld(self, sheet):
        """Logged-in visitors are refused (403); the public gets a page saying when."""
        context = {"sheet": sheet, "output": sheet.output, "is_open": sheet.is_open()}
        status = 403 if self.request.user.is_authenticated else 200
        return render(self.request, "feedback/results_withheld.html", context, status=status)
