"""axe-core on every page, in English and in Arabic: no WCAG 2.1 A or AA violation.

Each page is reached as a person would reach it (a staff page logged in as staff, the sheet with
errors by sending a comment without a mark). Arabic is checked once the project offers it
(settings.LANGUAGES).
"""

import re

import pytest
from django.conf import settings
from django.utils import timezone, translation
from playwright.sync_api import expect

from feedback import services
from feedback.models import IssueAnswer
from tests.browser.helpers import describe_violations
from tests.factories import make_session
from tests.feedback.results_helpers import rate, respond, results_sheet

pytestmark = pytest.mark.browser

LANGUAGES = [code for code, _name in settings.LANGUAGES if code in ("en", "ar")]


def _translated(language: str, text: str) -> str:
    """A label as the page shows it in that language (the project's own catalogue)."""
    with translation.override(language):
        return translation.gettext(text)


def _sheet_with_errors(page, site, language):
    page.goto(f"/feedback/{site.sheet.code}/")
    issue_1 = page.get_by_role("group", name=f"1. {site.issues[0].title}")
    issue_1.get_by_role("textbox").fill("A comment without a mark.")
    page.get_by_role("button", name=_translated(language, "Send my answers")).click()
    expect(page.get_by_role("alert")).to_be_visible()


def _sheet_blank_refused(page, site, language):
    # Issue 14: a sheet sent with no mark and no comment is refused beside the first issue.
    page.goto(f"/feedback/{site.sheet.code}/")
    page.get_by_role("button", name=_translated(language, "Send my answers")).click()
    expect(page.get_by_role("alert")).to_be_visible()


def _thanked(page, site, language):
    page.goto(f"/feedback/{site.sheet.code}/")
    issue_1 = page.get_by_role("group", name=f"1. {site.issues[0].title}")
    issue_1.get_by_text(_translated(language, "Agreement"), exact=True).click()
    page.get_by_role("button", name=_translated(language, "Send my answers")).click()
    expect(page).to_have_url(re.compile(rf"/feedback/{site.sheet.code}/thanks/$"))


def _now_refreshed(page, site, language):
    page.goto("/agenda/now/")
    # agenda.js redraws the page from now.json once at load: check what it drew, not a DOM in flux.
    expect(page.locator("#now-checked")).to_be_visible()


def _go(path):
    return lambda page, site, language: page.goto(path.format(site=site))


def _rated(path):
    """The page once people have rated the site's sheet (marks of every kind, comments, profiles
    in groups large and small), as organisers see it."""

    def visit(page, site, language):
        first, second = (issue.title for issue in site.issues)
        rate(site.sheet, first, (6, 5, 3, 2, 1, 2), stakeholder_group="civil_society")
        rate(site.sheet, second, (1, 2, 3, 4, 5, 1), stakeholder_group="academia")
        respond(site.sheet, {first: "2"}, comments={first: "Sample comment: too vague."})
        page.goto(path.format(site=site))

    return visit


def _debate(path, *, rated=False, then=None):
    """The page with the Day 4 debate under way: every issue in the running order, the first
    being discussed, one question accepted and one waiting."""

    def visit(page, site, language):
        if rated:
            first, second = (issue.title for issue in site.issues)
            rate(site.sheet, first, (6, 5, 3, 2, 1, 2), stakeholder_group="civil_society")
            rate(site.sheet, second, (1, 2, 3, 4, 5, 1), stakeholder_group="academia")
        items = [
            services.debate_item_add(session=site.session, issue=issue, user=site.organiser)
            for issue in site.issues
        ]
        services.debate_item_start(item=items[0], user=site.organiser)
        accepted = services.debate_question_submit(session=site.session, text="Who pays?")
        services.debate_question_moderate(question=accepted, user=site.organiser, status="accepted")
        services.debate_question_submit(session=site.session, text="Waiting for an organiser.")
        page.goto(path.format(site=site))
        if then is not None:
            then(page, language)

    return visit


