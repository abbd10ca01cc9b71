"""What the feedback views share: fetching a sheet with the issues it shows."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from coalitions.models import Issue

from ..models import RatingSheet


def sheet_queryset():
    return RatingSheet.objects.select_related(
        "output__coalition", "output__session"
    ).prefetch_related(
        Prefetch("output__issues", queryset=Issue.objects.visible(), to_attr="visible_issues")
    )


def get_sheet(code: str) -> RatingSheet:
    return get_object_or_404(sheet_queryset(), code=code)
