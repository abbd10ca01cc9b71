"""A remote participant follows /agenda/now/ while an organiser moves the session on."""

import re

import pytest
from playwright.sync_api import expect

from igfsession.agenda.models import LiveState

pytestmark = pytest.mark.browser


def test_now_page_shows_the_organisers_next_slot_without_reloading(site, new_context):
    opening, presentation, closing = site.slots
    remote = new_context().new_page()
    remote.goto("/agenda/now/")
    on_now = remote.get_by_role("region", name="On now")
    up_next = remote.get_by_role("region", name="Next")
    expect(on_now.get_by_role("heading", level=3)).to_have_text(opening.title)
    expect(up_next.get_by_role("heading", level=3)).to_have_text(presentation.title)
    # A mark on the document: a reload or a navigation would wipe it.
    remote.evaluate("() => { window.stillTheSamePage = true; }")
    navigations = []
    remote.on("framenavigated", lambda frame: navigations.append(frame.url))

    organiser = new_context(user=site.organiser).new_page()
    organiser.goto("/agenda/control/")
    organiser.get_by_role("button", name="Move to the next slot").click()
    expect(organiser.get_by_role("status")).to_have_text(f"“{presentation.title}” is on now.")
    assert LiveState.objects.get(session=site.session).slot == presentation

    expect(on_now.get_by_role("heading", level=3)).to_have_text(presentation.title, timeout=20_000)
    expect(up_next.get_by_role("heading", level=3)).to_have_text(closing.title)
    expect(on_now.get_by_role("link", name="Rate this output")).to_have_attribute(
        "href", re.compile(rf"/feedback/{site.sheet.code}/$")
    )
    assert remote.evaluate("() => window.stillTheSamePage") is True
    assert navigations == []
