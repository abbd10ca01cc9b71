"""The anonymised marks (/feedback/responses.csv, .xlsx): organisers only, one row per mark of
the counted responses, no personal data, no hidden comment; and with the results CSV, every
figure of the results recomputes from them."""

import random
from collections import defaultdict
from datetime import timedelta

import pytest
from django.urls import reverse

from feedback.exports.columns import RESULTS_HEADER, csv_text
from feedback.results import STAT_NAMES, MarkCounts, issue_statistics
from feedback.results.stats import MARK_FIELDS
from feedback.services import comment_hide
from tests.factories import make_coalition, make_coordinator, make_rating, make_user
from tests.feedback.export_helpers import (
    DAY3,
    MIDNIGHT,
    csv_rows,
    fetch,
    make_export_session,
    make_export_sheet,
    respond,
    workbook_rows,
)

pytestmark = pytest.mark.django_db


def fields(line: str) -> list[str]:
    return line.split(",")


HEADER = fields(
    "response,sheet,coalition,issue_position,issue,mark,comment,stakeholder_group,region,"
    "attendance,channel,period,submitted_at"
)
EXPORTS = ("feedback:responses-csv", "feedback:responses-xlsx")
DURING = "2015-11-12T16:40:00-03:00"  # the online response, in venue time


@pytest.fixture
def session():
    return make_export_session()


@pytest.fixture
def sheet(session, coalition):
    return make_export_sheet(
        session, coalition, "pal", ["Access", "Skills", "Privacy"], hidden=("Privacy",)
    )


@pytest.fixture
def responses(sheet, organiser):
    """An online response with a comment and a hidden one; a paper sheet from before the
    session marking the hidden issue; a withdrawn response; one that marked nothing, after."""
    (online,) = respond(
        sheet,
        {},
        stakeholder_group="academia",
        region="weog",
        attendance="room",
        filled_in_at=DAY3 + timedelta(minutes=10),
        created_at=DAY3 + timedelta(minutes=10),
    )
    make_rating(response=online, issue=issue(sheet, "Access"), mark="5", comment="Yes")
    unclear = make_rating(
        response=online,
        issue=issue(sheet, "Skills"),
        mark="confusion",
        comment="Call me on +55 83 5555 0100",
    )
    comment_hide(target=unclear, by=organiser, reason="A phone number")
    (paper,) = respond(
        sheet,
        {"Access": "2", "Privacy": "4"},
        channel="paper",
        entered_by=organiser,
        respondent_hash=None,
        filled_in_at=DAY3 - timedelta(days=1),
        created_at=DAY3 + timedelta(hours=3),
    )
    (withdrawn,) = respond(sheet, {"Access": "1"}, withdrawn_at=MIDNIGHT)
    (silent,) = respond(sheet, {}, filled_in_at=MIDNIGHT + timedelta(hours=1), created_at=MIDNIGHT)
    return online, paper, withdrawn, silent


def issue(sheet, title):
    return sheet.output.issues.get(title=title)


def cells_of(name, body) -> list:
    """Every cell of the export: the CSV's, or every worksheet's of the workbook."""
    if name.endswith("csv"):
        return [cell for row in csv_rows(body) for cell in row]
    return [cell for rows in workbook_rows(body).values() for row in rows for cell in row]


def test_responses_csv_one_row_per_mark_exact(organiser_client, responses):
    online, paper, _withdrawn, silent = responses

    response, body = fetch(organiser_client, "feedback:responses-csv")

    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["Cache-Control"],
        response.streaming,
    ) == (
        "text/csv; charset=utf-8",
        'attachment; filename="igf2015-responses.csv"',
        "private",
        True,
    )
    assert "Cookie" in [v.strip() for v in response["Vary"].split(",")]
    on, pp, sp = online.pk, paper.pk, silent.pk
    assert csv_rows(body) == [
        HEADER,
        fields(f"{on},pal,dc-pal,1,Access,5,Yes,academia,weog,room,online,during,{DURING}"),
        fields(f"{on},pal,dc-pal,2,Skills,confusion,,academia,weog,room,online,during,{DURING}"),
        fields(f"{pp},pal,dc-pal,1,Access,2,,,,,paper,before,2015-11-12T19:30:00-03:00"),
        fields(f"{pp},pal,dc-pal,3,Privacy,4,,,,,paper,before,2015-11-12T19:30:00-03:00"),
    ]
    # One row per mark: a response that marked nothing has none (results.csv counts it among
    # the sheet's respondents, as marks plus skipped).
    assert str(sp) not in [row[0] for row in csv_rows(body)]


