"""A coalition's coordinator logs in, uploads a new version of the output and adds an issue."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coalitions.models import Issue
from feedback.services import sheet_save
from tests.browser.data import PASSWORD, PDF_BYTES

pytestmark = pytest.mark.browser


def test_coordinator_uploads_a_new_version_and_adds_an_issue(site, page):
    # Before the sheet opens, coordinators may still change the issues.
    site.sheet.opens_at = timezone.now() + timedelta(days=1)
    sheet_save(sheet=site.sheet)
    manage = f"/coalitions/{site.coalition.slug}/manage/"

    page.goto(manage)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Username").fill(site.coordinator.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(manage)}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Portal of {site.coalition.name}")
    page.get_by_role("link", name=site.output.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(site.output.title)

    _field(page, "Document").set_input_files(
        files=[
            {
                "name": "principles-v2.pdf",
                "mimeType": "application/pdf",
                "buffer": PDF_BYTES + b"% second version\n",
            }
        ]
    )
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Version 2 was uploaded.")
    versions = page.get_by_role("table", name="Every uploaded version, newest first")
    expect(versions.get_by_role("row").nth(1)).to_contain_text("principles-v2.pdf")
    expect(versions.get_by_role("link", name="Version 2")).to_be_visible()

    issues = page.get_by_role("region", name="Main issues")
    _field(issues, "Title").fill("Libraries need trained staff")
    _field(issues, "Short summary").fill("Access without help is not access.")
    _field(issues, "Reference in the document").fill("§ 3")
    issues.get_by_role("button", name="Add the issue").click()

    expect(page.get_by_role("status")).to_have_text("The issue was added.")
    listed = page.get_by_role("region", name="Main issues").get_by_role("listitem")
    expect(listed).to_have_count(3)
    expect(listed.nth(2)).to_contain_text("3. Libraries need trained staff")
    assert list(Issue.objects.filter(output=site.output).values_list("title", "reference")) == [
        ("Libraries offer public access to the Internet", "§ 1"),
        ("Public access needs public funding", "§ 2"),
        ("Libraries need trained staff", "§ 3"),
    ]
    assert [v.original_name for v in site.output.versions.order_by("number")] == [
        "principles.pdf",
        "principles-v2.pdf",
    ]


def _field(scope, label: str):
    """A form field by its label, which crispy-forms ends with "*" when the field is required."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))