def _answered(path):
    """The page once the sheet was rated and the coalition published answers (two versions of
    the first issue's, a draft of the second)."""
    rated = _rated(path)

    def visit(page, site, language):
        first, second = site.issues
        for version, decision in ((1, "clarify"), (2, "rework")):
            IssueAnswer.objects.create(
                issue=first,
                version=version,
                decision=decision,
                reply=f"Sample reply {version}.",
                published_at=timezone.now(),
            )
        IssueAnswer.objects.create(issue=second, version=1, decision="keep", reply="")
        rated(page, site, language)

    return visit


def _last_year(site):
    """An earlier session in which the coalition's first issue was rated (its sheet closed), the
    first issue of this year derived from it, with the coalition's answer then."""
    earlier = make_session(name="IGF 2014 (sample)", slug="igf-2014", year=2014)
    before = results_sheet(
        earlier, code="pal14", titles=(site.issues[0].title,), closed=True, coalition=site.coalition
    )
    rate(before, site.issues[0].title, (3, 4, 2, 2, 1, 3), stakeholder_group="civil_society")
    last_year = before.output.issues.get()
    IssueAnswer.objects.create(
        issue=last_year,
        version=1,
        decision="clarify",
        reply="Sample: reworded.",
        published_at=timezone.now(),
    )
    site.issues[0].derived_from = last_year
    site.issues[0].save(update_fields=["derived_from"])


def _year_to_year(path):
    rated = _rated(path)

    def visit(page, site, language):
        _last_year(site)
        rated(page, site, language)
        # What the check is about is on the page: the figures beside, or the choice to copy.
        expect(page.locator(".year-to-year-figures, #id_start_from").first).to_be_visible()

    return visit


def _question_refused(page, language):
    page.get_by_role("button", name=_translated(language, "Send"), exact=True).click()
    expect(
        page.get_by_text(_translated(language, "Write your question or comment."))
    ).to_be_visible()


def _answers_with_errors(page, site, language):
    page.goto(f"/coalitions/{site.coalition.slug}/manage/outputs/{site.output.slug}/answers/")
    issue_1 = page.get_by_role("group", name=f"1. {site.issues[0].title}")
    issue_1.get_by_role("combobox").select_option("rework")
    page.get_by_role("button", name=_translated(language, "Save the drafts")).click()
    expect(page.get_by_role("alert")).to_be_visible()


def _sent_back(path):
    """Issue 12 (helper C): the output's declaration sent back with a note by the organisers."""

    def visit(page, site, language):
        from coalitions.services import declaration_send_back

        declaration_send_back(
            output=site.output, user=site.organiser, note="Upload the final file, please."
        )
        _go(path)(page, site, language)
        expect(page.locator("#declaration-review q")).to_have_text("Upload the final file, please.")

    return visit


