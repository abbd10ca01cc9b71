"""Reads for coalition pages and the portal, each in a fixed number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from igfsession.models import Session

from .models import (
    Coalition,
    CoalitionMembership,
    Issue,
    IssueChange,
    JoinRequest,
    Output,
    OutputVersion,
)


def current_session() -> Session | None:
    return Session.objects.current()


def directory_coalitions(*, query: str = "", session: Session | None = None) -> QuerySet:
    """Every coalition, active first, with its output for the session in ``current_outputs``."""
    # Public outputs only: a draft is its coalition's own (permissions.can_view_output).
    outputs = (
        Output.objects.filter(session=session).exclude(status=Output.Status.DRAFT)
        if session
        else Output.objects.none()
    )
    return (
        Coalition.objects.search(query)
        .active_first()
        .prefetch_related(Prefetch("outputs", queryset=outputs, to_attr="current_outputs"))
    )


def coalition_for_page(*, slug: str) -> Coalition:
    """A coalition with its coordinators and its outputs (its slots come from the agenda's tag)."""
    queryset = Coalition.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=CoalitionMembership.objects.select_related("user").order_by(
                "user__last_name", "user__first_name", "pk"
            ),
        ),
        Prefetch(
            "outputs",
            # Public outputs only: a draft is its coalition's own (permissions.can_view_output).
            queryset=Output.objects.select_related("session")
            .exclude(status=Output.Status.DRAFT)
            .order_by("-session__year", "title"),
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
    """An output with its coalition, session, visible issues and every file version."""
    queryset = Output.objects.select_related("coalition", "session").prefetch_related(
        Prefetch(
            "issues",
            queryset=Issue.objects.visible().order_by("position", "pk"),
            to_attr="visible_issues",
        ),
        Prefetch("versions", queryset=OutputVersion.objects.order_by("-number")),
    )
    return get_object_or_404(queryset, coalition__slug=slug, slug=output_slug)


def output_for_portal(*, coalition: Coalition, output_slug: str) -> Output:
    """An output of the coalition with everything its portal page shows."""
    queryset = (
        Output.objects.filter(coalition=coalition)
        .select_related("coalition", "session")
        .prefetch_related(
            # Each copied issue's earlier one, for the portal's "from …" link.
            Prefetch(
                "issues",
                queryset=Issue.objects.select_related("derived_from__output__session").order_by(
                    "position", "pk"
                ),
            ),
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


def earlier_outputs(*, coalition: Coalition, session) -> QuerySet:
    """The coalition's outputs for sessions before ``session`` that have visible issues, the
    latest first: what a new output may start from."""
    return (
        Output.objects.filter(coalition=coalition, session__year__lt=session.year)
        .filter(Exists(Issue.objects.visible().filter(output=OuterRef("pk"))))
        .select_related("session")
        .order_by("-session__year", "title", "pk")
    )


def coordinated_coalitions(*, user) -> list[Coalition]:
    """The coalitions the user coordinates, by name (none for an anonymous or inactive user)."""
    if not (user.is_authenticated and user.is_active):
        return []
    return list(Coalition.objects.filter(memberships__user=user).order_by("name"))
