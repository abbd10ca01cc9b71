"""The organisers' dashboard in a browser: "Run the session" on the admin's index, its buttons,
and the rating sheets' admin list on a 1,280-px laptop screen without sideways scrolling."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import describe_violations
from tests.factories import make_output, make_sheet

pytestmark = pytest.mark.browser

PAGE_WIDTH = "document.documentElement.scrollWidth"


def test_run_the_session_closes_and_opens_a_sheet_with_its_buttons(site, new_context):
    page = new_context(user=site.organiser).new_page()
    page.goto("/admin/")
    row = page.locator(f"#run-sheet-{site.sheet.code}")
    expect(page.get_by_role("heading", name="Run the session", exact=True)).to_be_visible()
    expect(row).to_contain_text("Open now")

    row.get_by_role("button", name=f"Close {site.sheet.code} now").click()

    expect(page).to_have_url(f"{page.url.split('/admin/')[0]}/admin/")
    expect(page.locator(".messagelist")).to_contain_text("1 rating sheet is closed now.")
    expect(row).to_contain_text("Closed")

    row.get_by_role("button", name=f"Open {site.sheet.code} again").click()

    expect(row).to_contain_text("Open now")
    assert page.evaluate(PAGE_WIDTH) <= 1280


def test_rating_sheet_list_fits_a_1280_px_screen(site, new_context):
    for n in range(3):
        output = make_output(
            session=site.session,
            title=f"Best Practice Forum on Gender and Access, the long output title number {n}",
        )
        make_sheet(output=output, code=f"longcode{n}")
    page = new_context(user=site.organiser).new_page()
    page.goto("/admin/feedback/ratingsheet/")
    expect(page.locator("#result_list")).to_be_visible()

    assert page.evaluate(PAGE_WIDTH) <= 1280
    # The admin puts the table in a box that scrolls sideways: the table must fit that box too.
    results = page.locator("#changelist .results")
    assert results.evaluate("box => box.scrollWidth - box.clientWidth") == 0


@pytest.mark.parametrize("language", ["en", "ar"])
def test_run_the_session_passes_axe(site, new_context, axe, language):
    page = new_context(user=site.organiser, language=language).new_page()
    page.goto("/admin/")
    expect(page.locator("#run-sheets")).to_be_visible()

    violations = axe(page)

    assert violations == [], describe_violations(violations)


# Issue 12, the declarations' review (helper C): a coalition's declaration waits on "Run the
# session"; the organiser accepts it there, or sends it back with a note on its own page.


def _waiting_declaration(site):
    from coalitions.models import Output
    from tests.factories import make_coalition

    return make_output(
        session=site.session,
        coalition=make_coalition(name="Dynamic Coalition on Accessibility", acronym="DCAD"),
        title="Accessibility guidelines",
        status=Output.Status.FINAL,
        review_state=Output.Review.WAITING,
    )


def test_run_the_session_accepts_a_waiting_declaration(site, new_context):
    output = _waiting_declaration(site)
    page = new_context(user=site.organiser).new_page()
    page.goto("/admin/")
    row = page.locator(f"#run-declaration-{output.pk}")
    expect(row).to_contain_text("Accessibility guidelines")

    row.get_by_role("button", name="Accept the declaration of DCAD").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "The declaration of “Accessibility guidelines” (DCAD) is accepted."
    )
    expect(page.locator(f"#run-declaration-{output.pk}")).to_have_count(0)
    expect(page.locator("#run-declarations")).to_contain_text("No declaration is waiting")
    output.refresh_from_db()
    assert output.review_state == "accepted"


def test_send_back_keeps_the_note_after_an_error_and_passes_axe(site, new_context, axe):
    output = _waiting_declaration(site)
    page = new_context(user=site.organiser).new_page()
    page.goto("/admin/")
    page.locator(f"#run-declaration-{output.pk}").get_by_role(
        "link", name="Send back with a note"
    ).click()
    note = page.get_by_label("Note to the coalition")
    note.fill("   ")
    page.get_by_role("button", name="Send back with this note").click()

    expect(page.locator(".errorlist")).to_contain_text("Tell the coalition what to change")
    expect(page.get_by_label("Note to the coalition")).to_be_focused()
    violations = axe(page)
    assert violations == [], describe_violations(violations)

    page.get_by_label("Note to the coalition").fill("Upload the final file first.")
    page.get_by_role("button", name="Send back with this note").click()

    expect(page.locator(".messagelist")).to_contain_text("was sent back with your note.")
    output.refresh_from_db()
    assert (output.review_state, output.review_note) == (
        "sent_back",
        "Upload the final file first.",
    )
