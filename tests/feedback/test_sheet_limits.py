"""Submission limits: per respondent, and a ceiling per client address that fits a room."""

from datetime import UTC, datetime, timedelta

import lxml.html
import pytest
import time_machine
from django.test import Client

from feedback.models import Rating, Response
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db


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


# Issue 14: the refusal says the real wait and sends Retry-After in seconds.
def _refusal_after(client, sheet, issues, seconds):
    start = datetime(2015, 11, 12, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]))
        traveller.move_to(start + timedelta(seconds=seconds))
        return client.post(f"/feedback/{sheet.code}/", post_data(issues, ["4"]))


def _alert(response):
    tree = lxml.html.fromstring(response.content)
    return [" ".join(a.text_content().split()) for a in tree.xpath("//*[@role='alert']")]


@pytest.mark.parametrize(
    ("seconds", "retry_after", "wait"),
    [
        (0, "600", "10 minutes"),
        (500, "100", "2 minutes"),
        (529, "71", "1 minute"),
        (555, "45", "45 seconds"),
        (599, "1", "1 second"),
    ],
)
def test_sheet_rate_limit_says_the_real_wait(client, session, settings, seconds, retry_after, wait):
    settings.FEEDBACK_RATE_PER_RESPONDENT = 1
    sheet, issues = sheet_with_issues(session, count=1)

    refused = _refusal_after(client, sheet, issues, seconds)

    assert refused.status_code == 429
    assert refused["Retry-After"] == retry_after
    assert _alert(refused) == [
        "Too many submissions from this device or network in a short time. Your answers are "
        f"kept below; please wait {wait} and send them again."
    ]
    assert Rating.objects.get().mark == "5"
