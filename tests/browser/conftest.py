"""Real-browser tests: Playwright's sync API driving Debian's Chromium against ``live_server``.

Without Chromium at /usr/bin/chromium these tests skip, and the run says so in its very last
line; with ``REQUIRE_BROWSER=1`` (set by .ci/run) they fail instead. On a failure, a screenshot
and the HTML of every open page go to test-artifacts/browser/<test name>.png/.html.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.browser.data import build_site
from tests.browser.helpers import DESKTOP, run_axe

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROJECT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT / "test-artifacts" / "browser"
AXE_JS = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
SKIPPED = "Browser tests SKIPPED: "


def _required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on"}


def _unavailable(what: str) -> None:
    """Skip, or fail where CI requires the browser tests to run."""
    if _required():
        pytest.fail(f"REQUIRE_BROWSER is set, but {what}", pytrace=False)
    pytest.skip(SKIPPED + what)


# --------------------------------------------------------------------------------------------
# Browser, contexts and pages
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the whole folder, closed before the rest of the suite runs."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import expect, sync_playwright

    # The default 5 s is short on a busy two-core CI machine; journeys wait on real requests.
    expect.set_options(timeout=10_000)
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop running in the test's thread, so Django would
        # refuse the tests' ORM calls (SynchronousOnlyOperation): the documented workaround for
        # Playwright with pytest-django. Only while this folder runs: `check --deploy`, which
        # other tests start in a subprocess, rightly refuses the variable (async.E001).
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _browser_settings(settings, tmp_path):
    # The live server speaks plain HTTP: production's Secure cookies would not come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"
    # The local-memory cache outlives each test's database; start every test from a clean one.
    cache.clear()
    yield
    cache.clear()


def log_in(context, user, base_url: str) -> None:
    """Give a browser context a logged-in session (no login form: that has its own journey)."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


@pytest.fixture
def new_context(browser, live_server, request):
    """Make browser contexts (separate cookie jars: one per person) for this test.

    ``new_context(viewport=PHONE, language="ar", user=organiser)``. Every page of a context has
    axe-core loaded (as an init script, which a Content Security Policy does not block).
    The site's service worker is blocked unless a test asks for it (``service_workers="allow"``,
    the offline tests): it fetches pages in the background, which would still be reaching the
    live server while the next test empties the database.
    """
    contexts = []
    request.node.browser_contexts = contexts

    def make(*, viewport=DESKTOP, language="en", user=None, service_workers="block"):
        context = browser.new_context(
            base_url=live_server.url,
            service_workers=service_workers,
            viewport=viewport,
            locale=language,
            timezone_id="Europe/Zurich",  # the IGF secretariat: Geneva
        )
        context.set_default_timeout(10_000)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        if AXE_JS.exists():
            context.add_init_script(path=str(AXE_JS))
        if user is not None:
            log_in(context, user, live_server.url)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A desktop-sized page for an anonymous visitor."""
    return new_context().new_page()


@pytest.fixture
def axe():
    """``axe(page)``: the page's WCAG 2.1 A/AA violations, as axe-core reports them."""
    if not AXE_JS.exists():
        _unavailable(
            f"axe-core not found at {AXE_JS.relative_to(PROJECT)} (make install runs npm ci)"
        )
    return run_axe


@pytest.fixture
def site(transactional_db):
    """The current session, a coalition with a final output, its issues and open sheet."""
    return build_site()


# --------------------------------------------------------------------------------------------
# Failure artefacts and the closing line
# --------------------------------------------------------------------------------------------


def _artifact_stem(item) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", item.name).strip("-")


def _save_artifacts(item) -> list[str]:
    pages = [page for context in getattr(item, "browser_contexts", []) for page in context.pages]
    saved = []
    if not pages:
        return saved
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for index, page in enumerate(pages, start=1):
        stem = _artifact_stem(item) + ("" if index == 1 else f"-{index}")
        try:
            page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
            (ARTIFACTS / f"{stem}.html").write_text(page.content(), encoding="utf-8")
        except Exception as error:  # A page that cannot be saved must not hide the failure.
            saved.append(f"{stem}: not saved ({error})")
            continue
        saved.append(str((ARTIFACTS / stem).relative_to(PROJECT)) + ".png/.html")
    return saved


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when in {"setup", "call"}:
        saved = _save_artifacts(item)
        if saved:
            report.sections.append(("browser artefacts", "\n".join(saved)))


def pytest_unconfigure(config):
    """Say that browser tests were skipped, and why, as the run's very last line."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    reasons = []
    for report in reporter.stats.get("skipped", []):
        longrepr = report.longrepr
        text = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        if SKIPPED in text and text[text.index(SKIPPED) :] not in reasons:
            reasons.append(text[text.index(SKIPPED) :])
    for reason in reasons:
        reporter.write_line(reason)
