"""The participant's flow: list, fill in, edit, thank-you; closed sheets; bad input."""

from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.test import Client

from feedback.models import Rating, Response
from feedback.respondent import COOKIE_NAME, token_hash
from tests.factories import make_issue, make_output, make_session, make_sheet

pytestmark = pytest.mark.django_db

OPEN = datetime(2015, 11, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def session():
    return make_session(is_current=True)


def sheet_with_issues(session, count=3, code="irpc", **sheet_fields):
    output = make_output(session=session, title=f"Output {code}")
    issues = [
        make_issue(output=output, position=n, title=f"Issue {n}") for n in range(1, count + 1)
    ]
    sheet = make_sheet(output=output, code=code, opens_at=OPEN, **sheet_fields)
    return sheet, issues


def post_data(issues, marks, **extra):
    data = {f"mark_{issue.pk}": mark for issue, mark in zip(issues, marks, strict=False) if mark}
    data.update(extra)
    return data


def respondent_of(client: Client) -> str:
    cookie = client.cookies[COOKIE_NAME].value
    token = cookie.split(":")[0]
    return token_hash(token)


def test_sheet_page_lists_issues_as_fieldsets_with_the_scale(client, session):
    sheet, issues = sheet_with_issues(session, count=2)

    response = client.get(f"/feedback/{sheet.code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<fieldset class="issue card mb-4"') == 2
    assert '<legend class="h5">1. Issue 1</legend>' in html
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

    assert response.context["form"].initial == {
        "stakeholder_group": "",
        "region": "",
        "attendance": "",
    }
    assert Response.objects.count() == 2


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


def test_sheet_rate_limit_per_respondent(client, session, settings):
    settings.FEEDBACK_RATE_PER_RESPONDENT = 2
    sheet, issues = sheet_with_issues(session, count=1)

    codes = [
        client.post(f"/feedback/{sheet.code}/", post_data(issues, [mark])).status_code
        for mark in ["5", "4", "3"]
    ]

    assert codes == [302, 302, 429]
    assert Rating.objects.get().mark == "4"


def test_sheet_one_address_serves_a_whole_room(session, settings):
    settings.FEEDBACK_RATE_PER_RESPONDENT = 1
    sheet, issues = sheet_with_issues(session, count=1)

    codes = [
        Client()
        .post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]), REMOTE_ADDR="198.51.100.1")
        .status_code
        for _ in range(40)
    ]

    assert codes == [302] * 40
    assert Response.objects.count() == 40


def test_sheet_address_ceiling_is_configurable(session, settings):
    settings.FEEDBACK_RATE_PER_ADDRESS = 3
    sheet, issues = sheet_with_issues(session, count=1)

    codes = [
        Client()
        .post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]), REMOTE_ADDR="198.51.100.1")
        .status_code
        for _ in range(4)
    ]

    assert codes == [302, 302, 302, 429]
    assert Response.objects.count() == 3


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

    with django_assert_num_queries(5):
        client.get(f"/feedback/{sheet.code}/")


@pytest.mark.parametrize("count", [5, 25])
def test_sheet_submission_queries_do_not_grow_with_issues(
    client, session, django_assert_num_queries, count
):
    sheet, issues = sheet_with_issues(session, count=count)
    data = post_data(issues, ["4"] * count)

    with django_assert_num_queries(16):
        client.post(f"/feedback/{sheet.code}/", data)

    assert Rating.objects.count() == count


def test_sheet_address_ceiling_counts_the_client_behind_the_proxy(session, settings):
    settings.FEEDBACK_RATE_PER_ADDRESS = 2
    settings.TRUSTED_PROXY_COUNT = 1
    sheet, issues = sheet_with_issues(session, count=1)

    def post_from(address):
        return (
            Client()
            .post(
                f"/feedback/{sheet.code}/",
                post_data(issues, ["5"]),
                REMOTE_ADDR="10.0.0.2",
                HTTP_X_FORWARDED_FOR=address,
            )
            .status_code
        )

    codes = [post_from("198.51.100.1"), post_from("198.51.100.1"), post_from("198.51.100.2")]

    assert codes == [302, 302, 302]
    assert post_from("198.51.100.1") == 429
