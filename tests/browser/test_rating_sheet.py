"""A participant rates an output on a phone with the keyboard only; the sheet's focus order."""

import pytest
from playwright.sync_api import expect

from feedback.models import Mark, Rating, Response
from tests.browser.helpers import PHONE, focus_ring, focused, has_focus, tab_to

pytestmark = pytest.mark.browser


def test_participant_rates_a_sheet_with_the_keyboard_on_a_phone(site, new_context):
    page = new_context(viewport=PHONE).new_page()
    first, second = site.issues

    page.goto("/feedback/")
    expect(page.get_by_text("0 of 1 done.")).to_be_visible()
    tab_to(page, page.get_by_role("link", name=site.output.title))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(site.output.title)

    # Issue 1: Tab into its marks (the first one takes the focus), Space picks it.
    tab_to(page, page.get_by_role("radio", name="Strong agreement").first)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    issue_1 = page.get_by_role("group", name=f"1. {first.title}")
    expect(issue_1.get_by_label("Comment")).to_be_focused()
    page.keyboard.type("Yes, in every town.")
    # Issue 2: the arrow keys move along the scale and pick as they go.
    page.keyboard.press("Tab")
    issue_2 = page.get_by_role("group", name=f"2. {second.title}")
    expect(issue_2.get_by_role("radio", name="Strong agreement")).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(issue_2.get_by_role("radio", name="Neutral")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Send my answers"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your answers are saved")
    response = Response.objects.get(sheet=site.sheet)
    marks = dict(response.ratings.values_list("issue_id", "mark"))
    assert marks == {first.pk: Mark.STRONG_AGREEMENT, second.pk: Mark.NEUTRAL}
    assert Rating.objects.get(response=response, issue=first).comment == "Yes, in every town."

    # Back to the list, then the sheet again: one mark changed, the rest kept.
    page.goto("/feedback/")
    expect(page.get_by_text("1 of 1 done.")).to_be_visible()
    tab_to(page, page.get_by_role("link", name=site.output.title))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="already sent")).to_be_visible()
    issue_2 = page.get_by_role("group", name=f"2. {second.title}")
    # Tabbing into a group with a mark focuses that mark.
    tab_to(page, issue_2.get_by_role("radio", name="Neutral"))
    page.keyboard.press("ArrowDown")
    expect(issue_2.get_by_role("radio", name="Disagreement", exact=True)).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Update my answers"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you: your answers are saved")
    assert Response.objects.count() == 1
    assert dict(Response.objects.get().ratings.values_list("issue_id", "mark")) == {
        first.pk: Mark.STRONG_AGREEMENT,
        second.pk: Mark.DISAGREEMENT,
    }


def test_sheet_focus_order_follows_the_sheet_with_a_visible_ring(site, page):
    first, second = site.issues
    page.goto(f"/feedback/{site.sheet.code}/")

    page.keyboard.press("Tab")
    assert has_focus(page.get_by_role("link", name="Skip to main content"))
    assert _ring_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()

    order = []
    for _ in range(40):
        page.keyboard.press("Tab")
        element = focused(page)
        assert _ring_is_visible(page), f"no visible focus ring on {element}"
        order.append(_short(element))
        if element["tag"] == "button":
            break

    legend_1, legend_2 = f"1. {first.title}", f"2. {second.title}"
    assert order == [
        "link: All rating sheets",
        f"radio: Strong agreement ({legend_1})",
        f"textarea: Comment (optional) ({legend_1})",
        f"radio: Strong agreement ({legend_2})",
        f"textarea: Comment (optional) ({legend_2})",
        "textarea: Overall comment on the output (About the output as a whole)",
        "select: Your stakeholder group (About you (optional))",
        "select: Your UN regional group (About you (optional))",
        "select: You are taking part (About you (optional))",
        # The contact section is folded away (<details>): its summary, then the bar's button.
        "summary: Contact details (optional)",
        "button: Send my answers",
    ]


def _ring_is_visible(page) -> bool:
    ring = focus_ring(page)
    return ring["style"] != "none" and ring["width"] not in {"0px", ""}


def _short(element: dict) -> str:
    if element["type"] in {"radio", "checkbox"}:
        kind = element["type"]
    else:
        kind = {"a": "link"}.get(element["tag"], element["tag"])
    group = f" ({element['group']})" if element["group"] else ""
    return f"{kind}: {element['name']}{group}"
