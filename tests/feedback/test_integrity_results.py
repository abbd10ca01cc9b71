"""Issue 14: organisers' results show each sheet's figures with and without the responses in
flagged bursts; the public results are unchanged; ``manage.py cleanup`` clears the client
evidence 30 days after the sheet closes."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from feedback.models import Response
from tests.feedback.integrity_helpers import VENUE_UA, scripted_burst
from tests.feedback.results_helpers import page as html
from tests.feedback.results_helpers import text
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db


@pytest.fixture
def stuffed(session):
    sheet, issues = sheet_with_issues(session, count=4, code="irpc")
    scripted_burst(sheet, issues, count=25, marks=("5", "5", "5", "5"))
    browser = None
    for marks in (["1", "1", "1", "1"], ["2", "2", "2", "2"]):
        browser = Client(HTTP_USER_AGENT=VENUE_UA)
        browser.get(sheet.get_absolute_url())
        browser.post(sheet.get_absolute_url(), post_data(issues, marks))
    return sheet, issues, browser


def test_organisers_see_the_figures_without_the_flagged_bursts(stuffed, organiser_client):
    sheet, _issues, _browser = stuffed
    page = organiser_client.get(f"/feedback/results/{sheet.code}/")
    assert page.status_code == 200
    text = " ".join(page.content.decode().split())
    assert (
        "25 of these responses are in 1 flagged burst of identical answers: each issue below "
        "also shows its figures without them (2 responses)."
    ) in text
    assert f'href="/feedback/{sheet.code}/integrity/"' in text
    # With the burst: 25 strong agreements of 27 marks; without it: 2 disagreeing marks.
    assert page.context["issues"][0].item.stats["agreement_pct"] == pytest.approx(100 * 25 / 27)
    without = page.context["without_bursts"]
    assert (without.responses, without.bursts, without.respondents) == (25, 1, 2)
    assert (
        text.count(
            "Without the flagged bursts: 2 marks, agreement 0%, disagreement 100%, confusion 0%, "
            "mean 1.5."
        )
        == 4
    )


def test_organisers_without_bursts_get_a_link_and_no_second_figures(session, organiser_client):
    sheet, _issues = sheet_with_issues(session, count=4, code="pal")
    page = organiser_client.get(f"/feedback/results/{sheet.code}/")
    text = page.content.decode()
    assert "What looks scripted on this sheet" in text
    assert "Without the flagged bursts" not in text
    assert page.context["without_bursts"] is None


def test_the_public_results_are_unchanged(stuffed):
    sheet, _issues, browser = stuffed  # a participant who sent the sheet sees its results
    page = browser.get(f"/feedback/results/{sheet.code}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Without the flagged bursts" not in text
    assert "/integrity/" not in text
    assert "flagged burst" not in text


def _cleanup():
    out = io.StringIO()
    call_command("cleanup", stdout=out)
    return out.getvalue()


def test_cleanup_clears_the_client_evidence_30_days_after_the_sheet_closes(stuffed):
    sheet, _issues, _browser = stuffed
    closes = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)
    type(sheet).objects.filter(pk=sheet.pk).update(closes_at=closes)
    with time_machine.travel(closes + timedelta(days=30) - timedelta(seconds=1), tick=False):
        assert "cleared from 0 response(s) whose sheet closed more than 30 days ago" in _cleanup()
    assert Response.objects.exclude(client_hash="").count() == 27
    assert Response.objects.exclude(agent_family="").count() == 27
    with time_machine.travel(closes + timedelta(days=30), tick=False):
        assert "cleared from 27 response(s) whose sheet closed more than 30 days ago" in _cleanup()
    assert set(Response.objects.values_list("client_hash", "agent_family")) == {("", "")}
    # Whether each carried the sheet's cookie stays: it names nobody.
    assert Response.objects.filter(carried_sheet_cookie=False).count() == 25
    with time_machine.travel(closes + timedelta(days=31), tick=False):
        assert "cleared from 0 response(s)" in _cleanup()


def test_cleanup_keeps_the_evidence_of_sheets_still_open(stuffed):
    with time_machine.travel(datetime(2030, 1, 1, tzinfo=UTC), tick=False):
        assert "cleared from 0 response(s)" in _cleanup()
    assert Response.objects.exclude(client_hash="").count() == 27


def test_the_retention_is_a_setting(stuffed, settings):
    sheet, _issues, _browser = stuffed
    settings.FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS = 2
    closes = datetime(2027, 1, 10, tzinfo=UTC)
    type(sheet).objects.filter(pk=sheet.pk).update(closes_at=closes)
    with time_machine.travel(closes + timedelta(days=2), tick=False):
        assert "cleared from 27 response(s) whose sheet closed more than 2 days ago" in _cleanup()


def test_run_the_session_links_each_sheet_to_its_integrity_page(session, organiser_client):
    sheet, _issues = sheet_with_issues(session, count=4, code="irpc")
    text = organiser_client.get("/admin/").content.decode()
    assert f'href="/feedback/{sheet.code}/integrity/"' in text
    assert "What looks scripted" in text


def test_the_organisers_overview_shows_each_flagged_sheet_without_its_bursts(
    stuffed, organiser_client
):
    sheet, _issues, browser = stuffed
    page = organiser_client.get("/feedback/results/")
    summary = text(html(page).xpath("//section[contains(@class, 'integrity-summary')]//li")[0])
    assert summary == (
        "Output irpc : without the 25 responses in 1 flagged burst (2 responses left), "
        "agreement: Issue 1 0%; Issue 2 0%; Issue 3 0%; Issue 4 0%. "
        "Review what looks scripted"
    )
    assert [flagged[0].pk for flagged in page.context["flagged"]] == [sheet.pk]
    # The public overview is unchanged.
    public = browser.get("/feedback/results/")
    assert public.context["flagged"] == []
    assert "flagged burst" not in public.content.decode()


def test_the_organisers_overview_makes_a_fixed_number_of_queries(session, organiser_client):
    sheet, issues = sheet_with_issues(session, count=4, code="irpc")
    scripted_burst(sheet, issues, count=20)
    organiser_client.get("/feedback/results/")  # the results cached once
    with CaptureQueriesContext(connection) as small:
        organiser_client.get("/feedback/results/")
    scripted_burst(sheet, issues, count=60, address="203.0.113.10", marks=("1", "1", "1", "1"))
    other, other_issues = sheet_with_issues(session, count=4, code="pal")
    scripted_burst(other, other_issues, count=20)
    cache.clear()
    organiser_client.get("/feedback/results/")
    with CaptureQueriesContext(connection) as large:
        page = organiser_client.get("/feedback/results/")
    assert [flagged[1].bursts for flagged in page.context["flagged"]] == [2, 1]
    assert len(small.captured_queries) == len(large.captured_queries)
