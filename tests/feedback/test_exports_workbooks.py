"""The results workbook (/feedback/results.xlsx): a worksheet per output with the CSV's
columns and numbers as numbers, one of definitions; titles Excel accepts; text never a
formula."""

import pytest

from feedback.exports.files import _worksheet_title
from tests.feedback.export_helpers import (
    fetch,
    make_export_session,
    make_export_sheet,
    make_rated_sheet,
    respond,
    workbook_rows,
)
from tests.feedback.test_exports_results import HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return make_export_session()


@pytest.fixture
def sheet(session, coalition):
    return make_rated_sheet(session, coalition)


def test_results_xlsx_worksheet_per_output_and_definitions(client, sheet):
    response, body = fetch(client, "feedback:results-xlsx")
    sheets = workbook_rows(body)

    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        'attachment; filename="igf2015-results.xlsx"',
    )
    assert (response["Cache-Control"], response.streaming) == ("private", True)
    assert list(sheets) == ["pal", "Definitions"]
    assert sheets["pal"][0] == HEADER
    assert sheets["pal"][1][:16] == [
        "pal",
        "dc-pal",
        "Output pal",
        1,
        "Access",
        9,
        6,
        0,
        1,
        0,
        2,
        0,
        0,
        3.89,
        5,
        66.7,
    ]
    definitions = sheets["Definitions"]
    assert definitions[0] == ["Column", "Definition"]
    assert [row[0] for row in definitions[1:30]] == HEADER
    assert definitions[24] == [
        "controversy",
        "Twice the smaller of the agreeing (5, 4) and the disagreeing (2, 1) marks, divided by "
        "the agreement marks: 0 with no opposition, 1 for an even split.",
    ]
    assert definitions[31] == ["version", "1.0"]


def test_results_xlsx_text_is_never_a_formula(client, session, coalition):
    sheet = make_export_sheet(session, coalition, "pal", ['=HYPERLINK("http://x")'])
    respond(sheet, {'=HYPERLINK("http://x")': "5"}, n=1)

    _response, body = fetch(client, "feedback:results-xlsx")

    assert workbook_rows(body)["pal"][1][4] == '=HYPERLINK("http://x")'
    assert b"<f>" not in body


def test_results_xlsx_worksheet_titles_excel_accepts():
    taken = set()

    titles = [
        _worksheet_title(text, taken)
        for text in ("pal", "PAL", "a/b:c*d?[e]", "x" * 40, "x" * 40, "History", "'quoted'")
    ]

    assert titles == [
        "pal",
        "PAL (2)",
        "a-b-c-d--e-",
        "x" * 31,
        "x" * 27 + " (2)",
        "History (2)",
        "quoted",
    ]
