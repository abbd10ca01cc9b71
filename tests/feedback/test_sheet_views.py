"""The participant's flow: list, fill in, edit, come back, thank-you; fixed queries."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from feedback.models import Rating, Response
from feedback.respondent import COOKIE_NAME
from tests.feedback.sheet_helpers import post_data, respondent_of, sheet_with_issues

pytestmark = pytest.mark.django_db


def test_sheet_page_lists_issues_as_fieldsets_with_the_scale(client, session):
    sheet, issues = sheet_with_issues(session, count=2)

    response = client.get(f"/feedback/{sheet.code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<fieldset class="issue card mb-4"') == 2
    assert '<legend class="h5">1. <bdi lang="en">Issue 1</bdi></legend>' in html
    for label in [
        "Strong agreement",
        "Agreement",
        "Neutral",
        "Disagreement",
        "Strong disagreement",
        "Confusion — the statement is unclear to me",
    ]:
        assert f'">{label}</label>' in html
    assert f'<input type="radio" name="mark_{issues[0].pk}" value="5"' in html


def test_sheet_submission_stores_one_response_with_its_ratings(client, session):
    sheet, issues = sheet_with_issues(session, count=3)

    response = client.post(
        f"/feedback/{sheet.code}/",
        post_data(
            issues,
            ["5", "confusion", ""],
            **{f"comment_{issues[0].pk}": "Well put.", "stakeholder_group": "civil_society"},
            region="grulac",
            attendance="remote",
            overall_comment="Useful.",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/feedback/{sheet.code}/thanks/"
    stored = Response.objects.get()
    assert (stored.channel, stored.stakeholder_group, stored.region, stored.attendance) == (
        "online",
        "civil_society",
        "grulac",
        "remote",
    )
    assert stored.overall_comment == "Useful."
    assert stored.respondent_hash == respondent_of(client)
    assert list(stored.ratings.values_list("issue_id", "mark", "comment")) == [
        (issues[0].pk, "5", "Well put."),
        (issues[1].pk, "confusion", ""),
    ]


def test_sheet_stores_no_ip_address(client, session):
    sheet, issues = sheet_with_issues(session, count=1)

    client.post(f"/feedback/{sheet.code}/", post_data(issues, ["4"]), REMOTE_ADDR="203.0.113.7")

    stored = Response.objects.values().get()
    assert "203.0.113.7" not in {str(value) for value in stored.values()}


def test_sheet_resubmission_updates_the_same_response(client, session):
    sheet, issues = sheet_with_issues(session, count=2)
    client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5", "4"]))

    client.post(f"/feedback/{sheet.code}/", post_data(issues, ["2", ""]))

    assert Response.objects.count() == 1
    assert list(Rating.objects.values_list("issue_id", "mark")) == [(issues[0].pk, "2")]


def test_sheet_double_post_creates_one_response(client, session):
    sheet, issues = sheet_with_issues(session, count=1)
    data = post_data(issues, ["5"])

    first = client.post(f"/feedback/{sheet.code}/", data)
    second = client.post(f"/feedback/{sheet.code}/", data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Response.objects.count() == 1
    assert Rating.objects.count() == 1


def test_sheet_coming_back_shows_own_answers(client, session):
    sheet, issues = sheet_with_issues(session, count=2)
    client.post(
        f"/feedback/{sheet.code}/",
        post_data(issues, ["2", ""], **{f"comment_{issues[0].pk}": "Too vague."}),
    )

    response = client.get(f"/feedback/{sheet.code}/")

    html = response.content.decode()
    assert f'<input type="radio" name="mark_{issues[0].pk}" value="2"' in html
    assert 'value="2" class="form-check-input" required' not in html
    assert response.context["form"].initial[f"mark_{issues[0].pk}"] == "2"
    assert '">\nToo vague.</textarea>' in html
    assert "You have already sent this sheet." in html


def test_sheet_profile_is_offered_on_the_next_sheet(client, session):
    first, first_issues = sheet_with_issues(session, count=1, code="first")
    second, _ = sheet_with_issues(session, count=1, code="second")
    client.post(
        f"/feedback/{first.code}/",
        post_data(first_issues, ["4"], stakeholder_group="academia", region="weog"),
    )

    response = client.get(f"/feedback/{second.code}/")

    initial = response.context["form"].initial
    assert (initial["stakeholder_group"], initial["region"], initial["attendance"]) == (
        "academia",
        "weog",
        "",
    )


def test_sheet_another_visitor_gets_an_empty_sheet(client, session):
    sheet, issues = sheet_with_issues(session, count=1)
    client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]))
    stranger = Client()

    response = stranger.get(f"/feedback/{sheet.code}/")

    assert response.context["form"].initial == {}
    assert "You have already sent this sheet." not in response.content.decode()


@pytest.mark.parametrize("cookie", ["forged-token:abc", "", "x" * 300])
def test_sheet_forged_cookie_is_a_new_visitor(session, cookie):
    sheet, issues = sheet_with_issues(session, count=1)
    owner = Client()
    owner.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]))
    forger = Client()
    forger.cookies[COOKIE_NAME] = cookie

    forger.post(f"/feedback/{sheet.code}/", post_data(issues, ["1"]))

    assert Response.objects.count() == 2
    assert sorted(Rating.objects.values_list("mark", flat=True)) == ["1", "5"]


def test_sheet_expired_cookie_is_a_new_visitor(session, settings):
    import time_machine

    sheet, issues = sheet_with_issues(session, count=1)
    settings.FEEDBACK_RESPONDENT_COOKIE_AGE = 60
    visitor = Client()
    with time_machine.travel(datetime(2015, 11, 12, 20, 0, tzinfo=UTC), tick=False):
        visitor.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]))
    with time_machine.travel(datetime(2015, 11, 12, 20, 5, tzinfo=UTC), tick=False):
        response = visitor.get(f"/feedback/{sheet.code}/")
        visitor.post(f"/feedback/{sheet.code}/", post_data(issues, ["3"]))

    # A new visitor: nothing of the earlier response is offered.
    assert response.context["form"].initial == {}
    assert Response.objects.count() == 2


def test_sheet_list_shows_progress_for_this_visitor(client, session):
    first, first_issues = sheet_with_issues(session, count=1, code="a-first")
    sheet_with_issues(session, count=1, code="b-second")
    sheet_with_issues(session, count=1, code="c-third")
    closed, _ = sheet_with_issues(
        session, count=1, code="d-closed", closes_at=datetime(2015, 11, 2, tzinfo=UTC)
    )
    client.post(f"/feedback/{first.code}/", post_data(first_issues, ["5"]))

    response = client.get("/feedback/")

    html = response.content.decode()
    assert "1 of 3 done." in html
    assert [(sheet.code, done) for sheet, done in response.context["rows"]] == [
        ("a-first", True),
        ("b-second", False),
        ("c-third", False),
    ]
    assert closed.code not in html


def test_thanks_page_offers_the_next_sheet_not_done(client, session):
    first, first_issues = sheet_with_issues(session, count=1, code="a-first")
    second, _ = sheet_with_issues(session, count=1, code="b-second")
    client.post(f"/feedback/{first.code}/", post_data(first_issues, ["5"]))

    response = client.get(f"/feedback/{first.code}/thanks/")

    assert response.context["next_sheet"] == second
    assert "Thank you: your answers are saved" in response.content.decode()
    assert f'href="/feedback/{second.code}/"' in response.content.decode()


@pytest.mark.parametrize("count", [5, 25])
def test_sheet_page_queries_do_not_grow_with_issues(
    client, session, django_assert_num_queries, count
):
    sheet, issues = sheet_with_issues(session, count=count)
    client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"] * count))

    with django_assert_num_queries(4):
        client.get(f"/feedback/{sheet.code}/")


@pytest.mark.parametrize("count", [5, 25])
def test_sheet_submission_queries_do_not_grow_with_issues(
    client, session, django_assert_num_queries, count
):
    sheet, issues = sheet_with_issues(session, count=count)
    data = post_data(issues, ["4"] * count)

    # No session row read or written (the next sheet's profile comes from the response); a
    # first submission is one INSERT of the response (no UPDATE after it) and one of its marks.
    with django_assert_num_queries(10):
        client.post(f"/feedback/{sheet.code}/", data)

    assert Rating.objects.count() == count
