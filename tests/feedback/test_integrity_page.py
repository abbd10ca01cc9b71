"""Issue 14, ballot stuffing made visible: what each online response records, the organisers'
integrity page (responses without the sheet's cookie, bursts of identical answers) and its
one-action withdrawal of a group."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from feedback.client_evidence import client_hash
from feedback.models import Response
from tests.factories import make_user
from tests.feedback.integrity_helpers import SCRIPT_UA, scripted_burst, venue_pattern
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet4(session):
    return sheet_with_issues(session, count=4, code="irpc")


def _url(sheet):
    return f"/feedback/{sheet.code}/integrity/"


def _evidence():
    return list(
        Response.objects.order_by("pk").values_list(
            "channel", "carried_sheet_cookie", "agent_family", "client_hash"
        )
    )


def test_a_browser_carries_the_sheet_cookie_and_its_evidence_is_recorded(sheet4, session):
    sheet, issues = sheet4
    browser = Client(REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="curl/8.5.0")
    page = browser.get(sheet.get_absolute_url())
    assert "igf_respondent" in page.cookies  # the sheet page sets the respondent cookie
    assert browser.post(sheet.get_absolute_url(), post_data(issues, ["5"])).status_code == 302
    assert _evidence() == [
        ("online", True, "curl", client_hash("198.51.100.7", session.pk)),
    ]
    stored = Response.objects.get()
    assert "198.51.100.7" not in str(Response.objects.values().get())
    assert len(stored.client_hash) == 64


def test_a_scripted_burst_is_flagged_in_both_lists(sheet4, organiser_client):
    sheet, issues = sheet4
    assert scripted_burst(sheet, issues, count=25) == {302}
    assert Response.objects.count() == 25
    assert set(_evidence()) == {
        ("online", False, "python", client_hash("203.0.113.9", sheet.output.session_id))
    }
    page = organiser_client.get(_url(sheet))
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    integrity = page.context["integrity"]
    assert len(integrity.without_cookie) == 25
    assert [(burst.size, burst.agent_family) for burst in integrity.bursts] == [(25, "python")]
    assert integrity.burst_pks == set(Response.objects.values_list("pk", flat=True))
    text = page.content.decode()
    assert "25 responses sent without the cookie" in text
    assert "25 identical responses (python)" in text
    assert "1 burst, 25 responses in all." in text


def test_a_venues_normal_pattern_is_not_flagged(sheet4, organiser_client):
    sheet, issues = sheet4
    assert venue_pattern(sheet, issues, count=30) == {302}
    assert Response.objects.count() == 30
    assert {row[:3] for row in _evidence()} == {("online", True, "Chrome/Android")}
    assert len({row[3] for row in _evidence()}) == 1  # one address for the whole venue
    integrity = organiser_client.get(_url(sheet)).context["integrity"]
    assert integrity.without_cookie == []
    assert integrity.bursts == []


def test_identical_answers_on_a_three_issue_sheet_are_not_a_burst(session, organiser_client):
    sheet, issues = sheet_with_issues(session, count=3, code="pal")
    scripted_burst(sheet, issues, count=25, marks=("5", "5", "5"))
    page = organiser_client.get(_url(sheet))
    assert len(page.context["integrity"].without_cookie) == 25
    assert page.context["integrity"].bursts == []
    assert "Not looked for: this sheet shows fewer than 4 issues" in page.content.decode()


def test_only_organisers(sheet4, client):
    sheet, _issues = sheet4
    anonymous = client.get(_url(sheet))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    client.force_login(make_user())
    assert client.get(_url(sheet)).status_code == 403
    assert client.post(_url(sheet), {"group": "cookie", "cookie-confirm": "on"}).status_code == 403


def test_unknown_sheet_is_404(organiser_client, session):
    assert organiser_client.get("/feedback/nosuch/integrity/").status_code == 404


def test_a_burst_is_withdrawn_in_one_confirmed_action_and_recorded(
    sheet4, organiser_client, organiser
):
    sheet, issues = sheet4
    scripted_burst(sheet, issues, count=25)
    venue_pattern(sheet, issues, count=3)
    burst = organiser_client.get(_url(sheet)).context["integrity"].bursts[0]
    key = f"burst-{burst.pks[0]}"
    done = organiser_client.post(
        _url(sheet),
        {"group": key, "responses": ",".join(map(str, burst.pks)), f"{key}-confirm": "on"},
        follow=True,
    )
    assert done.redirect_chain == [(_url(sheet), 302)]
    assert "25 responses withdrawn: they stay stored but no longer count." in done.content.decode()
    withdrawn = Response.objects.filter(withdrawn_at__isnull=False)
    assert sorted(withdrawn.values_list("pk", flat=True)) == burst.pks
    assert set(withdrawn.values_list("withdrawn_by", flat=True)) == {organiser.pk}
    assert Response.objects.counted().count() == 3
    assert Response.objects.count() == 28  # still stored
    # Withdrawn responses are no longer listed.
    integrity = done.context["integrity"]
    assert integrity.bursts == [] and integrity.without_cookie == []


def test_the_cookie_group_is_withdrawn_in_one_action(sheet4, organiser_client):
    sheet, issues = sheet4
    for n in range(3):  # three scripted posts with different answers: no burst
        Client(HTTP_USER_AGENT=SCRIPT_UA).post(
            sheet.get_absolute_url(), post_data(issues, [str(n + 1)])
        )
    venue_pattern(sheet, issues, count=2)
    seen = organiser_client.get(_url(sheet)).context["integrity"].without_cookie_pks
    response = organiser_client.post(
        _url(sheet),
        {"group": "cookie", "responses": ",".join(map(str, seen)), "cookie-confirm": "on"},
    )
    assert response.status_code == 302
    assert list(Response.objects.counted().values_list("carried_sheet_cookie", flat=True)) == [
        True,
        True,
    ]


def test_withdrawing_without_the_confirm_box_withdraws_nothing(sheet4, organiser_client):
    sheet, issues = sheet4
    scripted_burst(sheet, issues, count=20)
    pks = list(Response.objects.order_by("created_at", "pk").values_list("pk", flat=True))
    key = f"burst-{pks[0]}"
    refused = organiser_client.post(
        _url(sheet), {"group": key, "responses": ",".join(map(str, pks))}
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert f'id="id_{key}-confirm-error"' in text
    assert "Tick the box to confirm; nothing was withdrawn." in text
    assert Response.objects.counted().count() == 20


@pytest.mark.parametrize("group", ["", "burst-999999", "cookie", "x" * 300])
def test_an_unknown_group_withdraws_nothing(sheet4, organiser_client, group):
    sheet, issues = sheet4
    scripted_burst(sheet, issues, count=20, marks=("1", "2", "3", "4"))
    venue_pattern(sheet, issues, count=1)
    Response.objects.filter(carried_sheet_cookie=False).update(carried_sheet_cookie=None)
    refused = organiser_client.post(_url(sheet), {"group": group, f"{group}-confirm": "on"})
    assert refused.status_code == 400
    assert "That group is no longer flagged" in refused.content.decode()
    assert Response.objects.counted().count() == 21


def test_paper_responses_record_no_client_evidence(sheet4, organiser_client):
    sheet, issues = sheet4
    organiser_client.post(
        f"/feedback/{sheet.code}/enter/",
        {"entry_key": "k1", f"mark_{issues[0].pk}": "5"},
    )
    assert _evidence() == [("paper", None, "", "")]


def test_the_page_makes_a_fixed_number_of_queries(sheet4, organiser_client):
    sheet, issues = sheet4
    scripted_burst(sheet, issues, count=20)
    with CaptureQueriesContext(connection) as small:
        organiser_client.get(_url(sheet))
    scripted_burst(sheet, issues, count=40, address="203.0.113.10", marks=("1", "1", "1", "1"))
    venue_pattern(sheet, issues, count=5)
    with CaptureQueriesContext(connection) as large:
        page = organiser_client.get(_url(sheet))
    assert len(page.context["integrity"].bursts) == 2
    assert len(small.captured_queries) == len(large.captured_queries) == 8


@pytest.mark.parametrize("seen", ["", "1,2", "x", "1,,2", "9" * 30])
def test_a_group_changed_since_it_was_reviewed_withdraws_nothing(sheet4, organiser_client, seen):
    sheet, issues = sheet4
    scripted_burst(sheet, issues, count=20)
    page = organiser_client.get(_url(sheet))
    pks = sorted(page.context["integrity"].burst_pks)
    assert f'name="responses" value="{",".join(map(str, pks))}"' in page.content.decode()
    key = page.context["bursts"][0][1].prefix
    refused = organiser_client.post(
        _url(sheet), {"group": key, "responses": seen, f"{key}-confirm": "on"}
    )
    assert refused.status_code == 400
    assert Response.objects.counted().count() == 20


def test_a_burst_grown_since_it_was_reviewed_withdraws_nothing(sheet4, organiser_client):
    sheet, issues = sheet4
    scripted_burst(sheet, issues, count=20)
    page = organiser_client.get(_url(sheet))
    burst = page.context["integrity"].bursts[0]
    scripted_burst(sheet, issues, count=2)  # two more join it before the organiser confirms
    key = f"burst-{burst.pks[0]}"
    refused = organiser_client.post(
        _url(sheet),
        {"group": key, "responses": ",".join(map(str, burst.pks)), f"{key}-confirm": "on"},
    )
    assert refused.status_code == 400
    assert "That group is no longer flagged" in refused.content.decode()
    assert Response.objects.counted().count() == 22
