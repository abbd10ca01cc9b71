"""Security headers: the Content Security Policy, SecurityMiddleware's headers, HSTS and cookies.

The policy allows no inline script or style, so no template may carry one: the scan below reads
every file in templates/, and the admin's pages are rendered and read too.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.deploy_check import deploy_check
from tests.factories import make_coalition, make_coordinator, make_organiser

PROJECT = Path(__file__).resolve().parents[1]
TEMPLATES = PROJECT / "templates"

EXPECTED_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
    # Issue 15: the service worker and the web app manifest, ours only.
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
}

# A <script> element with anything but whitespace between its tags (JSON data blocks are not
# run, so they may); a style attribute; a <style> element; an inline event handler; a
# javascript: URL. The policy blocks them all.
INLINE_SCRIPT = re.compile(
    r"""<script\b(?![^>]*\stype=["']?application/json)[^>]*>(?!\s*</script>)""", re.IGNORECASE
)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""=\s*["']?\s*javascript:""", re.IGNORECASE)
INLINE = {
    "inline script": INLINE_SCRIPT,
    "style attribute": STYLE_ATTRIBUTE,
    "style element": STYLE_ELEMENT,
    "event handler attribute": EVENT_HANDLER,
    "javascript: URL": JAVASCRIPT_URL,
}


def csp_directives(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as {directive: [sources]} (its order is not fixed)."""
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def inline_code(html: str) -> list[str]:
    """What the policy would block in a page or template: "kind: excerpt" for each."""
    found = []
    for kind, pattern in INLINE.items():
        for match in pattern.finditer(html):
            line = html.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {kind}: {match.group(0)[:80]!r}")
    return found


@pytest.fixture
def coordinator_client(client, db):
    coalition = make_coalition(slug="dc-pal", acronym="DC-PAL")
    client.force_login(make_coordinator(coalition, username="pal-coordinator"))
    return client


@pytest.fixture
def staff_client(client, db):
    client.force_login(make_organiser(username="secretariat"))
    return client


# --------------------------------------------------------------------------------------------
# Content Security Policy
# --------------------------------------------------------------------------------------------


def test_csp_header_on_a_public_page(client, db):
    response = client.get("/coalitions/")

    assert response.status_code == 200
    assert csp_directives(response["Content-Security-Policy"]) == EXPECTED_CSP
    assert not response.has_header("Content-Security-Policy-Report-Only")


def test_csp_header_on_a_portal_page(coordinator_client):
    response = coordinator_client.get("/coalitions/dc-pal/manage/")

    assert response.status_code == 200
    assert csp_directives(response["Content-Security-Policy"]) == EXPECTED_CSP


@pytest.mark.parametrize("url", ["/admin/", "/admin/coalitions/coalition/"])
def test_csp_header_on_admin_pages(staff_client, url):
    response = staff_client.get(url)

    assert response.status_code == 200
    assert csp_directives(response["Content-Security-Policy"]) == EXPECTED_CSP


def test_csp_allows_no_unsafe_sources(client, db):
    header = client.get("/accounts/login/")["Content-Security-Policy"]

    assert "unsafe" not in header
    assert "*" not in header


def test_templates_have_no_inline_script_or_style():
    files = sorted(TEMPLATES.rglob("*.html"))
    found = [
        f"{path.relative_to(PROJECT)} {problem}"
        for path in files
        for problem in inline_code(path.read_text(encoding="utf-8"))
    ]

    assert len(files) > 30
    assert found == [], "Move these to static/css/site.css or static/js/:\n" + "\n".join(found)


def test_inline_code_scan_finds_what_the_policy_blocks():
    page = (
        '<script src="/static/js/agenda.js" defer></script>\n'
        '<script id="data" type="application/json">{"a": 1}</script>\n'
        "<script>alert(1)</script>\n"
        '<p style="color: red">x</p><style>p {}</style>\n'
        '<button onclick="go()">go</button><a href="javascript:go()">go</a>\n'
    )

    assert [problem.split(":")[1].strip() for problem in inline_code(page)] == [
        "inline script",
        "style attribute",
        "style element",
        "event handler attribute",
        "javascript",
    ]


def _admin_pages():
    for model in admin.site._registry:
        meta = model._meta
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_add")


def test_admin_pages_carry_no_inline_script_or_style(staff_client):
    """Django's admin works under the policy: its scripts are files and its data attributes."""
    found = {}
    statuses = {}
    for url in ["/admin/", "/admin/password_change/", *_admin_pages()]:
        response = staff_client.get(url)
        statuses[url] = response.status_code
        problems = inline_code(response.content.decode())
        if problems:
            found[url] = problems

    assert set(statuses.values()) <= {200, 403}, statuses
    assert found == {}


# --------------------------------------------------------------------------------------------
# SecurityMiddleware and clickjacking headers
# --------------------------------------------------------------------------------------------

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@pytest.mark.parametrize("url", ["/", "/coalitions/", "/feedback/", "/accounts/login/"])
def test_security_headers_on_public_pages(client, db, url):
    response = client.get(url)

    assert {name: response.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS


def test_security_headers_on_the_portal_and_the_admin(coordinator_client):
    portal = coordinator_client.get("/coalitions/dc-pal/manage/")
    coordinator_client.force_login(make_organiser(username="secretariat"))
    admin_index = coordinator_client.get("/admin/")

    assert {name: portal.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    assert {name: admin_index.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS


def test_hsts_and_secure_cookies_are_sent_over_https_in_production(client, settings, db):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    make_organiser(username="secretariat", password="a-long-test-password")

    page = client.get("/accounts/login/", secure=True)
    logged_in = client.post(
        "/accounts/login/",
        {"username": "secretariat", "password": "a-long-test-password"},
        secure=True,
    )

    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert page.cookies["csrftoken"]["secure"] is True
    assert logged_in.status_code == 302
    assert logged_in.cookies["sessionid"]["secure"] is True
    assert logged_in.cookies["sessionid"]["httponly"] is True


PRODUCTION_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
)


def _settings_in_a_fresh_process(**env_overrides) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "STATIC_NO_MANIFEST", *PRODUCTION_SETTINGS}
    }
    env.update(env_overrides)
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env={**env, "DJANGO_SETTINGS_MODULE": "igfsession.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_turn_on_hsts_and_secure_cookies():
    values = _settings_in_a_fresh_process(SECRET_KEY="p" * 50, DEBUG="0")

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
    }


def test_debug_settings_leave_hsts_and_secure_cookies_off():
    values = _settings_in_a_fresh_process(DEBUG="1")

    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
    }


def test_deploy_checks_pass_with_production_settings_and_the_security_apps():
    result = deploy_check(dropped=PRODUCTION_SETTINGS)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
