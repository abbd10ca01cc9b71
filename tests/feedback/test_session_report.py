"""The session report (/feedback/report/): every output of the current session, each part as its
sheet's results visibility allows; who responded, in all and per output; the readings, the
coalitions' latest published answers and the debate's order with its outcome notes."""

from datetime import UTC, datetime

import pytest

from feedback.models import AnswerDecision, DebateItem, IssueAnswer
from tests.factories import make_coalition, make_organiser, make_session
from tests.feedback.results_helpers import (
    CASES,
    has_class,
    main_text,
    page,
    persona_client,
    rate,
    respond,
    results_sheet,
    text,
    visibility_world,
)

REPORT = "/feedback/report/"
DASH = "\N{EN DASH}"  # the pages' interval dash
PUBLISHED = datetime(2015, 11, 25, 12, tzinfo=UTC)


def output_section(response, title: str):
    for section in page(response).xpath(f"//section[{has_class('report-output')}]"):
        if text(section.find("h2")) == title:
            return section
    raise AssertionError(f"no output {title!r}")


def issue_rows(section) -> dict[str, list[str]]:
    """{issue title: its cells, as read} of an output's issues table."""
    return {
        text(row.find("th")): [text(cell) for cell in row.findall("td")]
        for row in section.xpath(f".//tr[{has_class('report-issue')}]")
    }


def breakdown(element, caption: str) -> dict[str, str]:
    for table in element.xpath(f".//table[{has_class('breakdown-table')}]"):
        if text(table.find("caption")) == caption:
            return {text(row.find("th")): text(row.find("td")) for row in table.xpath("./tbody/tr")}
    raise AssertionError(f"no table {caption!r}")


def session_part(response):
    return page(response).get_element_by_id("report-respondents-title").getparent()


@pytest.mark.parametrize(("setting", "closed", "persona", "seen"), CASES)
def test_each_output_follows_its_sheets_visibility(db, session, setting, closed, persona, seen):
    sheet = visibility_world(session, setting, closed)

    response = persona_client(persona, sheet).get(REPORT)

    assert response.status_code == 200
    section = output_section(response, "Principles")
    if seen:
        assert list(issue_rows(section)) == ["Access", "Skills"]
        assert section.xpath(f".//*[{has_class('report-withheld')}]") == []
    else:
        assert issue_rows(section) == {}
        assert len(section.xpath(f".//*[{has_class('report-withheld')}]")) == 1
        assert section.xpath(".//table") == []
        # Links only to what the visitor may open: not this sheet's results.
        assert f"/feedback/results/{sheet.code}/" not in response.content.decode()


def test_without_a_current_session_says_so(client, db):
    make_session(is_current=False)

    response = client.get(REPORT)

    assert (response.status_code, main_text(response)) == (
        200,
        "Session report There is no current session, so there is no report to show.",
    )


def test_a_session_without_sheets_says_so(client, session):
    response = client.get(REPORT)

    assert "This session has no rating sheets yet, so there is no report to show." in (
        main_text(response)
    )


def test_issues_with_figures_reading_and_latest_published_answer(client, session):
    sheet = results_sheet(
        session, code="pal", titles=("Access", "Skills", "Privacy"), closed=True, title="PAL"
    )
    rate(sheet, "Access", (10, 4, 0, 0, 0, 0))  # supported
    rate(sheet, "Skills", (7, 0, 0, 0, 7, 0))  # divided
    rate(sheet, "Privacy", (1, 0, 0, 0, 0, 0))  # not enough marks
    access, skills, _privacy = sheet.output.issues.order_by("position")
    IssueAnswer.objects.create(
        issue=access,
        version=1,
        decision=AnswerDecision.REWORK,
        reply="Old.",
        published_at=PUBLISHED,
    )
    IssueAnswer.objects.create(
        issue=access,
        version=2,
        decision=AnswerDecision.KEEP,
        reply="We keep it.",
        published_at=PUBLISHED,
    )
    IssueAnswer.objects.create(  # a draft: the coordinators' own, not in the report
        issue=skills, version=1, decision=AnswerDecision.DEBATE, reply="Secret draft."
    )

    response = client.get(REPORT)

    rows = issue_rows(output_section(response, "PAL"))
    assert rows == {
        "Access": ["14", f"100% (78{DASH}100%)", "0%", "0.84", "supported"],
        "Skills": ["14", f"50% (27{DASH}73%)", "0%", "0.00", "divided — debate it"],
        "Privacy": ["1", f"100% (21{DASH}100%)", "0%", "1.00", "not enough marks"],
    }
    answers = [
        text(cell) for cell in page(response).xpath(f"//tr[{has_class('report-answer-row')}]/td")
    ]
    assert answers == [
        "The coalition's answer: Keep as is published 25 November 2015 We keep it."
        " 1 earlier version Rework — 25 November 2015, 12:00 Old.",
        "The coalition has not published its answer to this issue yet.",
        "The coalition has not published its answer to this issue yet.",
    ]
    assert "Secret draft." not in response.content.decode()
    assert "How this was sorted" in main_text(response)