def test_responses_xlsx_the_same_rows_marks_as_numbers(organiser_client, responses):
    online, paper, _withdrawn, silent = responses

    response, body = fetch(organiser_client, "feedback:responses-xlsx")
    sheets = workbook_rows(body)

    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        'attachment; filename="igf2015-responses.xlsx"',
    )
    assert list(sheets) == ["Marks", "Definitions"]
    profile, nothing = ["academia", "weog", "room"], [None, None, None]
    before = "2015-11-12T19:30:00-03:00"
    skills = ["Skills", "confusion", None]
    assert sheets["Marks"] == [
        HEADER,
        [online.pk, "pal", "dc-pal", 1, "Access", 5, "Yes", *profile, "online", "during", DURING],
        [online.pk, "pal", "dc-pal", 2, *skills, *profile, "online", "during", DURING],
        [paper.pk, "pal", "dc-pal", 1, "Access", 2, None, *nothing, "paper", "before", before],
        [paper.pk, "pal", "dc-pal", 3, "Privacy", 4, None, *nothing, "paper", "before", before],
    ]
    assert silent.pk not in [row[0] for row in sheets["Marks"]]
    assert [row[0] for row in sheets["Definitions"]] == ["Column", *HEADER]


@pytest.mark.parametrize("name", EXPORTS)
def test_responses_hidden_comment_is_in_no_export(organiser_client, responses, name):
    _response, body = fetch(organiser_client, name)

    assert [cell for cell in cells_of(name, body) if "5555" in str(cell)] == []
    assert [cell for cell in cells_of(name, body) if cell == "Yes"] == ["Yes"]  # a shown one


@pytest.mark.parametrize("name", EXPORTS)
def test_responses_no_personal_data_in_any_column(organiser_client, sheet, name):
    typist = make_user(username="typist-joana")  # e-mail typist-joana@example.org
    (consenting,) = respond(
        sheet,
        {"Access": "4"},
        respondent_hash="ab" * 32,
        contact_consent=True,
        contact_name="Maria Silva",
        contact_organisation="Biblioteca Nacional",
        contact_email="maria.silva@example.org",
        overall_comment="Overall, fine.",
    )
    (typed,) = respond(
        sheet, {"Skills": "3"}, channel="paper", entered_by=typist, respondent_hash=None
    )
    personal = [
        "Maria Silva",
        "Biblioteca Nacional",
        "maria.silva@example.org",
        "ab" * 32,
        "typist-joana",
        "typist-joana@example.org",
        "Overall, fine.",
        "127.0.0.1",
    ]

    _response, body = fetch(organiser_client, name)

    rows = csv_rows(body) if name.endswith("csv") else workbook_rows(body)["Marks"]
    found = {
        (column, text)
        for row in rows[1:]
        for column, cell in zip(HEADER, row, strict=True)
        for text in personal
        if text in str(cell)
    }
    assert rows[0] == HEADER
    assert [str(row[0]) for row in rows[1:]] == [str(consenting.pk), str(typed.pk)]
    assert found == set()
    assert [cell for cell in cells_of(name, body) for text in personal if text in str(cell)] == []


@pytest.mark.parametrize("name", EXPORTS)
def test_responses_exports_are_for_organisers_only(client, sheet, coalition, name):
    url = reverse(name)
    answers = {}
    for who, user in (
        ("anonymous", None),
        ("participant", make_user()),
        ("coordinator", make_coordinator(coalition)),
        ("other coordinator", make_coordinator(make_coalition())),
        ("inactive staff", make_user(is_staff=True, is_active=False)),
        ("staff", make_user(is_staff=True)),
        ("superuser", make_user(is_superuser=True)),
    ):
        client.logout()
        if user is not None:
            client.force_login(user)
        response, _body = fetch(client, name)
        answers[who] = (response.status_code, response.get("Location"))

    login = (302, f"/accounts/login/?next={url}")
    assert answers == {
        "anonymous": login,
        "participant": (403, None),
        "coordinator": (403, None),
        "other coordinator": (403, None),
        "inactive staff": login,
        "staff": (200, None),
        "superuser": (200, None),
    }


