"""A completely blank sheet (no mark, no comment) is not a response: refused beside the first
issue, nothing stored, what was typed kept; online and on paper alike."""

import re

import pytest

from feedback.models import Rating, Response
from tests.factories import make_user
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db

ONLINE = "Mark at least one issue or write a comment."
PAPER = "Type a mark for at least one issue, or a comment: a blank sheet is not stored."


def _fieldset(html: str, issue) -> str:
    return re.search(
        rf'<fieldset class="issue card mb-4" id="issue-{issue.pk}">(.*?)</fieldset>', html, re.S
    ).group(1)


def test_blank_sheet_is_refused_beside_the_first_issue(client, session):
    sheet, issues = sheet_with_issues(session)

    response = client.post(f"/feedback/{sheet.code}/", {})

    assert response.status_code == 400
    assert response.context["form"].errors == {f"mark_{issues[0].pk}": [ONLINE]}
    html = response.content.decode()
    assert (
        f'<div id="id_mark_{issues[0].pk}-error" class="invalid-feedback d-block">'
        f'<p class="mb-1">{ONLINE}</p></div>' in _fieldset(html, issues[0])
    )
    assert ONLINE not in _fieldset(html, issues[1])
    assert (Response.objects.count(), Rating.objects.count()) == (0, 0)


def test_blank_sheet_with_a_profile_keeps_the_profile(client, session):
    sheet, issues = sheet_with_issues(session)
    profile = {"stakeholder_group": "civil_society", "region": "grulac", "attendance": "remote"}

    response = client.post(f"/feedback/{sheet.code}/", {**profile, "overall_comment": "  "})

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {f"mark_{issues[0].pk}": [ONLINE]}
    assert {name: form[name].value() for name in profile} == profile
    assert Response.objects.count() == 0


def test_blank_sheet_with_contact_details_keeps_them_and_stores_nothing(client, session):
    sheet, issues = sheet_with_issues(session)
    contact = {
        "contact_consent": "on",
        "contact_name": "Ana Souza",
        "contact_email": "ana@example.org",
    }

    response = client.post(f"/feedback/{sheet.code}/", contact)

    assert response.context["form"].errors == {f"mark_{issues[0].pk}": [ONLINE]}
    assert response.context["form"]["contact_name"].value() == "Ana Souza"
    assert Response.objects.count() == 0


def test_overall_comment_alone_is_a_response(client, session):
    sheet, _issues = sheet_with_issues(session)

    response = client.post(f"/feedback/{sheet.code}/", {"overall_comment": "Too long to read."})

    assert response.status_code == 302
    assert list(Response.objects.values_list("overall_comment", flat=True)) == ["Too long to read."]
    assert Rating.objects.count() == 0


def test_one_mark_is_a_response(client, session):
    sheet, issues = sheet_with_issues(session)

    response = client.post(f"/feedback/{sheet.code}/", post_data(issues, [None, None, "confusion"]))

    assert response.status_code == 302
    assert list(Rating.objects.values_list("issue", "mark")) == [(issues[2].pk, "confusion")]


def test_a_refused_mark_is_not_called_blank(client, session):
    sheet, issues = sheet_with_issues(session)

    response = client.post(f"/feedback/{sheet.code}/", {f"mark_{issues[0].pk}": "9"})

    assert response.context["form"].errors == {
        f"mark_{issues[0].pk}": ["Choose one of the marks on the scale."]
    }
    assert Response.objects.count() == 0


def test_resending_a_sheet_blank_keeps_the_stored_answers(client, session):
    sheet, issues = sheet_with_issues(session)
    client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5", "4"]))

    response = client.post(f"/feedback/{sheet.code}/", {})

    assert response.context["form"].errors == {f"mark_{issues[0].pk}": [ONLINE]}
    assert sorted(Rating.objects.values_list("mark", flat=True)) == ["4", "5"]


@pytest.fixture
def staff(client):
    client.force_login(make_user(username="typist", is_staff=True))
    return client


def test_blank_paper_sheet_is_refused_beside_the_first_issue(staff, session):
    sheet, issues = sheet_with_issues(session)

    response = staff.post(
        f"/feedback/{sheet.code}/enter/", {"stakeholder_group": "government", "region": "weog"}
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {f"mark_{issues[0].pk}": [PAPER]}
    assert (form["stakeholder_group"].value(), form["region"].value()) == ("government", "weog")
    assert (Response.objects.count(), Rating.objects.count()) == (0, 0)


def test_paper_sheet_with_one_digit_is_stored(staff, session):
    sheet, issues = sheet_with_issues(session)

    response = staff.post(f"/feedback/{sheet.code}/enter/", {f"mark_{issues[1].pk}": "0"})

    assert response.status_code == 302
    assert list(Rating.objects.values_list("issue", "mark")) == [(issues[1].pk, "confusion")]