# name: (who visits: None, "coordinator" or "organiser"; how the page is reached)
PAGES = {
    "home": (None, _go("/")),
    "agenda": (None, _go("/agenda/")),
    "now": (None, _now_refreshed),
    "directory": (None, _go("/coalitions/")),
    "coalition": (None, _go("/coalitions/{site.coalition.slug}/")),
    "output": (None, _go("/coalitions/{site.coalition.slug}/outputs/{site.output.slug}/")),
    "sheet-list": (None, _go("/feedback/")),
    "sheet": (None, _go("/feedback/{site.sheet.code}/")),
    "sheet-with-errors": (None, _sheet_with_errors),
    "sheet-thanks": (None, _thanked),
    "sheet-print": (None, _go("/feedback/{site.sheet.code}/print/")),
    "login": (None, _go("/accounts/login/")),
    "portal": ("coordinator", _go("/coalitions/{site.coalition.slug}/manage/")),
    "portal-output": (
        "coordinator",
        _go("/coalitions/{site.coalition.slug}/manage/outputs/{site.output.slug}/"),
    ),
    "control": ("organiser", _go("/agenda/control/")),
    "paper-entry": ("organiser", _go("/feedback/{site.sheet.code}/enter/")),
    # Results: the sheet is open, so the public gets the withheld list and page.
    "results-withheld-list": (None, _go("/feedback/results/")),
    "results-withheld": (None, _go("/feedback/results/{site.sheet.code}/")),
    "results": ("organiser", _rated("/feedback/results/?sort=contested")),
    "results-sheet": ("organiser", _rated("/feedback/results/{site.sheet.code}/")),
    "results-projector": ("organiser", _rated("/feedback/results/projector/")),
    # The Day 4 debate.
    "debate": (None, _debate("/feedback/debate/")),
    "debate-organiser": ("organiser", _debate("/feedback/debate/", rated=True)),
    "debate-projector": ("organiser", _debate("/feedback/debate/projector/", rated=True)),
    "now-debate": (None, _debate("/agenda/now/")),
    "now-question-refused": (None, _debate("/agenda/now/", then=_question_refused)),
    "control-debate": ("organiser", _debate("/agenda/control/")),
    "session-report": (None, _go("/feedback/report/")),
    "session-report-organiser": ("organiser", _rated("/feedback/report/")),
    # The coalition's answers (organisers may answer while the sheet is open) and its report.
    "portal-output-answers": (
        "organiser",
        _answered("/coalitions/{site.coalition.slug}/manage/outputs/{site.output.slug}/"),
    ),
    "answers-with-errors": ("organiser", _answers_with_errors),
    "output-with-answers": (
        None,
        _answered("/coalitions/{site.coalition.slug}/outputs/{site.output.slug}/"),
    ),
    "report": ("organiser", _answered("/coalitions/{site.coalition.slug}/report/")),
    "report-withheld": (None, _go("/coalitions/{site.coalition.slug}/report/")),
    # Year to year: last year's figures beside this year's; the add-output page offering to
    # start from last year's issues.
    "output-year-to-year": (
        "organiser",
        _year_to_year("/coalitions/{site.coalition.slug}/outputs/{site.output.slug}/"),
    ),
    "report-year-to-year": (
        "organiser",
        _year_to_year("/coalitions/{site.coalition.slug}/report/"),
    ),
    "add-output-from-last-year": (
        "coordinator",
        _year_to_year("/coalitions/{site.coalition.slug}/manage/outputs/new/"),
    ),
    # Issue 12: removing an issue asks first.
    "portal-issue-remove": (
        "organiser",
        _go(
            "/coalitions/{site.coalition.slug}/manage/outputs/{site.output.slug}"
            "/issues/{site.issues[0].pk}/remove/confirm/"
        ),
    ),
    # Issue 12: the organisers' note on a declaration sent back, in the portal (helper C).
    "portal-output-sent-back": (
        "coordinator",
        _sent_back("/coalitions/{site.coalition.slug}/manage/outputs/{site.output.slug}/"),
    ),
    # Issue 14 (helper H): a shared phone's "start a new sheet" page.
    "someone-else": (None, _go("/feedback/{site.sheet.code}/someone-else/")),
    # Issue 14: a NUL in the address (the 400 page), a blank sheet refused.
    "nul-in-the-address": (None, _go("/coalitions/?q=%00")),
    "sheet-blank-refused": (None, _sheet_blank_refused),
}


# Issue 13: the page a visitor gets while the database cannot be reached. The live server shares
# the test's database, so the page is rendered here with every query refused and handed to the
# browser in place of the live server's answer (its styles still come from the live server).
def _database_unavailable(page, site, language):
    from django.db import OperationalError, connection
    from django.test import Client

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with connection.execute_wrapper(refuse):
        answer = client.get("/agenda/")
    assert answer.status_code == 503
    page.route(
        "**/agenda/",
        lambda route: route.fulfill(
            status=503, content_type=answer["Content-Type"], body=answer.content
        ),
    )
    page.goto("/agenda/")


PAGES["database-unavailable"] = (None, _database_unavailable)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_wcag_21_aa_violations(name, language, site, new_context, axe):
    who, visit = PAGES[name]
    user = getattr(site, who) if who else None
    page = new_context(language=language, user=user).new_page()

    visit(page, site, language)

    expect(page.locator("html")).to_have_attribute("lang", language)
    violations = axe(page)
    assert violations == [], (
        f"{page.url} ({language}): {len(violations)} WCAG 2.1 A/AA violation(s)\n"
        + describe_violations(violations)
    )


