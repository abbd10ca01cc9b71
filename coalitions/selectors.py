"""Reads for coalition pages and the portal, each in a fixed number of queries."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from igfsession.models import Session, Slot

from .models import (
    Coalition,
    CoalitionMembership,
    Issue,
    IssueChange,
    JoinRequest,
    Output,
    OutputVersion,
)

# The feedback app names these URLs; until it routes them, pages show no link.
SHEET_URL_NAME = "feedback:sheet"
SHEET_RESULTS_URL_NAME = "feedback:results-sheet"
# RatingSheet.ResultsVisibility.STAFF_ONLY, read as a value: coalitions does not import feedback.
RESULTS_STAFF_ONLY = "staff_only"


def current_session() -> Session | None:
    return Session.objects.current()


def directory_coalitions(*, query: str = "", session: Session | None = None) -> QuerySet:
    """Every coalition, active first, with its output for the session in ``current_outputs``."""
    outputs = Output.objects.filter(session=session) if session else Output.objects.none()
    return (
        Coalition.objects.search(query)
        .active_first()
        .prefetch_related(Prefetch("outputs", queryset=outputs, to_attr="current_outputs"))
    )


def coalition_for_page(*, slug: str) -> Coalition:
    """A coalition with its coordinators, its outputs and its slots in the agenda."""
    queryset = Coalition.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=CoalitionMembership.objects.select_related("user").order_by(
                "user__last_name", "user__first_name", "pk"
            ),
        ),
        Prefetch(
            "outputs",
            queryset=Output.objects.select_related("session").order_by("-session__year", "title"),
        ),
        Prefetch(
            "slots",
            queryset=Slot.objects.select_related("part__session").order_by("starts_at", "pk"),
        ),
    )
    return get_object_or_404(queryset, slug=slug)


def coordinator_public_names(coalition: Coalition) -> list[str]:
    """Coordinators' full names; those without one are left out (usernames are not public)."""
    return [
        membership.user.get_full_name()
        for membership in coalition.memberships.all()
        if membership.user.get_full_name()
    ]


def output_for_page(*, slug: str, output_slug: str) -> Output:
    """An output with its coalition, session, sheet, visible issues and every file version."""
    queryset = (
        Output.objects.select_related("coalition", "session")
        .with_sheet()
        .prefetch_related(
            Prefetch("issues", queryset=Issue.objects.visible(), to_attr="visible_issues"),
            Prefetch("versions", queryset=OutputVersion.objects.order_by("-number")),
        )
    )
    return get_object_or_404(queryset, coalition__slug=slug, slug=output_slug)


def output_for_portal(*, coalition: Coalition, output_slug: str) -> Output:
    """An output of the coalition with everything its portal page shows."""
    queryset = (
        Output.objects.filter(coalition=coalition)
        .select_related("coalition", "session")
        .with_sheet()
        .with_response_count()
        .prefetch_related(
            Prefetch("issues", queryset=Issue.objects.with_rating_count()),
            Prefetch(
                "versions",
                queryset=OutputVersion.objects.select_related("uploaded_by").order_by("-number"),
            ),
            Prefetch(
                "issue_changes",
                queryset=IssueChange.objects.select_related("changed_by"),
            ),
        )
    )
    output = get_object_or_404(queryset, slug=output_slug)
    output.coalition = coalition
    return output


def portal_outputs(*, coalition: Coalition) -> QuerySet:
    return (
        Output.objects.filter(coalition=coalition)
        .select_related("session")
        .prefetch_related("versions", "issues")
        .order_by("-session__year", "title")
    )


def join_requests_for(*, coalition: Coalition) -> QuerySet:
    return JoinRequest.objects.for_coalition(coalition).order_by("-created_at", "-pk")


def version_for_download(*, slug: str, output_slug: str, number: int | None) -> OutputVersion:
    """The numbered version of an output, or its newest one."""
    versions = OutputVersion.objects.select_related("output__coalition").filter(
        output__coalition__slug=slug, output__slug=output_slug
    )
    if number is None:
        version = versions.order_by("-number").first()
        if version is None:
            raise Http404("This output has no file yet.")
        return version
    return get_object_or_404(versions, number=number)


def output_has_responses(output: Output) -> bool:
    count = getattr(output, "response_count", None)
    if count is not None:
        return count > 0
    sheet = output.sheet
    return sheet is not None and sheet.responses.exists()


def issue_has_ratings(issue: Issue) -> bool:
    count = getattr(issue, "rating_count", None)
    if count is not None:
        return count > 0
    return issue.ratings.exists()


def _optional_url(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def sheet_links(output: Output, *, at=None) -> dict[str, str | None]:
    """The rating sheet's link while it is open and its results' link once they are public.

    Either is None when it does not apply, or while the feedback app does not route it yet.
    """
    sheet = output.sheet
    links = {"sheet_url": None, "results_url": None}
    if sheet is None:
        return links
    moment = at or timezone.now()
    if sheet.is_open(moment):
        links["sheet_url"] = _optional_url(SHEET_URL_NAME, code=sheet.code)
    if sheet.has_closed(moment) and sheet.results_visibility != RESULTS_STAFF_ONLY:
        links["results_url"] = _optional_url(SHEET_RESULTS_URL_NAME, code=sheet.code)
    return links


def rating_marks() -> list[tuple[str, str]]:
    """The rating scale as the feedback app defines it on Rating.mark.

    Read through Issue's ``ratings`` relation: coalitions does not import feedback.
    """
    rating_model = Issue._meta.get_field("ratings").related_model
    return list(rating_model._meta.get_field("mark").choices)
