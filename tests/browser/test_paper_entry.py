"""A staff member types in a paper sheet: digits, Enter to save and start the next one."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Mark, Response

pytestmark = pytest.mark.browser


def test_staff_types_in_a_paper_sheet_and_it_is_listed(site, new_context):
    first, second = site.issues
    page = new_context(user=site.organiser).new_page()
    page.goto(f"/feedback/{site.sheet.code}/enter/")
    expect(page.get_by_text("None yet.")).to_be_visible()

    # The first mark box has the focus; each digit moves on to the next box.
    expect(page.get_by_label(f"1. {first.title}")).to_be_focused()
    page.keyboard.type("4")
    expect(page.get_by_label(f"2. {second.title}")).to_be_focused()
    page.keyboard.type("0")
    page.keyboard.press("Enter")

    expect(page.get_by_role("table", name="1 paper response")).to_be_visible()
    response = Response.objects.get(sheet=site.sheet)
    expect(page.get_by_role("status")).to_have_text(
        f"Paper response #{response.pk} saved. Type in the next sheet."
    )
    table = page.get_by_role("table", name="1 paper response")
    row = table.get_by_role("row").nth(1)
    expect(row.get_by_role("cell")).to_have_text(
        [
            str(response.pk),
            site.organiser.username,
            re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$"),
            "Counted",
            re.compile(rf"Correct #{response.pk}\s*Withdraw #{response.pk}"),
        ]
    )
    expect(row.get_by_role("link", name=f"Correct #{response.pk}")).to_be_visible()
    # Ready for the next sheet: an empty form with the focus on the first box.
    expect(page.get_by_label(f"1. {first.title}")).to_be_focused()
    expect(page.get_by_label(f"1. {first.title}")).to_have_value("")

    assert (response.channel, response.entered_by) == (Response.Channel.PAPER, site.organiser)
    assert dict(response.ratings.values_list("issue_id", "mark")) == {
        first.pk: Mark.AGREEMENT,
        second.pk: Mark.CONFUSION,
    }