# Issue 12 (helper B): the user menu (open, on a public page), the choice of portals, the
# password change and its errors.
def _with_marker(page):
    """What a browser that logged in through the form carries (the session alone is not)."""
    from coalitions.middleware import MARKER_COOKIE

    page.context.add_cookies([{"name": MARKER_COOKIE, "value": "1", "url": page.url}])


def _user_menu_open(path):
    def visit(page, site, language):
        page.goto(path)
        _with_marker(page)
        page.goto(path)
        page.locator(".user-menu > summary").click()
        expect(page.locator(".user-menu-panel")).to_be_visible()

    return visit


def _portals(page, site, language):
    from coalitions.models import CoalitionMembership
    from tests.factories import make_coalition

    other = make_coalition(name="Dynamic Coalition on Accessibility", slug="dcad")
    CoalitionMembership.objects.create(user=site.coordinator, coalition=other)
    page.goto("/accounts/portals/")


def _password_change_with_errors(page, site, language):
    page.goto("/accounts/password_change/")
    page.locator("#id_old_password").fill("wrong")
    page.locator("#id_new_password1").fill("a")
    page.locator("#id_new_password2").fill("b")
    page.locator("main form [type=submit]").click()
    expect(page.locator(".invalid-feedback, .errorlist").first).to_be_visible()


USER_MENU_PAGES = {
    "user-menu-agenda": ("coordinator", _user_menu_open("/agenda/")),
    "user-menu-organiser": ("organiser", _user_menu_open("/coalitions/")),
    "portals": ("coordinator", _portals),
    "password-change": ("coordinator", _go("/accounts/password_change/")),
    "password-change-with-errors": ("coordinator", _password_change_with_errors),
    "password-change-done": ("coordinator", _go("/accounts/password_change/done/")),
}
PAGES.update(USER_MENU_PAGES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(USER_MENU_PAGES))
def test_user_menu_page_has_no_wcag_21_aa_violations(name, language, site, new_context, axe):
    # The list above was parametrized before these were added: the same check, for them.
    test_page_has_no_wcag_21_aa_violations(name, language, site, new_context, axe)


# Issue 14 (helper I): the organisers' integrity page with both lists, and with a withdrawal
# refused beside its confirm box. The site's sheet shows 2 issues: bursts of 3 looked for there.
def _integrity(*, refused=False, path="/feedback/{site.sheet.code}/integrity/"):
    def visit(page, site, language):
        from django.test import override_settings

        from feedback.models import Response

        first, second = (issue.title for issue in site.issues)
        respond(site.sheet, {first: "5", second: "1"}, n=3)
        Response.objects.filter(sheet=site.sheet).update(
            carried_sheet_cookie=False, client_hash="a" * 64, agent_family="python"
        )
        with override_settings(FEEDBACK_BURST_SIZE=3, FEEDBACK_BURST_MIN_ISSUES=2):
            page.goto(path.format(site=site))
            expect(page.locator(".integrity-burst, .integrity-summary")).to_have_count(1)
            if refused:
                page.locator(".integrity-burst [type=submit]").click()
                expect(page.locator(".integrity-burst .invalid-feedback")).to_be_visible()

    return visit


INTEGRITY_PAGES = {
    "integrity": ("organiser", _integrity()),
    "integrity-refused": ("organiser", _integrity(refused=True)),
    "results-flagged": ("organiser", _integrity(path="/feedback/results/")),
    "results-sheet-flagged": ("organiser", _integrity(path="/feedback/results/{site.sheet.code}/")),
}
PAGES.update(INTEGRITY_PAGES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(INTEGRITY_PAGES))
def test_integrity_page_has_no_wcag_21_aa_violations(name, language, site, new_context, axe):
    test_page_has_no_wcag_21_aa_violations(name, language, site, new_context, axe)
