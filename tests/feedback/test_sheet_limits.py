"""Submission limits: per respondent, and a ceiling per client address that fits a room."""

import pytest
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
