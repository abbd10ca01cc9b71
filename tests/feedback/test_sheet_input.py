"""A sheet's bad input and closed sheets: a clear answer beside the field, nothing stored."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from feedback.models import Rating, Response
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db


def test_sheet_not_yet_open_shows_no_form_and_refuses_posts(client, session):
    sheet, issues = sheet_with_issues(session, count=1)
    sheet.opens_at = datetime(2099, 1, 1, 12, 0, tzinfo=UTC)
    sheet.save()

    page = client.get(f"/feedback/{sheet.code}/")
    posted = client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]))

    assert page.status_code == 200
    assert '<form method="post" action="/feedback/' not in page.content.decode()
    assert "This rating sheet opens on 1 January 2099, 09:00 (America/Fortaleza)." in (
        page.content.decode()
    )
    assert posted.status_code == 409
    assert "Your answers were not saved." in posted.content.decode()
    assert Response.objects.count() == 0


def test_sheet_closed_shows_no_form_and_refuses_posts(client, session):
    sheet, issues = sheet_with_issues(
        session, count=1, closes_at=datetime(2015, 12, 31, 23, 59, tzinfo=UTC)
    )

    page = client.get(f"/feedback/{sheet.code}/")
    posted = client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]))

    assert "This rating sheet closed on 31 December 2015, 20:59 (America/Fortaleza)." in (
        page.content.decode()
    )
    assert posted.status_code == 409
    assert Response.objects.count() == 0


def test_sheet_without_csrf_token_is_refused(session):
    sheet, issues = sheet_with_issues(session, count=1)
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]))

    assert response.status_code == 403
    assert Response.objects.count() == 0


@pytest.mark.parametrize("mark", ["0", "6", "abc", "5.0", "-1"])
def test_sheet_mark_off_the_scale_is_refused_beside_the_issue(client, session, mark):
    sheet, issues = sheet_with_issues(session, count=2)

    response = client.post(
        f"/feedback/{sheet.code}/",
        post_data(issues, [mark, "4"], overall_comment="Kept text"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"mark_{issues[0].pk}": ["Choose one of the marks on the scale."]
    }
    html = response.content.decode()
    assert f'id="id_mark_{issues[0].pk}-error"' in html
    assert f'aria-describedby="id_mark_{issues[0].pk}-error"' in html
    assert '">\nKept text</textarea>' in html
    assert (
        f'name="mark_{issues[1].pk}" value="4" class="form-check-input" aria-describedby'
        not in html
    )
    assert response.context["form"][f"mark_{issues[1].pk}"].value() == "4"
    assert Response.objects.count() == 0
    assert Rating.objects.count() == 0


def test_sheet_two_marks_for_one_issue_are_refused(client, session):
    sheet, issues = sheet_with_issues(session, count=1)

    response = client.post(f"/feedback/{sheet.code}/", {f"mark_{issues[0].pk}": ["5", "1"]})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"mark_{issues[0].pk}": ["Choose only one mark for this issue."]
    }
    assert Response.objects.count() == 0


def test_sheet_issue_of_another_output_is_refused(client, session):
    sheet, issues = sheet_with_issues(session, count=1)
    _, foreign = sheet_with_issues(session, count=1, code="other")

    response = client.post(
        f"/feedback/{sheet.code}/",
        {f"mark_{issues[0].pk}": "5", f"mark_{foreign[0].pk}": "1"},
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        f"This sheet has no issue “{foreign[0].pk}”; nothing was saved."
    ]
    assert Response.objects.count() == 0
    assert Rating.objects.count() == 0


def test_sheet_hidden_issue_cannot_be_rated(client, session):
    sheet, issues = sheet_with_issues(session, count=2)
    issues[1].is_hidden = True
    issues[1].save()

    response = client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5", "5"]))

    assert response.status_code == 400
    assert Rating.objects.count() == 0


def test_sheet_comment_over_the_limit_is_refused_and_kept(client, session):
    sheet, issues = sheet_with_issues(session, count=1)
    long_comment = "x" * 10_000

    response = client.post(
        f"/feedback/{sheet.code}/",
        post_data(issues, ["5"], **{f"comment_{issues[0].pk}": long_comment}),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"comment_{issues[0].pk}": ["Ensure this value has at most 2000 characters (it has 10000)."]
    }
    assert response.context["form"][f"comment_{issues[0].pk}"].value() == long_comment
    assert Response.objects.count() == 0


def test_sheet_comment_without_a_mark_is_refused(client, session):
    sheet, issues = sheet_with_issues(session, count=1)

    response = client.post(f"/feedback/{sheet.code}/", {f"comment_{issues[0].pk}": "Hmm"})

    assert response.context["form"].errors == {
        f"mark_{issues[0].pk}": ["Choose a mark for this issue, or leave its comment empty."]
    }
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    "field,value,message",
    [
        (
            "stakeholder_group",
            "alien",
            "Select a valid choice. alien is not one of the available choices.",
        ),
        ("region", "mars", "Select a valid choice. mars is not one of the available choices."),
        (
            "attendance",
            "asleep",
            "Select a valid choice. asleep is not one of the available choices.",
        ),
    ],
)
def test_sheet_profile_value_outside_the_lists_is_refused(client, session, field, value, message):
    sheet, issues = sheet_with_issues(session, count=1)

    response = client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"], **{field: value}))

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    assert Response.objects.count() == 0


def test_sheet_contact_details_need_consent(client, session):
    sheet, issues = sheet_with_issues(session, count=1)

    response = client.post(
        f"/feedback/{sheet.code}/",
        post_data(issues, ["5"], contact_email="ana@example.org", contact_name="Ana"),
    )

    assert response.context["form"].errors == {
        "contact_name": ["Tick the consent box to leave contact details, or leave this empty."],
        "contact_email": ["Tick the consent box to leave contact details, or leave this empty."],
    }
    assert Response.objects.count() == 0


def test_sheet_contact_details_with_consent_are_stored_and_invalid_email_refused(client, session):
    sheet, issues = sheet_with_issues(session, count=1)

    bad = client.post(
        f"/feedback/{sheet.code}/",
        post_data(issues, ["5"], contact_consent="on", contact_email="not-an-email"),
    )
    good = client.post(
        f"/feedback/{sheet.code}/",
        post_data(issues, ["5"], contact_consent="on", contact_email="ana@example.org"),
    )

    assert bad.context["form"].errors == {"contact_email": ["Enter a valid email address."]}
    assert good.status_code == 302
    assert Response.objects.values_list("contact_consent", "contact_email").get() == (
        True,
        "ana@example.org",
    )


def test_sheet_html_in_comments_is_stored_as_text_and_escaped(client, session):
    sheet, issues = sheet_with_issues(session, count=1)
    payload = '<script>alert("x")</script><b>bold</b>'
    client.post(
        f"/feedback/{sheet.code}/",
        post_data(issues, ["5"], overall_comment=payload, **{f"comment_{issues[0].pk}": payload}),
    )

    response = client.get(f"/feedback/{sheet.code}/")

    assert Response.objects.get().overall_comment == payload
    assert Rating.objects.get().comment == payload
    html = response.content.decode()
    assert payload not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html
