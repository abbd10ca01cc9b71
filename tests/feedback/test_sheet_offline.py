"""Issue 15: what the server guarantees to a sheet queued on a phone and sent late. The queued
request is the form's own fields, CSRF token included, posted again as they were."""

from datetime import UTC, datetime
from urllib.parse import urlencode

import lxml.html
import pytest
from django.conf import settings
from django.test import Client

from feedback.models import Rating, RatingSheet, Response
from tests.feedback.sheet_helpers import sheet_with_issues

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


def _queued_body(client, code, marks):
    """What sheet.js queues: every field of the form as the page rendered it, marks picked."""
    page = client.get(f"/feedback/{code}/")
    tree = lxml.html.fromstring(page.content)
    fields = {
        field.get("name"): field.get("value")
        for field in tree.xpath("//form[contains(@class, 'rating-sheet')]//input[@type='hidden']")
    }
    fields.update(marks)
    return urlencode(fields)


def test_a_queued_sheet_sent_twice_is_one_response(session):
    _sheet, issues = sheet_with_issues(session, count=2)
    client = Client(enforce_csrf_checks=True)
    body = _queued_body(client, "irpc", {f"mark_{issues[0].pk}": "4"})

    first = client.post("/feedback/irpc/", body, content_type=FORM)
    second = client.post("/feedback/irpc/", body, content_type=FORM)

    assert (first.status_code, first["Location"]) == (302, "/feedback/irpc/thanks/")
    assert (second.status_code, second["Location"]) == (302, "/feedback/irpc/thanks/")
    assert Response.objects.count() == 1
    assert list(Rating.objects.values_list("issue_id", "mark")) == [(issues[0].pk, "4")]


def test_the_csrf_token_travels_with_the_queued_sheet(session):
    _sheet, issues = sheet_with_issues(session, count=1)
    client = Client(enforce_csrf_checks=True)
    body = _queued_body(client, "irpc", {f"mark_{issues[0].pk}": "5"})
    # The device lost the page long ago; only the queued body and the cookie jar remain.
    client.get("/agenda/")

    sent = client.post("/feedback/irpc/", body, content_type=FORM)

    assert (sent.status_code, sent["Location"]) == (302, "/feedback/irpc/thanks/")
    assert Response.objects.count() == 1


def test_a_queued_sheet_without_its_csrf_cookie_is_refused_and_stores_nothing(session):
    _sheet, issues = sheet_with_issues(session, count=1)
    body = _queued_body(Client(enforce_csrf_checks=True), "irpc", {f"mark_{issues[0].pk}": "5"})

    refused = Client(enforce_csrf_checks=True).post("/feedback/irpc/", body, content_type=FORM)

    assert refused.status_code == 403
    assert Response.objects.count() == 0


def test_the_csrf_cookie_lives_a_year(settings):
    # What the README promises: a sheet queued today may be sent for a year.
    assert settings.CSRF_COOKIE_AGE == 60 * 60 * 24 * 7 * 52


def test_a_queued_sheet_sent_after_the_sheet_closed_gets_the_clear_refusal(session):
    sheet, issues = sheet_with_issues(session, count=1)
    client = Client(enforce_csrf_checks=True)
    body = _queued_body(client, "irpc", {f"mark_{issues[0].pk}": "5"})
    RatingSheet.objects.filter(pk=sheet.pk).update(closes_at=datetime(2015, 11, 2, tzinfo=UTC))

    refused = client.post("/feedback/irpc/", body, content_type=FORM)

    assert refused.status_code == 409
    alert = lxml.html.fromstring(refused.content).xpath("//main//div[contains(@class,'alert')]")
    assert " ".join(alert[0].text_content().split()) == (
        "Your answers were not saved. This rating sheet closed on 1 November 2015, 21:00 "
        "(America/Fortaleza)."
    )
    assert Response.objects.count() == 0


def test_the_thanks_page_tells_the_device_which_sheet_it_may_forget(client, session):
    _sheet, issues = sheet_with_issues(session, count=1)
    client.post("/feedback/irpc/", {f"mark_{issues[0].pk}": "3"})

    thanks = client.get("/feedback/irpc/thanks/")
    unsent = Client().get("/feedback/irpc/thanks/")

    assert lxml.html.fromstring(thanks.content).xpath("//@data-sent-sheet") == ["/feedback/irpc/"]
    assert lxml.html.fromstring(unsent.content).xpath("//@data-sent-sheet") == []


def test_every_page_carries_the_offline_strings_and_scripts(client, session):
    sheet_with_issues(session, count=1)

    page = lxml.html.fromstring(client.get("/feedback/irpc/").content)

    status = page.get_element_by_id("offline-status")
    assert (status.get("role"), status.get("aria-live"), status.text_content()) == (
        "status",
        "polite",
        "",
    )
    assert status.get("data-restored") == "Your unsent answers were restored."
    assert status.get("data-queued") == (
        "Saved on this phone: your answers will be sent when you are back online. Keep this "
        "page open or come back to the site later."
    )
    assert page.xpath("//body/@data-service-worker") == ["/sw.js"]
    assert page.xpath("//link[@rel='manifest']/@href") == ["/manifest.webmanifest"]
    assert [src.rsplit("/", 1)[-1] for src in page.xpath("//script/@src")] == [
        "offline.js",
        "sheet.js",
    ]
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["worker-src"] == ["'self'"]