def test_hidden_issues_only_for_those_who_see_exact_results(client, session):
    sheet = results_sheet(
        session, code="pal", titles=("Access", "Gone"), hidden=("Gone",), closed=True, title="PAL"
    )
    respond(sheet, {"Access": "5", "Gone": "1"}, n=3)
    organiser = make_organiser()

    public = client.get(REPORT)
    client.force_login(organiser)
    staff = client.get(REPORT)

    assert list(issue_rows(output_section(public, "PAL"))) == ["Access"]
    assert list(issue_rows(output_section(staff, "PAL"))) == ["Access", "Gone Hidden issue"]


def test_who_responded_in_all_and_per_output_small_cells_suppressed(client, session):
    one = results_sheet(session, code="one", titles=("A",), closed=True, title="One")
    two = results_sheet(session, code="two", titles=("B",), closed=True, title="Two")
    respond(one, {"A": "5"}, n=6, stakeholder_group="government", attendance="room")
    respond(one, {"A": "4"}, n=5, stakeholder_group="civil_society", attendance="remote")
    respond(two, {"B": "4"}, n=7, stakeholder_group="government", attendance="remote")
    respond(two, {"B": "3"}, n=2, stakeholder_group="civil_society", attendance="remote")

    response = client.get(REPORT)

    whole = session_part(response)
    assert "20 responses counted across the outputs shown here." in text(whole)
    groups = breakdown(whole, "Stakeholder group")
    # Civil society is 5 on one sheet and 2 on the other: the total would give the 2 away.
    assert (groups["Government"], groups["Civil society"], groups["Media"]) == (
        "13",
        "fewer than 5",
        "fewer than 5",
    )
    assert breakdown(whole, "Taking part") == {
        "In the room": "fewer than 5",
        "Remote": "14",
        "Not said": "fewer than 5",
    }
    assert breakdown(whole, "Channel") == {"Online": "20", "Paper": "fewer than 5"}
    assert breakdown(output_section(response, "One"), "Taking part") == {
        "In the room": "6",
        "Remote": "5",
        "Not said": "fewer than 5",
    }
    assert "11 responses counted." in text(output_section(response, "One"))


def test_organisers_see_every_cell_exactly(client, session):
    one = results_sheet(session, code="one", titles=("A",), closed=True, title="One")
    two = results_sheet(session, code="two", titles=("B",), title="Two")  # open
    respond(one, {"A": "5"}, n=3, stakeholder_group="media")
    respond(two, {"B": "5"}, n=2, stakeholder_group="media")
    client.force_login(make_organiser())

    response = client.get(REPORT)

    assert breakdown(session_part(response), "Stakeholder group")["Media"] == "5"


def test_the_debate_in_order_with_outcome_notes_of_visible_outputs(client, session):
    shown = results_sheet(session, code="pal", titles=("Access", "Skills"), closed=True)
    kept = results_sheet(session, code="kept", titles=("Secret",))  # open: withheld
    access, skills = shown.output.issues.order_by("position")
    secret = kept.output.issues.get()
    DebateItem.objects.create(
        session=session,
        issue=skills,
        position=1,
        minutes=10,
        outcome_note="Redraft with the room's wording.",
    )
    DebateItem.objects.create(session=session, issue=secret, position=2)
    DebateItem.objects.create(session=session, issue=access, position=3, minutes=1)

    response = client.get(REPORT)

    items = [
        text(item) for item in page(response).xpath(f"//ol[{has_class('report-debate-list')}]/li")
    ]
    coalition = shown.output.coalition.short_name
    assert items == [
        f"Skills — {coalition} (10 minutes) Redraft with the room's wording.",
        f"Access — {coalition} (1 minute) No outcome note yet.",
    ]


def test_printable_footer_has_the_url_and_date(client, session):
    results_sheet(session, code="pal", closed=True)

    response = client.get(REPORT)

    footer = page(response).xpath(f"//footer[{has_class('print-footer')}]")
    assert len(footer) == 1
    assert text(footer[0]).startswith("http://testserver/feedback/report/ — ")
    assert 'href="/static/css/print-session-report.css"' in response.content.decode()


def _many(session, n):
    for index in range(3):
        sheet = results_sheet(
            session,
            code=f"s{index}",
            titles=("A", "B"),
            closed=True,
            title=f"Output {index}",
            coalition=make_coalition(),
        )
        respond(sheet, {"A": "5", "B": "2"}, n=n, stakeholder_group="government")
        for issue in sheet.output.issues.all():
            IssueAnswer.objects.create(
                issue=issue, version=1, decision=AnswerDecision.KEEP, published_at=PUBLISHED
            )
            DebateItem.objects.create(session=session, issue=issue, position=issue.pk)


@pytest.mark.parametrize("who", ["anonymous", "organiser"])
@pytest.mark.parametrize("n", [1, 40])
def test_the_report_reads_a_fixed_number_of_queries(
    client, session, django_assert_num_queries, who, n
):
    _many(session, n)
    if who == "organiser":
        client.force_login(make_organiser())
    client.get("/")  # the session middleware and the like, outside the count
    # The organiser: one more for the header's user menu.
    expected = {"anonymous": 19, "organiser": 22}[who]

    with django_assert_num_queries(expected):
        response = client.get(REPORT)

    assert response.status_code == 200