def _recomputed(results, marks):
    """The results CSV's rows, every figure recomputed from responses.csv with the method's
    own function; the sheets' and issues' names and order taken from the results CSV, and each
    sheet's respondents too (any issue's marks plus skipped: those who marked nothing count)."""
    column = {name: results[0].index(name) for name in RESULTS_HEADER}
    respondents = {
        row[0]: int(row[column["marks"]]) + int(row[column["skipped"]]) for row in results[1:]
    }
    counts = defaultdict(lambda: defaultdict(int))
    by_group = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for row in marks[1:]:
        mark = dict(zip(HEADER, row, strict=True))
        key = (mark["sheet"], mark["issue_position"])
        counts[key][MARK_FIELDS[mark["mark"]]] += 1
        if mark["stakeholder_group"]:
            by_group[key][mark["stakeholder_group"]][MARK_FIELDS[mark["mark"]]] += 1
    rows = [results[0]]
    for row in results[1:]:
        key = (row[0], row[3])
        stats = issue_statistics(
            MarkCounts(**counts[key]),
            respondents=respondents[row[0]],
            groups={group: MarkCounts(**c) for group, c in by_group[key].items()},
        )
        rows.append([*row[:5], *(csv_text(name, stats[name]) for name in STAT_NAMES)])
    return rows


def test_responses_csv_recomputes_every_figure_of_the_results_csv(organiser_client, session, sheet):
    irpc = make_export_sheet(
        session,
        make_coalition(name="Internet Rights and Principles Coalition", slug="irpc"),
        "irpc",
        ["Universality", "Nobody marked this"],
    )
    chance = random.Random(2015)
    groups = ["government", "civil_society", "private_sector", "technical", "academia", ""]
    marks = ["5", "4", "3", "2", "1", "confusion", None]  # None: skipped
    for _ in range(150):
        given = {title: chance.choice(marks) for title in ("Access", "Skills", "Privacy")}
        respond(
            sheet,
            {title: mark for title, mark in given.items() if mark},
            stakeholder_group=chance.choice(groups),
            region=chance.choice(["african", "weog", ""]),
            withdrawn_at=MIDNIGHT if chance.random() < 0.1 else None,
        )
    respond(sheet, {}, n=3)  # counted, marked nothing
    # Broad support on Universality: three groups with 9 in 10 agreeing; one group against, too
    # small to count in the balance.
    for group in ("government", "civil_society", "technical"):
        respond(irpc, {"Universality": "5"}, n=9, stakeholder_group=group)
        respond(irpc, {"Universality": "2"}, n=1, stakeholder_group=group)
    respond(irpc, {"Universality": "1"}, n=4, stakeholder_group="media")
    respond(irpc, {"Universality": "confusion"}, n=2)

    _r, results_body = fetch(organiser_client, "feedback:results-csv")
    _r, marks_body = fetch(organiser_client, "feedback:responses-csv")
    results = csv_rows(results_body)

    assert _recomputed(results, csv_rows(marks_body)) == results
    # Every kind of figure is reached: each issue, balance and broad support, undefined ones.
    column = {name: results[0].index(name) for name in RESULTS_HEADER}
    assert [
        (row[0], row[4], row[column["groups_for_balance"]], row[column["broad_support"]])
        for row in results[1:]
    ] == [
        ("pal", "Access", "5", "false"),
        ("pal", "Skills", "5", "false"),
        ("pal", "Privacy", "5", "false"),
        ("irpc", "Universality", "3", "true"),
        ("irpc", "Nobody marked this", "0", "false"),
    ]
    assert (results[5][column["mean"]], results[5][column["skipped"]]) == ("", "36")
