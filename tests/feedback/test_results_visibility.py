"""Who sees a sheet's results on the overview and on the output's page: every role, every
setting, the sheet open and closed. The bandwagon rule: while a sheet is open, nobody who has not
sent it sees its figures (organisers and the coalition's coordinators aside)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from tests.feedback.results_helpers import (
    CASES,
    Visibility,
    main_text,
    overview_rows,
    page,
    persona_client,
    results_sheet,
    text,
    visibility_world,
    withheld_titles,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("setting", "closed", "persona", "seen"), CASES)
def test_results_sheet_page_per_role_setting_and_state(session, setting, closed, persona, seen):
    sheet = visibility_world(session, setting, closed)

    response = persona_client(persona, sheet).get("/feedback/results/pal/")

    heading = text(page(response).find(".//h1"))
    if seen:
        assert (response.status_code, heading) == (200, "Results: Principles")
    else:
        assert (response.status_code, heading) == (403, "Results not shown yet")


@pytest.mark.parametrize(("setting", "closed", "persona", "seen"), CASES)
def test_results_overview_rows_per_role_setting_and_state(session, setting, closed, persona, seen):
    sheet = visibility_world(session, setting, closed)

    response = persona_client(persona, sheet).get("/feedback/results/")

    assert response.status_code == 200
    # The other sheet is open, after submit: only "not sent" (who sent it) and organisers see it.
    other_seen = persona in ("not sent", "organiser")
    rows = (["Access", "Skills"] if seen else []) + (["Elsewhere"] if other_seen else [])
    assert overview_rows(response) == rows
    assert ("Principles" in withheld_titles(response)) is not seen


def test_results_withheld_page_says_when_without_a_single_figure(session):
    sheet = visibility_world(session, Visibility.AFTER_SUBMIT, closed=False)

    response = Client().get("/feedback/results/pal/")

    html = response.content.decode()
    assert response.status_code == 403
    assert main_text(response) == (
        "Results not shown yet Principles — DC on Libraries "
        "Its results are shown to those who have sent the sheet, and to everyone once the "
        "organisers close it. "
        "Seeing how others rated before rating sways one's own marks, so results wait. "
        "Rate this output's issues The results you can see"
    )
    assert [html.count(figure) for figure in ("<svg", "<table", "responses counted", "Access")] == [
        0,
        0,
        0,
        0,
    ]
    assert sheet.code in html  # the link to rate it


DURING = datetime(2015, 11, 12, 20, 0, tzinfo=UTC)
CLOSES = datetime(2016, 1, 1, 2, 59, tzinfo=UTC)  # 31 Dec 2015, 23:59 in João Pessoa


@pytest.mark.parametrize(
    ("setting", "closes_at", "reason"),
    [
        (
            Visibility.AFTER_SUBMIT,
            CLOSES,
            "Its results are shown to those who have sent the sheet, and to everyone once it "
            "closes, on 31 December 2015, 23:59 (time in João Pessoa).",
        ),
        (
            Visibility.AFTER_CLOSE,
            CLOSES,
            "Its results will be shown once the sheet closes, on 31 December 2015, 23:59 (time in "
            "João Pessoa).",
        ),
        (
            Visibility.AFTER_CLOSE,
            None,
            "Its results will be shown once the organisers close the sheet.",
        ),
        (
            Visibility.STAFF_ONLY,
            CLOSES,
            "Its results are kept for the organisers and the coalition's coordinators.",
        ),
    ],
)
def test_results_withheld_page_says_when_per_setting_in_venue_time(
    session, setting, closes_at, reason
):
    sheet = results_sheet(session, code="pal", visibility=setting)
    sheet.closes_at = closes_at
    sheet.save()

    with time_machine.travel(DURING, tick=False):
        response = Client().get("/feedback/results/pal/")

    paragraph = page(response).xpath("//p[@class='withheld-reason']")[0]
    assert (response.status_code, text(paragraph)) == (403, reason)
    if "December" in reason:
        assert paragraph.find(".//time").get("datetime") == "2015-12-31T23:59:00-03:00"


def test_results_withheld_staff_only_after_closing_offers_no_sheet_link(session):
    results_sheet(session, code="pal", visibility=Visibility.STAFF_ONLY, closed=True)

    response = Client().get("/feedback/results/pal/")

    assert response.status_code == 403
    assert 'href="/feedback/pal/"' not in response.content.decode()


def test_results_sheet_page_unknown_code_is_404(session, client):
    results_sheet(session, code="pal", closed=True)

    assert client.get("/feedback/results/nope/").status_code == 404
