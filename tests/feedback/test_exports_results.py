"""The results as open data (/feedback/results.csv, .json, .xlsx): exact columns and formats,
the same issues and numbers in each and as the pages (``visible_results``), only what the
visitor may see (the bandwagon rule, hidden issues, small cells suppressed in public)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from feedback.exports.columns import DECIMALS, RESULTS_HEADER
from feedback.results import DIMENSIONS, STAT_NAMES, visible_results
from tests.factories import make_coalition, make_coordinator, make_organiser
from tests.feedback.export_helpers import (
    csv_rows,
    fetch,
    make_export_session,
    make_export_sheet,
    make_rated_sheet,
    read_json,
    respond,
    workbook_rows,
)
from tests.feedback.sheet_helpers import post_data, respondent_of

pytestmark = pytest.mark.django_db


def fields(line: str) -> list[str]:
    return line.split(",")


HEADER = fields(
    "sheet,coalition,output,issue_position,issue,marks,strong_agreement,agreement,neutral,"
    "disagreement,strong_disagreement,confusion,skipped,mean,median,agreement_pct,"
    "agreement_pct_low,agreement_pct_high,disagreement_pct,confusion_pct,confusion_pct_low,"
    "confusion_pct_high,consensus,controversy,irs_score,irs_enough_marks,"
    "balanced_agreement_pct,groups_for_balance,broad_support"
)
ACCESS = fields(
    "pal,dc-pal,Output pal,1,Access,9,6,0,1,0,2,0,0,3.89,5.00,66.7,35.4,87.9,22.2,0.0,0.0,29.9,"
    "0.2361,0.4444,4.4,true,,1,false"
)
SKILLS = fields(
    "pal,dc-pal,Output pal,2,Skills,6,0,0,0,0,0,6,3,,,,,,,100.0,61.0,100.0,,,,true,,0,false"
)
PRIVACY = fields(
    "pal,dc-pal,Output pal,3,Privacy,2,0,2,0,0,0,0,7,4.00,4.00,100.0,34.2,100.0,0.0,0.0,0.0,65.8,"
    "1.0000,0.0000,5.0,false,,0,false"
)
EXPORTS = ("feedback:results-csv", "feedback:results-json", "feedback:results-xlsx")


@pytest.fixture
def session():
    return make_export_session()


@pytest.fixture
def sheet(session, coalition):
    return make_rated_sheet(session, coalition)


@pytest.fixture
def open_sheet(session):
    """Open (no closing time), results to those who sent it: the bandwagon rule applies."""
    irpc = make_coalition(name="Internet Rights and Principles Coalition", slug="irpc")
    sheet = make_export_sheet(session, irpc, "irpc", ["Universality"], closes_at=None)
    respond(sheet, {"Universality": "4"}, n=3)
    return sheet


def issues_of_csv(rows):
    return [(row[0], int(row[3]), row[4]) for row in rows[1:]]


def issues_of_json(document):
    return [
        (sheet["code"], issue["position"], issue["title"], issue["hidden"])
        for sheet in document["sheets"]
        for issue in sheet["issues"]
    ]


def test_results_csv_header_formats_and_headers_exact(client, sheet):
    response, body = fetch(client, "feedback:results-csv")

    assert response.status_code == 200
    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["Cache-Control"],
    ) == ("text/csv; charset=utf-8", 'attachment; filename="igf2015-results.csv"', "private")
    assert "Cookie" in [v.strip() for v in response["Vary"].split(",")]
    assert response.streaming is True
    assert body.startswith(b"sheet,coalition,output,issue_position,issue,marks,")
    assert b"\r\n" in body  # RFC 4180 line ends
    assert csv_rows(body) == [HEADER, ACCESS, SKILLS]
    assert list(RESULTS_HEADER) == HEADER


def test_results_csv_quotes_titles_and_keeps_utf8(client, session, coalition):
    sheet = make_export_sheet(session, coalition, "pal", ['Acesso, "para todos"', "Educação"])
    respond(sheet, {'Acesso, "para todos"': "5", "Educação": "4"}, n=1)

    _response, body = fetch(client, "feedback:results-csv")

    lines = body.decode("utf-8").split("\r\n")
    assert lines[1].startswith('pal,dc-pal,Output pal,1,"Acesso, ""para todos""",1,1,')
    assert lines[2].startswith("pal,dc-pal,Output pal,2,Educação,1,0,1,")
    assert [row[4] for row in csv_rows(body)[1:]] == ['Acesso, "para todos"', "Educação"]


