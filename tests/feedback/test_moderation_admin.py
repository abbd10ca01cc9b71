"""The admin's moderation lists: hide a comment with a reason, show it again; nothing else."""

import pytest
from django.contrib.messages import get_messages

from feedback.models import OverallComment, Rating, RatingComment, Response
from tests.admin_helpers import admin_url
from tests.factories import make_rating, make_response

pytestmark = pytest.mark.django_db


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_moderation_list_shows_comments_only_isolated(organiser_client):
    rating = make_rating(comment="\u202eevil\u202c reordering")
    make_rating(comment="")

    response = organiser_client.get(admin_url(RatingComment, "changelist"))

    html = response.content.decode()
    assert response.context["cl"].result_count == 1
    assert f'<span dir="auto">{rating.comment}</span>' in html


def test_hide_asks_why_then_hides_with_who_when_why(organiser_client, organiser):
    rating = make_rating(comment="Abusive words.")
    url = admin_url(RatingComment, "changelist")
    selected = {"action": "hide_action", "_selected_action": [rating.pk]}

    asked = organiser_client.post(url, {**selected, "index": "0"})
    done = organiser_client.post(url, {**selected, "apply": "1", "reason": "Abuse."}, follow=True)

    stored = Rating.objects.get()
    assert asked.status_code == 200
    assert asked.context["comments"] == ["Abusive words."]
    assert said(done) == ["1 comment hidden."]
    assert (stored.comment_hidden_by, stored.comment_hidden_reason, stored.comment) == (
        organiser,
        "Abuse.",
        "Abusive words.",
    )
    assert stored.comment_hidden_at is not None


def test_hide_without_a_reason_says_so_beside_the_field_and_hides_nothing(organiser_client):
    response_row = make_response(overall_comment="Spam.")
    url = admin_url(OverallComment, "changelist")

    refused = organiser_client.post(
        url,
        {
            "action": "hide_action",
            "_selected_action": [response_row.pk],
            "apply": "1",
            "reason": "  ",
        },
    )

    assert refused.status_code == 200
    assert refused.context["form"].errors == {"reason": ["This field is required."]}
    assert Response.objects.get().overall_comment_hidden_at is None


def test_show_again_clears_the_hiding(organiser_client, organiser):
    response_row = make_response(overall_comment="Fine after all.")
    url = admin_url(OverallComment, "changelist")
    organiser_client.post(
        url,
        {
            "action": "hide_action",
            "_selected_action": [response_row.pk],
            "apply": "1",
            "reason": "Checking.",
        },
        follow=True,  # its message is read here
    )

    shown = organiser_client.post(
        url, {"action": "show_action", "_selected_action": [response_row.pk]}, follow=True
    )

    stored = Response.objects.get()
    assert said(shown) == ["1 comment is shown again."]
    assert (stored.overall_comment_hidden_at, stored.overall_comment_hidden_reason) == (None, "")


def test_moderation_lists_are_read_only(organiser_client):
    rating = make_rating(comment="Hm.")

    page = organiser_client.get(admin_url(RatingComment, "change", rating.pk))
    post = organiser_client.post(admin_url(RatingComment, "change", rating.pk), {"comment": "X"})

    assert (page.status_code, post.status_code) == (200, 403)
    assert Rating.objects.get().comment == "Hm."


@pytest.mark.parametrize("rows", [1, 5])
def test_moderation_list_queries_same_for_any_number_of_rows(
    organiser_client, django_assert_num_queries, rows
):
    for n in range(rows):
        make_rating(comment=f"Comment {n}")

    # The session, the user, the filter's sessions, the count, the rows with what they show.
    with django_assert_num_queries(6):
        organiser_client.get(admin_url(RatingComment, "changelist"))
