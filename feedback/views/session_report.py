"""The session report (``/feedback/report/``): every output of the current session, the document
the secretariat publishes after the meeting.

Each output's part follows its sheet's results visibility (``visible_results``); a withheld
output is one line saying when it will be public. Every figure comes from ``feedback.results``
and every reading from ``feedback.readings``; nothing here computes one.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.views.generic import TemplateView

from igfsession.context_processors import request_current_session

from .. import respondent
from ..models import DebateItem
from ..readings import readings_of
from ..results import (
    DIMENSION,
    SheetResult,
    combined_respondents,
    session_results,
    visible_results,
)
from ..selectors import published_answers
from ..services.debate import thresholds_of


@dataclass(frozen=True)
class ReportIssue:
    item: object  # results.IssueResult
    reading: object  # readings.SuggestedReading
    answers: list  # its published versions, newest first


@dataclass
class ReportOutput:
    """One output's part of the report: its results when the visitor may see them."""

    sheet: object
    result: SheetResult | None = None
    exact: bool = False
    issues: list[ReportIssue] = field(default_factory=list)

    @property
    def output(self):
        return self.sheet.output

    @property
    def who_answered(self):
        if self.result is None:
            return []
        return [(DIMENSION[name], cells) for name, cells in self.result.respondent_cells.items()]


class SessionReportView(TemplateView):
    template_name = "feedback/session_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = request_current_session(self.request)
        context.update(
            session=session,
            outputs=[],
            debate=[],
            generated_at=timezone.now(),
            report_url=self.request.build_absolute_uri(self.request.path),
        )
        if session is None:
            return context
        visible = {
            shown.sheet.pk: shown
            for shown in visible_results(
                self.request.user,
                respondent.respondent_hash(self.request),
                session,
                breakdowns=True,
            )
        }
        thresholds = thresholds_of(session)
        answers = published_answers(
            item.issue.pk for shown in visible.values() for item in shown.result.issues
        )
        outputs = []
        for result in session_results(session, breakdowns=True):
            part = ReportOutput(sheet=result.sheet)
            shown = visible.get(result.sheet.pk)
            if shown is not None:
                part.result, part.exact = shown.result, shown.exact
                readings = readings_of(shown.result.issues, thresholds)
                part.issues = [
                    ReportIssue(
                        item=item,
                        reading=readings[item.issue.pk],
                        answers=answers.get(item.issue.pk, []),
                    )
                    for item in shown.result.issues
                ]
            outputs.append(part)
        shown_results = [part.result for part in outputs if part.result is not None]
        total, cells = combined_respondents(shown_results)
        shown_issues = {
            report_issue.item.issue.pk for part in outputs for report_issue in part.issues
        }
        debate = [
            item
            for item in DebateItem.objects.filter(session=session)
            .select_related("issue__output__coalition")
            .order_by("position", "pk")
            if item.issue_id in shown_issues
        ]
        context.update(
            outputs=outputs,
            shown_count=len(shown_results),
            responses=total,
            who_answered=[(DIMENSION[name], each) for name, each in cells.items()],
            thresholds=thresholds,
            debate=debate,
        )
        return context
