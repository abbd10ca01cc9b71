"""Organisers hide a comment with a reason (who and when recorded) and may show it again."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from feedback.models import Rating, Response
from feedback.services import comment_hide, comment_show
from tests.factories import make_coordinator, make_organiser, make_rating, make_response

pytestmark = pytest.mark.django_db

AT = datetime(2015, 11, 13, 12, tzinfo=UTC)


def test_comment_hide_a_ratings_comment_records_who_when_why():
    organiser = make_organiser()
    rating = make_rating(comment="Insulting words.")

    comment_hide(target=rating, by=organiser, reason="  Personal   attack. ", at=AT)

    stored = Rating.objects.get()
    assert (stored.comment_hidden_at, stored.comment_hidden_by, stored.comment_hidden_reason) == (
        AT,
        organiser,
        "Personal attack.",
    )
    assert stored.comment == "Insulting words."  # kept as written, never edited


def test_comment_hide_and_show_a_responses_overall_comment():
    organiser = make_organiser()
    response = make_response(overall_comment="Spam link.")
    comment_hide(target=response, by=organiser, reason="Advertising.", at=AT)

    comment_show(target=response, by=organiser)

    stored = Response.objects.get()
    assert (
        stored.overall_comment_hidden_at,
        stored.overall_comment_hidden_by,
        stored.overall_comment_hidden_reason,
        stored.overall_comment,
    ) == (None, None, "", "Spam link.")


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Say why the comment is hidden."),
        ("   ", "Say why the comment is hidden."),
        ("x" * 301, "The reason can be at most 300 characters long."),
    ],
)
def test_comment_hide_needs_a_reason_and_stores_nothing_without(reason, message):
    rating = make_rating(comment="Hm.")

    with pytest.raises(ValidationError) as refused:
        comment_hide(target=rating, by=make_organiser(), reason=reason)

    assert refused.value.message_dict == {"reason": [message]}
    assert Rating.objects.get().comment_hidden_at is None


def test_comment_hide_refused_to_a_coordinator():
    rating = make_rating(comment="Hm.")
    coordinator = make_coordinator(rating.response.sheet.output.coalition)

    with pytest.raises(PermissionDenied):
        comment_hide(target=rating, by=coordinator, reason="Mine.")
    with pytest.raises(PermissionDenied):
        comment_show(target=rating, by=coordinator)

    assert Rating.objects.get().comment_hidden_at is None