def test_results_json_structure_with_small_cells_suppressed_in_public(client, sheet):
    response, body = fetch(client, "feedback:results-json")
    document = read_json(body)

    assert (response["Content-Type"], response["Cache-Control"]) == (
        "application/json; charset=utf-8",
        "private",
    )
    assert list(document) == ["generated_at", "method", "sheets"]
    assert document["method"]["version"] == "1.0"
    assert list(document["method"]["definitions"]) == list(STAT_NAMES)
    (pal,) = document["sheets"]
    assert {key: pal[key] for key in ("code", "coalition", "output", "respondents")} == {
        "code": "pal",
        "coalition": {"slug": "dc-pal", "name": "Dynamic Coalition on Public Access in Libraries"},
        "output": {
            "title": "Output pal",
            "url": "http://testserver/coalitions/dc-pal/outputs/output-pal/",
        },
        "respondents": 9,
    }
    access, skills = pal["issues"]
    assert (access["position"], access["title"], access["hidden"]) == (1, "Access", False)
    assert list(access["stats"]) == list(STAT_NAMES)
    assert (access["stats"]["mean"], access["stats"]["median"]) == (3.89, 5.0)
    assert (skills["stats"]["mean"], skills["stats"]["confusion_pct"]) == (None, 100.0)
    assert list(access["breakdowns"]) == [dimension.name for dimension in DIMENSIONS]
    groups = {cell["value"]: cell for cell in access["breakdowns"]["stakeholder_group"]}
    assert groups["government"] == {
        "value": "government",
        "label": "Government",
        "respondents": None,
        "suppressed": True,
        "stats": dict.fromkeys(STAT_NAMES),
    }
    assert (groups["academia"]["respondents"], groups["academia"]["suppressed"]) == (6, False)
    assert (
        groups["academia"]["stats"]["strong_agreement"],
        groups["academia"]["stats"]["mean"],
    ) == (
        6,
        5.0,
    )
    assert [(c["value"], c["respondents"]) for c in access["breakdowns"]["channel"]] == [
        ("online", 7),
        ("paper", None),
    ]
    assert [c["value"] for c in access["breakdowns"]["period"]] == ["before", "during", "after"]


@pytest.mark.parametrize("who", ["organiser", "coordinator"])
def test_results_json_exact_for_organisers_and_the_coalitions_coordinators(
    client, sheet, who, coalition
):
    user = make_organiser() if who == "organiser" else make_coordinator(coalition)
    client.force_login(user)

    _response, body = fetch(client, "feedback:results-json")

    (pal,) = read_json(body)["sheets"]
    assert [(issue["title"], issue["hidden"]) for issue in pal["issues"]] == [
        ("Access", False),
        ("Skills", False),
        ("Privacy", True),
    ]
    cells = pal["issues"][0]["breakdowns"]["stakeholder_group"]
    assert [(c["value"], c["respondents"], c["suppressed"]) for c in cells] == [
        ("government", 2, False),
        ("intergovernmental", 0, False),
        ("civil_society", 0, False),
        ("private_sector", 0, False),
        ("technical", 0, False),
        ("academia", 6, False),
        ("media", 0, False),
        ("other", 0, False),
        ("", 1, False),
    ]
    government = cells[0]["stats"]
    assert (government["strong_disagreement"], government["mean"]) == (2, 1.0)


@pytest.mark.parametrize("who", ["anonymous", "other coordinator"])
def test_results_hidden_issues_left_out_in_public_and_the_same_in_csv_json_and_xlsx(
    client, sheet, who
):
    if who == "other coordinator":
        client.force_login(make_coordinator(make_coalition(slug="gender")))

    _r, csv_body = fetch(client, "feedback:results-csv")
    _r, json_body = fetch(client, "feedback:results-json")
    _r, xlsx_body = fetch(client, "feedback:results-xlsx")

    assert issues_of_csv(csv_rows(csv_body)) == [("pal", 1, "Access"), ("pal", 2, "Skills")]
    assert issues_of_json(read_json(json_body)) == [
        ("pal", 1, "Access", False),
        ("pal", 2, "Skills", False),
    ]
    assert [row[4] for row in workbook_rows(xlsx_body)["pal"][1:]] == ["Access", "Skills"]


def test_results_organisers_get_hidden_issues_in_every_export(client, sheet):
    client.force_login(make_organiser())

    _r, csv_body = fetch(client, "feedback:results-csv")
    _r, json_body = fetch(client, "feedback:results-json")
    _r, xlsx_body = fetch(client, "feedback:results-xlsx")

    assert csv_rows(csv_body) == [HEADER, ACCESS, SKILLS, PRIVACY]
    assert issues_of_json(read_json(json_body)) == [
        ("pal", 1, "Access", False),
        ("pal", 2, "Skills", False),
        ("pal", 3, "Privacy", True),
    ]
    assert [row[4] for row in workbook_rows(xlsx_body)["pal"][1:]] == [
        "Access",
        "Skills",
        "Privacy",
    ]


