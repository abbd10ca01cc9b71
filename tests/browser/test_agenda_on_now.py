"""/agenda/ marks the slot on now and follows the live state without a reload, polled by the
same script as the now page (static/js/agenda.js)."""

import pytest
from playwright.sync_api import expect

from igfsession.agenda.models import LiveState

pytestmark = pytest.mark.browser

POLL_SECONDS = 1


@pytest.fixture
def short_poll(settings):
    settings.AGENDA_POLL_SECONDS = POLL_SECONDS


def test_agenda_moves_its_on_now_mark_when_the_organisers_move_on(site, new_context, short_poll):
    opening, presentation, _closing = site.slots
    remote = new_context().new_page()
    remote.goto("/agenda/")
    expect(remote.locator('li[aria-current="time"]')).to_have_attribute("id", f"slot-{opening.pk}")
    remote.evaluate("() => { window.stillTheSamePage = true; }")

    organiser = new_context(user=site.organiser).new_page()
    organiser.goto("/agenda/control/")
    organiser.get_by_role("button", name="Move to the next slot").click()
    expect(organiser.get_by_role("status")).to_have_text(f"“{presentation.title}” is on now.")
    assert LiveState.objects.get(session=site.session).slot == presentation

    marked = remote.locator('li[aria-current="time"]')
    expect(marked).to_have_attribute("id", f"slot-{presentation.pk}", timeout=2000 * POLL_SECONDS)
    expect(marked).to_have_count(1)
    expect(marked.locator(".on-now-badge")).to_have_text("On now")
    expect(remote.locator(".on-now-badge")).to_have_count(1)
    link = remote.locator("#agenda-now a")
    expect(link).to_have_text(presentation.title)
    expect(link).to_have_attribute("href", f"#slot-{presentation.pk}")
    assert remote.evaluate("() => window.stillTheSamePage") is True


def test_agenda_on_now_link_goes_to_the_slot(site, new_context):
    page = new_context().new_page()
    page.goto("/agenda/")

    page.locator("#agenda-now a").click()

    assert page.url.endswith(f"/agenda/#slot-{site.slots[0].pk}")
    expect(page.locator(f"#slot-{site.slots[0].pk}")).to_be_in_viewport()
