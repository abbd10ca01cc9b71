"""The coalition sees the organisers' review of its declaration in its portal: waiting, accepted on
…, or sent back on … with the organisers' note (its output page and its checklist)."""

import re
from datetime import UTC, datetime

import pytest

from coalitions.models import Output
from coalitions.services import declaration_accept, declaration_send_back, output_status_declare

pytestmark = pytest.mark.django_db

PORTAL = "/coalitions/dc-pal/manage/"
OUTPUT_PAGE = f"{PORTAL}outputs/principles/"
REVIEWED = datetime(2015, 10, 21, 13, 30, tzinfo=UTC)  # 10:30 in João Pessoa


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def _review(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<p id="declaration-review">(.*?)</p>', html, re.S)
    return _text(match.group(1)) if match else ""


def _first_step(response) -> str:
    html = response.content.decode()
    return _text(re.search(r'<li class="portal-step[^"]*">(.*?)</li>', html, re.S).group(1))


def test_a_new_declaration_shows_waiting_for_the_organisers(
    coordinator_client, coordinator, output
):
    output_status_declare(output=output, user=coordinator, status=Output.Status.FINAL)

    assert _review(coordinator_client.get(OUTPUT_PAGE)) == (
        "Waiting for the organisers: they accept the declaration, or send it back with a note."
    )


def test_an_accepted_declaration_shows_when(coordinator_client, coordinator, organiser, output):
    output_status_declare(output=output, user=coordinator, status=Output.Status.FINAL)
    declaration_accept(output=output, user=organiser, at=REVIEWED)

    assert _review(coordinator_client.get(OUTPUT_PAGE)) == (
        "Accepted by the organisers on 21 October 2015, 10:30 (America/Fortaleza)."
    )


def test_a_declaration_sent_back_shows_the_note_on_the_page_and_in_the_checklist(
    coordinator_client, coordinator, organiser, output
):
    output_status_declare(output=output, user=coordinator, status=Output.Status.FINAL)
    declaration_send_back(
        output=output, user=organiser, note="Upload the <final> file first.", at=REVIEWED
    )

    page = coordinator_client.get(OUTPUT_PAGE)
    assert _review(page) == (
        "Sent back by the organisers on 21 October 2015, 10:30 (America/Fortaleza): "
        "Upload the &lt;final&gt; file first. Change what they ask, then declare again."
    )
    assert '<q dir="auto">Upload the &lt;final&gt; file first.</q>' in page.content.decode()
    assert _first_step(coordinator_client.get(PORTAL)).endswith(
        "Upload the &lt;final&gt; file first. Change what they ask, then declare again."
    )


def test_a_draft_shows_no_review(coordinator_client, output):
    assert _review(coordinator_client.get(OUTPUT_PAGE)) == ""
