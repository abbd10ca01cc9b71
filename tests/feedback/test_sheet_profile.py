"""The profile offered on the next sheet comes from the participant's own latest response, found by
their respondent token: no database session is written for a participant."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db


def _initial_profile(response) -> tuple[str, str, str]:
    initial = response.context["form"].initial
    return tuple(initial.get(name) for name in ("stakeholder_group", "region", "attendance"))


def test_sheet_submission_writes_no_session_row(client, session):
    sheet, issues = sheet_with_issues(session, count=2)
    before = Session.objects.count()

    page = client.get(f"/feedback/{sheet.code}/")
    sent = client.post(
        f"/feedback/{sheet.code}/",
        post_data(issues, ["5", "3"], stakeholder_group="academia", region="weog"),
    )
    thanks = client.get(sent["Location"])

    assert (page.status_code, sent.status_code, thanks.status_code) == (200, 302, 200)
    assert (before, Session.objects.count()) == (0, 0)
    assert "sessionid" not in client.cookies


def test_next_sheet_offers_the_profile_of_the_previous_response(
    client, session, django_assert_num_queries
):
    first, first_issues = sheet_with_issues(session, count=1, code="first")
    second, _ = sheet_with_issues(session, count=1, code="second")
    client.post(
        f"/feedback/{first.code}/",
        post_data(first_issues, ["4"], stakeholder_group="academia", attendance="remote"),
    )

    # The sheet with its output and coalition, its issues; the visitor's response to it (none);
    # their latest response's profile (the footer's current session is the sheet's).
    with django_assert_num_queries(4):
        response = client.get(f"/feedback/{second.code}/")

    assert _initial_profile(response) == ("academia", "", "remote")
    html = response.content.decode()
    assert '<option value="academia" selected>' in html


def test_next_sheet_offers_the_latest_response_profile(client, session):
    first, first_issues = sheet_with_issues(session, count=1, code="first")
    second, second_issues = sheet_with_issues(session, count=1, code="second")
    third, _ = sheet_with_issues(session, count=1, code="third")
    client.post(
        f"/feedback/{first.code}/", post_data(first_issues, ["4"], stakeholder_group="academia")
    )
    client.post(
        f"/feedback/{second.code}/",
        post_data(second_issues, ["2"], stakeholder_group="civil_society", region="grulac"),
    )

    response = client.get(f"/feedback/{third.code}/")

    assert _initial_profile(response) == ("civil_society", "grulac", "")


def test_next_sheet_of_another_respondent_offers_nothing(client, session):
    first, first_issues = sheet_with_issues(session, count=1, code="first")
    second, _ = sheet_with_issues(session, count=1, code="second")
    client.post(
        f"/feedback/{first.code}/",
        post_data(first_issues, ["4"], stakeholder_group="academia", region="weog"),
    )
    stranger = Client()

    response = stranger.get(f"/feedback/{second.code}/")

    assert response.context["form"].initial == {}
    assert "selected>Academia" not in response.content.decode()


def test_next_sheet_does_not_offer_the_contact_details(client, session):
    first, first_issues = sheet_with_issues(session, count=1, code="first")
    second, _ = sheet_with_issues(session, count=1, code="second")
    client.post(
        f"/feedback/{first.code}/",
        post_data(
            first_issues,
            ["4"],
            stakeholder_group="government",
            contact_consent="on",
            contact_name="Ana Souza",
            contact_email="ana@example.org",
        ),
    )

    response = client.get(f"/feedback/{second.code}/")

    assert response.context["form"].initial == {
        "stakeholder_group": "government",
        "region": "",
        "attendance": "",
    }
    html = response.content.decode()
    assert (html.count("ana@example.org"), html.count("Ana Souza")) == (0, 0)