def _number(name, text):
    if text == "":
        return None
    if name in ("irs_enough_marks", "broad_support"):
        return {"true": True, "false": False}[text]
    return float(text) if name in DECIMALS else int(text)


@pytest.mark.parametrize("who", ["anonymous", "organiser"])
def test_results_csv_json_and_xlsx_carry_the_numbers_of_the_pages(client, sheet, who):
    user = AnonymousUser()
    if who == "organiser":
        user = make_organiser()
        client.force_login(user)

    _r, csv_body = fetch(client, "feedback:results-csv")
    _r, json_body = fetch(client, "feedback:results-json")
    _r, xlsx_body = fetch(client, "feedback:results-xlsx")
    # What the results pages show: the same call, for the same visitor.
    (pages,) = visible_results(user, None, sheet.output.session, breakdowns=True)

    def rounded(name, value):
        return round(value, DECIMALS[name]) if value is not None and name in DECIMALS else value

    expected = [
        {name: rounded(name, item.stats[name]) for name in STAT_NAMES}
        for item in pages.result.issues
    ]
    from_csv = [
        {name: _number(name, text) for name, text in zip(HEADER[5:], row[5:], strict=True)}
        for row in csv_rows(csv_body)[1:]
    ]
    (pal,) = read_json(json_body)["sheets"]
    from_xlsx = [
        dict(zip(HEADER[5:], row[5:], strict=True)) for row in workbook_rows(xlsx_body)["pal"][1:]
    ]
    assert from_csv == expected
    assert [issue["stats"] for issue in pal["issues"]] == expected
    assert from_xlsx == expected
    assert len(expected) == (3 if who == "organiser" else 2)
    # The overview pages read the results without their breakdowns: the same figures.
    (overview,) = visible_results(user, None, sheet.output.session)
    assert [item.stats for item in overview.result.issues] == [
        item.stats for item in pages.result.issues
    ]
    # The breakdowns: the pages' cells, as the JSON carries them.
    assert [
        [
            (cell["value"], cell["respondents"], cell["suppressed"], cell["stats"]["marks"])
            for cell in issue["breakdowns"]["stakeholder_group"]
        ]
        for issue in pal["issues"]
    ] == [
        [
            (
                cell.value,
                cell.respondents,
                cell.suppressed,
                cell.stats["marks"] if cell.stats else None,
            )
            for cell in item.breakdowns["stakeholder_group"]
        ]
        for item in pages.result.issues
    ]


def test_results_open_sheet_absent_until_the_visitor_has_sent_it(client, sheet, open_sheet):
    (issue,) = open_sheet.output.issues.all()

    _r, before_csv = fetch(client, "feedback:results-csv")
    _r, before_json = fetch(client, "feedback:results-json")
    _r, before_xlsx = fetch(client, "feedback:results-xlsx")
    sent = client.post("/feedback/irpc/", post_data([issue], ["5"]))
    _r, after_csv = fetch(client, "feedback:results-csv")
    _r, after_json = fetch(client, "feedback:results-json")
    _r, after_xlsx = fetch(client, "feedback:results-xlsx")

    assert sent.status_code == 302
    assert open_sheet.responses.filter(respondent_hash=respondent_of(client)).count() == 1
    assert {row[0] for row in csv_rows(before_csv)[1:]} == {"pal"}
    assert [s["code"] for s in read_json(before_json)["sheets"]] == ["pal"]
    assert list(workbook_rows(before_xlsx)) == ["pal", "Definitions"]
    assert [row[0] for row in csv_rows(after_csv)[1:]] == ["pal", "pal", "irpc"]
    assert [s["code"] for s in read_json(after_json)["sheets"]] == ["pal", "irpc"]
    assert list(workbook_rows(after_xlsx)) == ["pal", "irpc", "Definitions"]


def test_results_json_labels_in_the_readers_language(client, sheet):
    client.cookies["django_language"] = "fr"

    _r, json_body = fetch(client, "feedback:results-json")

    groups = read_json(json_body)["sheets"][0]["issues"][0]["breakdowns"]["stakeholder_group"]
    assert (groups[0]["value"], groups[0]["label"]) == ("government", "Gouvernement")


@pytest.mark.parametrize("name", EXPORTS)
def test_results_empty_session_is_a_header_only_export(client, session, name):
    _response, body = fetch(client, name)

    if name.endswith("csv"):
        assert csv_rows(body) == [HEADER]
    elif name.endswith("json"):
        assert read_json(body)["sheets"] == []
    else:
        assert list(workbook_rows(body)) == ["Definitions"]


def test_results_generated_at_in_venue_time(client, sheet):
    with time_machine.travel(datetime(2015, 11, 21, 12, 0, tzinfo=UTC), tick=False):
        _r, body = fetch(client, "feedback:results-json")

    assert read_json(body)["generated_at"] == "2015-11-21T09:00:00-03:00"
