"""Issue 15: a rating sheet on a phone whose network fails. The answers are kept on the device as
they are made, a send that fails is queued and sent when the network returns, a refusal is shown
and never retried, and the service worker serves the participants' pages (only those) offline."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from feedback.models import Rating, RatingSheet, Response
from tests.browser.helpers import PHONE, describe_violations

pytestmark = pytest.mark.browser

QUEUED = (
    "Saved on this phone: your answers will be sent when you are back online. Keep this page "
    "open or come back to the site later."
)
RESTORED = "Your unsent answers were restored."
THANKS = "Thank you: your answers are saved"


def _mark(page, site):
    first, second = site.issues
    page.get_by_role("group", name=f"1. {first.title}").get_by_text(
        "Strong agreement", exact=True
    ).click()
    issue_2 = page.get_by_role("group", name=f"2. {second.title}")
    issue_2.get_by_text("Confusion").click()
    issue_2.get_by_role("textbox").fill("Which towns?")


def _expect_marked(page, site):
    first, second = site.issues
    expect(page.locator(f"input[name=mark_{first.pk}][value='5']")).to_be_checked()
    expect(page.locator(f"input[name=mark_{second.pk}][value=confusion]")).to_be_checked()
    expect(page.locator(f"textarea[name=comment_{second.pk}]")).to_have_value("Which towns?")


def _stored(site):
    return sorted(
        Rating.objects.filter(response__sheet=site.sheet).values_list("issue__position", "mark")
    )


def _kept_by_worker(page, path):
    """Wait (up to 10 s) until the service worker holds its copy of ``path``."""
    for _attempt in range(50):
        if page.evaluate(
            "(url) => caches.open('igf-pages-v1').then((c) => c.match(url, {ignoreVary: true}))"
            ".then((r) => !!r)",
            path,
        ):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"the service worker kept no copy of {path}")


def _posts(page, site):
    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.url)
            if request.method == "POST" and request.url.endswith(f"/feedback/{site.sheet.code}/")
            else None
        ),
    )
    return sent


def test_offline_send_is_queued_then_sent_once_when_back_online(site, new_context, axe):
    context = new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    _mark(page, site)

    context.set_offline(True)
    page.get_by_role("button", name="Send my answers").click()

    expect(page.locator("#offline-status")).to_have_text(QUEUED)
    expect(page.locator("#offline-status")).to_have_attribute("role", "status")
    _expect_marked(page, site)
    assert Response.objects.count() == 0
    violations = axe(page)
    assert violations == [], describe_violations(violations)

    context.set_offline(False)

    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    assert Response.objects.filter(sheet=site.sheet).count() == 1
    assert _stored(site) == [(1, "5"), (2, "confusion")]
    # Confirmed: nothing is kept any more, so the sheet opens with the server's answers only.
    assert page.evaluate("() => Object.keys(localStorage)") == []


def test_marks_are_restored_after_a_reload_while_offline(site, new_context, axe):
    context = new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    path = f"/feedback/{site.sheet.code}/"
    page.goto(path)
    _kept_by_worker(page, path)
    _mark(page, site)

    context.set_offline(True)
    page.reload()

    expect(page.locator("#offline-status")).to_have_text(RESTORED)
    _expect_marked(page, site)
    expect(page.locator("#sheet-progress")).to_have_text("2 of 2 rated")
    violations = axe(page)
    assert violations == [], describe_violations(violations)


def test_a_server_answering_503_queues_the_sheet_like_no_network(site, new_context):
    page = new_context(viewport=PHONE, service_workers="allow").new_page()
    path = f"/feedback/{site.sheet.code}/"
    page.goto(path)
    _mark(page, site)
    down = re.compile(rf".*{re.escape(path)}$")
    page.route(
        down,
        lambda route: (
            route.fulfill(status=503, body="Unavailable")
            if route.request.method == "POST"
            else route.continue_()
        ),
    )

    page.get_by_role("button", name="Send my answers").click()

    expect(page.locator("#offline-status")).to_have_text(QUEUED)
    assert Response.objects.count() == 0

    page.unroute(down)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")

    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    assert _stored(site) == [(1, "5"), (2, "confusion")]


def test_two_sends_of_the_queued_sheet_make_one_response(site, new_context):
    context = new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    _mark(page, site)
    context.set_offline(True)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("#offline-status")).to_have_text(QUEUED)
    page.get_by_role("button", name="Send my answers").click()
    # A second tab of the same device sends the same queue as it opens.
    second = context.new_page()

    context.set_offline(False)
    second.goto("/agenda/")

    expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
    assert Response.objects.filter(sheet=site.sheet).count() == 1
    assert _stored(site) == [(1, "5"), (2, "confusion")]


def test_a_refused_queued_sheet_is_explained_kept_and_not_retried(site, new_context):
    context = new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    page.goto(f"/feedback/{site.sheet.code}/")
    posts = _posts(page, site)
    _mark(page, site)
    context.set_offline(True)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("#offline-status")).to_have_text(QUEUED)
    RatingSheet.objects.filter(pk=site.sheet.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )

    context.set_offline(False)

    status = page.locator("#offline-status")
    expect(status).to_contain_text(
        "Your answers were not sent, and will not be sent again: Your answers were not saved. "
        "This rating sheet closed on "
    )
    _expect_marked(page, site)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    page.wait_for_timeout(1500)
    assert len(posts) == 1
    assert Response.objects.count() == 0
    assert page.evaluate("() => localStorage.getItem('igf-sheet-queue')") is None


def _controlled(page):
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def _kept_pages(page):
    return page.evaluate(
        "() => caches.open('igf-pages-v1').then((c) => c.keys()).then((k) => k.map((r) => "
        "new URL(r.url).pathname).filter((p) => !p.startsWith('/static/')).sort())"
    )


def test_the_worker_serves_participants_pages_offline_and_never_results_or_the_portal(
    site, new_context
):
    sheet = f"/feedback/{site.sheet.code}/"
    visitor_context = new_context(viewport=PHONE, service_workers="allow")
    visitor = visitor_context.new_page()
    visitor.goto("/feedback/")
    _kept_by_worker(visitor, "/feedback/")
    visitor.goto(sheet)
    _kept_by_worker(visitor, sheet)
    _controlled(visitor)
    for kept in ["/agenda/", f"{sheet}print/"]:
        visitor.goto(kept)
        _kept_by_worker(visitor, kept)
    visitor.goto("/feedback/results/")
    visitor.goto(f"/feedback/results/{site.sheet.code}/")
    assert _kept_pages(visitor) == ["/agenda/", "/feedback/", sheet, f"{sheet}print/"]

    visitor_context.set_offline(True)
    visitor.goto("/feedback/")
    expect(visitor.locator("#offline-status")).to_have_text(
        re.compile(r"^No network: this is the copy kept on this device, as of \d\d:\d\d\.$")
    )
    expect(visitor.get_by_role("link", name=site.output.title)).to_be_visible()
    visitor.goto(sheet)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(site.output.title)
    for kept in ["/agenda/", f"{sheet}print/"]:
        visitor.goto(kept)
        # From the worker, or from the browser's own cache for a page the server lets it keep.
        expect(visitor.locator("h1").first).to_be_visible()
    with pytest.raises(PlaywrightError):
        visitor.goto("/feedback/results/")

    # A coordinator: every page of theirs is private, so nothing of it is kept.
    context = new_context(viewport=PHONE, user=site.coordinator, service_workers="allow")
    page = context.new_page()
    portal = f"/coalitions/{site.coalition.slug}/manage/"
    page.goto(portal)
    _controlled(page)
    page.goto("/feedback/")
    expect(page.get_by_role("link", name=site.output.title)).to_be_visible()
    page.goto(portal)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_timeout(500)
    assert _kept_pages(page) == []
    context.set_offline(True)
    with pytest.raises(PlaywrightError):
        page.goto(portal)


def test_someone_else_forgets_the_device_copies(site, new_context):
    page = new_context(viewport=PHONE, service_workers="allow").new_page()
    path = f"/feedback/{site.sheet.code}/"
    page.goto(path)
    _kept_by_worker(page, path)
    _mark(page, site)

    page.get_by_role("button", name="I am someone else — start a new sheet").click()

    expect(page.locator(f"input[name=mark_{site.issues[0].pk}]:checked")).to_have_count(0)
    assert page.evaluate("() => Object.keys(localStorage)") == []


def test_without_javascript_the_sheet_posts_as_before(site, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"/feedback/{site.sheet.code}/")
        page.locator(f"input[name=mark_{site.issues[0].pk}][value='4']").check(force=True)
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(THANKS)
        assert page.url == f"{live_server.url}/feedback/{site.sheet.code}/thanks/"
        assert _stored(site) == [(1, "4")]
    finally:
        context.close()


def test_a_request_that_fails_on_the_way_queues_the_sheet(site, new_context):
    # The browser believes it is online (the venue's Wi-Fi is up) but the request never arrives.
    page = new_context(viewport=PHONE, service_workers="allow").new_page()
    path = f"/feedback/{site.sheet.code}/"
    page.goto(path)
    _mark(page, site)
    lost = re.compile(rf".*{re.escape(path)}$")
    page.route(
        lost,
        lambda route: (
            route.abort("connectionreset") if route.request.method == "POST" else route.continue_()
        ),
    )

    page.get_by_role("button", name="Send my answers").click()

    expect(page.locator("#offline-status")).to_have_text(QUEUED)
    _expect_marked(page, site)
    assert page.evaluate("() => navigator.onLine") is True
    assert Response.objects.count() == 0
    page.unroute(lost)
    # The next page of the site the participant opens sends it.
    page.goto("/agenda/")
    page.wait_for_function("() => localStorage.getItem('igf-sheet-queue') === null")
    expect(page.locator("#offline-status")).to_have_text(
        "Your answers saved on this phone have been sent."
    )
    assert _stored(site) == [(1, "5"), (2, "confusion")]


def test_a_send_without_an_answer_in_15_seconds_is_queued(site, new_context):
    page = new_context(viewport=PHONE, service_workers="allow").new_page()
    page.clock.install()
    path = f"/feedback/{site.sheet.code}/"
    page.goto(path)
    _mark(page, site)
    hanging = []
    page.route(
        re.compile(rf".*{re.escape(path)}$"),
        lambda route: (
            hanging.append(route) if route.request.method == "POST" else route.continue_()
        ),
    )

    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("button", name="Send my answers")).to_be_disabled()
    page.clock.run_for(14_000)
    expect(page.locator("#offline-status")).to_have_text("")
    page.clock.run_for(2_000)

    expect(page.locator("#offline-status")).to_have_text(QUEUED)
    assert len(hanging) == 1
    _expect_marked(page, site)
