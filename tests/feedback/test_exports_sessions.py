"""Every export covers the current session, ``?session=<year>`` another; and each answers in a
fixed number of queries whatever the number of responses."""

import pytest
from django.contrib.auth.models import AnonymousUser

from feedback.results import visible_results
from igfsession.models import Session
from tests.factories import make_coalition, make_organiser
from tests.feedback.export_helpers import (
    csv_rows,
    fetch,
    make_export_session,
    make_export_sheet,
    read_json,
    respond,
    workbook_rows,
)

pytestmark = pytest.mark.django_db

EXPORTS = (
    "feedback:results-csv",
    "feedback:results-json",
    "feedback:results-xlsx",
    "feedback:responses-csv",
    "feedback:responses-xlsx",
)


@pytest.fixture
def sessions(coalition):
    """2015 (current) and 2014, each with a closed sheet and a response."""
    current = make_export_session()
    earlier = make_export_session(is_current=False, slug="igf2014", year=2014)
    for session, code in ((current, "pal"), (earlier, "pal-2014")):
        sheet = make_export_sheet(session, coalition, code, [f"Issue of {code}"])
        respond(sheet, {f"Issue of {code}": "4"})
    return current, earlier


def sheets_in(name, body) -> list[str]:
    """The sheet codes an export holds, in order, once each."""
    if name.endswith("json"):
        return [sheet["code"] for sheet in read_json(body)["sheets"]]
    if name.endswith("csv"):
        column = 1 if name == "feedback:responses-csv" else 0
        codes = [row[column] for row in csv_rows(body)[1:]]
    else:
        sheets = workbook_rows(body)
        if name == "feedback:results-xlsx":
            return [title for title in sheets if title != "Definitions"]
        codes = [row[1] for row in sheets["Marks"][1:]]
    return list(dict.fromkeys(codes))


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_current_session_by_default_another_by_year(organiser_client, sessions, name):
    response, current = fetch(organiser_client, name)
    _response, earlier = fetch(organiser_client, name, session="2014")
    _response, again = fetch(organiser_client, name, session="2015")

    assert (sheets_in(name, current), sheets_in(name, earlier), sheets_in(name, again)) == (
        ["pal"],
        ["pal-2014"],
        ["pal"],
    )
    if name != "feedback:results-json":
        assert response["Content-Disposition"].startswith('attachment; filename="igf2015-')
        assert _response["Content-Disposition"].startswith('attachment; filename="igf2015-')


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_earlier_session_is_named_in_the_file_name(organiser_client, sessions, name):
    response, _body = fetch(organiser_client, name, session="2014")

    expected = {
        "feedback:results-csv": 'attachment; filename="igf2014-results.csv"',
        "feedback:results-json": None,
        "feedback:results-xlsx": 'attachment; filename="igf2014-results.xlsx"',
        "feedback:responses-csv": 'attachment; filename="igf2014-responses.csv"',
        "feedback:responses-xlsx": 'attachment; filename="igf2014-responses.xlsx"',
    }
    assert response.get("Content-Disposition") == expected[name]


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_year_without_a_session_is_404(organiser_client, sessions, name):
    response, _body = fetch(organiser_client, name, session="2016")

    assert response.status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
@pytest.mark.parametrize("asked", ["20x5", "15", "", "2015-11", "02015"])
def test_exports_malformed_year_is_400_with_a_clear_message(
    organiser_client, sessions, name, asked
):
    response, body = fetch(organiser_client, name, session=asked)

    assert (response.status_code, response["Content-Type"], body.decode()) == (
        400,
        "text/plain; charset=utf-8",
        "?session= takes a year of four digits, for example ?session=2015.",
    )


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_without_a_current_session_are_404(organiser_client, sessions, name):
    Session.objects.update(is_current=False)

    response, _body = fetch(organiser_client, name)
    _response, earlier = fetch(organiser_client, name, session="2014")

    assert (response.status_code, sheets_in(name, earlier)) == (404, ["pal-2014"])


def test_exports_public_view_of_an_earlier_session_is_cut_the_same_way(client, sessions):
    _current, earlier = sessions

    _response, body = fetch(client, "feedback:results-json", session="2014")

    (shown,) = visible_results(AnonymousUser(), None, earlier, breakdowns=True)
    assert [s["respondents"] for s in read_json(body)["sheets"]] == [shown.result.respondents]


# --------------------------------------------------------------------------------------------
# Fixed queries
# --------------------------------------------------------------------------------------------

# The queries of each export, the same at 10 and at 1,000 responses. Results, in public: the
# session (1), the sheets with their issues (2), and the results: for the CSV and the workbook
# those of the overview (3: the marks per issue and stakeholder group, those of withdrawn
# responses to take away, the respondents), for the JSON those with breakdowns (13: also the
# session's parts, the marks per cell of the four other breakdowns, the respondents per cell of
# the five). As an organiser, the log-in's session and user (2) more. The marks: the log-in
# (2), the session, its parts and the marks, responses joined to their ratings, read in chunks.
QUERIES = {
    ("feedback:results-csv", "anonymous"): 6,
    ("feedback:results-json", "anonymous"): 16,
    ("feedback:results-xlsx", "anonymous"): 6,
    ("feedback:results-csv", "organiser"): 8,
    ("feedback:results-json", "organiser"): 18,
    ("feedback:results-xlsx", "organiser"): 8,
    ("feedback:responses-csv", "organiser"): 5,
    ("feedback:responses-xlsx", "organiser"): 5,
}


@pytest.mark.parametrize("responses", [10, 1000])
@pytest.mark.parametrize(("name", "who"), list(QUERIES))
def test_exports_queries_are_fixed_whatever_the_number_of_responses(
    client, coalition, django_assert_num_queries, responses, name, who
):
    session = make_export_session()
    pal = make_export_sheet(session, coalition, "pal", ["Access", "Skills"], hidden=("Skills",))
    irpc_coalition = make_coalition(name="Internet Rights and Principles Coalition", slug="irpc")
    irpc = make_export_sheet(session, irpc_coalition, "irpc", ["Universality"])
    respond(pal, {"Access": "4", "Skills": "5"}, n=responses // 2, stakeholder_group="media")
    respond(irpc, {"Universality": "confusion"}, n=responses // 2, region="weog")
    if who == "organiser":
        client.force_login(make_organiser())

    with django_assert_num_queries(QUERIES[name, who]):
        response, body = fetch(client, name)

    assert (response.status_code, sheets_in(name, body)) == (200, ["pal", "irpc"])
    if name == "feedback:responses-csv":
        assert len(csv_rows(body)) == 1 + responses // 2 * 3
