"""The output's page links to its results exactly when the visitor may open them (feedback's
``sheet_results_visible`` tag), in a fixed number of queries."""

import pytest
from django.test import Client

from tests.factories import make_coalition, make_session
from tests.feedback.results_helpers import (
    CASES,
    page,
    persona_client,
    respond,
    respondent_client,
    results_sheet,
    text,
    visibility_world,
)

pytestmark = pytest.mark.django_db

OUTPUT_URL = "/coalitions/dc-pal/outputs/output-pal/"
RESULTS_URL = "/feedback/results/pal/"


@pytest.fixture
def session():
    return make_session(is_current=True)


@pytest.mark.parametrize(("setting", "closed", "persona", "seen"), CASES)
def test_output_page_links_the_results_exactly_when_allowed(
    session, setting, closed, persona, seen
):
    sheet = visibility_world(session, setting, closed)
    visitor = persona_client(persona, sheet)

    links = page(visitor.get(OUTPUT_URL)).xpath(f"//a[@href='{RESULTS_URL}']")

    assert [text(a) for a in links] == (["See the results"] if seen else [])
    # And the link always opens: no public page links to results it cannot show.
    if seen:
        assert visitor.get(RESULTS_URL).status_code == 200


@pytest.mark.parametrize("responses", [10, 1000])
@pytest.mark.parametrize(("who", "queries"), [("anonymous", 6), ("respondent", 7)])
def test_output_page_results_link_in_fixed_queries(
    session, django_assert_num_queries, responses, who, queries
):
    coalition = make_coalition(name="DC on Libraries", acronym="DC-PAL", slug="dc-pal")
    sheet = results_sheet(session, code="pal", titles=("Access",), closed=True, coalition=coalition)
    respond(sheet, {"Access": "4"}, n=responses)
    visitor, _token = respondent_client("me") if who == "respondent" else (Client(), None)

    # The output, its issues, its versions, its sheet, the session, the published answers; a
    # respondent: whether they sent the sheet.
    with django_assert_num_queries(queries):
        response = visitor.get(OUTPUT_URL)

    assert response.content.decode().count(f'href="{RESULTS_URL}"') == 1
