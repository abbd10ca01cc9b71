"""The sheet's promise names where results will be; the thank-you page links to them; the bar's
count and the folded contact section, as the server sends them."""

import pytest

from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db


def test_sheet_promise_names_the_results_pages(client, session):
    sheet, _ = sheet_with_issues(session, count=1)

    html = client.get(f"/feedback/{sheet.code}/").content.decode()

    assert "Once you have sent the sheet, its results are on the Results pages." in html


def test_thanks_page_links_to_the_sheets_results_and_all_results(client, session):
    sheet, issues = sheet_with_issues(session, count=1)
    client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5"]))

    html = client.get(f"/feedback/{sheet.code}/thanks/").content.decode()

    assert (
        f'See how everyone rated it on <a href="/feedback/results/{sheet.code}/">this sheet\'s '
        'results</a>, or <a href="/feedback/results/">all the results</a>.'
    ) in html


def test_bar_counts_the_stored_marks_when_a_sheet_is_edited(client, session):
    sheet, issues = sheet_with_issues(session, count=3)
    client.post(f"/feedback/{sheet.code}/", post_data(issues, ["5", "confusion", ""]))

    html = client.get(f"/feedback/{sheet.code}/").content.decode()

    assert ">2 of 3 rated</p>" in html
    assert '<details class="contact-details mb-4">' in html


def test_contact_section_is_open_when_it_holds_an_error(client, session):
    sheet, issues = sheet_with_issues(session, count=2)

    response = client.post(
        f"/feedback/{sheet.code}/", post_data(issues, ["4", ""], contact_name="Ana")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert '<details class="contact-details mb-4" open>' in html
    assert ">1 of 2 rated</p>" in html
    assert 'value="Ana"' in html
