"""The Day 4 debate live: an organiser marks an item as being discussed, the remote page says the
debate moved on, the participant reloads and sends a question, the organiser accepts it, and it
shows on the now page."""

import pytest
from playwright.sync_api import expect

from feedback import services
from feedback.models import DebateQuestion

pytestmark = pytest.mark.browser

POLL_SECONDS = 1


def test_debate_question_from_the_now_page_to_the_organisers_queue_and_back(
    site, new_context, settings
):
    settings.AGENDA_POLL_SECONDS = POLL_SECONDS
    issue = site.issues[0]
    services.debate_item_add(session=site.session, issue=issue, user=site.organiser)
    remote = new_context().new_page()
    remote.goto("/agenda/now/")
    changed = remote.locator("#debate-changed")
    expect(changed).to_be_hidden()

    organiser = new_context(user=site.organiser).new_page()
    organiser.goto("/agenda/control/")
    organiser.get_by_role("button", name=f"Discuss now {issue.title}").click()
    expect(organiser.get_by_role("status")).to_have_text(f"“{issue.title}” is being discussed now.")

    expect(changed).to_be_visible(timeout=3000 * POLL_SECONDS)
    changed.get_by_role("link").click()
    debate = remote.get_by_role("region", name="Being debated now")
    expect(debate).to_contain_text(issue.title)
    debate.get_by_label("Your question or comment on the item being discussed").fill("Who pays?")
    debate.get_by_role("button", name="Send").click()
    expect(remote.get_by_role("region", name="Being debated now")).to_contain_text(
        "Thank you: your question was sent."
    )
    assert list(DebateQuestion.objects.values_list("text", "status")) == [("Who pays?", "pending")]

    organiser.goto("/agenda/control/")
    organiser.get_by_role("button", name="Accept question 1").click()
    expect(organiser.get_by_role("status")).to_contain_text("Accepted")

    remote.goto("/agenda/now/")
    expect(
        remote.get_by_role("region", name="Being debated now").get_by_role("listitem")
    ).to_have_text(["Who pays?"])
