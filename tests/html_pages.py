"""The pages the HTML checker reads beyond the core ones (tests/test_html_validity.py): the
debate, year to year, the answers and reports, and issues 12 to 14's pages; and the Pages
collector they all add to."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import time_machine
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from coalitions.models import Coalition, Issue, Output
from feedback.models import DebateItem, RatingSheet
from feedback.services import (
    debate_item_start,
    debate_question_moderate,
    debate_question_submit,
    debate_stop,
)
from igfsession.agenda import demo
from igfsession.models import Session
from igfsession.services import session_make_current

DURING_DAY_3 = "2015-11-12 20:00 +0000"  # 17:00 in João Pessoa: a slot on now and one next


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


# Issue 14: a shared device's pages, after every other page.
SHARED_DEVICE_PAGES = 2


def add_shared_device_pages(pages: Pages) -> None:
    sheet = RatingSheet.objects.get(
        output__coalition__slug="dc-pal", output__session__slug="igf2015"
    )
    participant = _client()
    pages.add("start a new sheet", participant.get(f"/feedback/{sheet.code}/someone-else/"))
    participant.post(f"/feedback/{sheet.code}/someone-else/")
    pages.add("sheet after someone else", participant.get(f"/feedback/{sheet.code}/"))


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


# Issue 14 (helper I): the organisers' integrity page (empty, with a scripted burst, a withdrawal
# refused for want of the confirm box) and the sheet's results page showing the figures without the
# burst (the overview shows the current session, 2016, whose sheets are closed then: the axe list
# has it).
INTEGRITY_PAGES = 4


def add_integrity_pages(pages: Pages) -> None:
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
