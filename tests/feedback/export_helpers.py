"""What the export tests share: a session with closed and open sheets, responses in bulk, and the
exports fetched and read back with real parsers (csv, json, openpyxl)."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

from django.urls import reverse
from openpyxl import load_workbook

from feedback.models import Rating, Response
from tests.factories import (
    make_issue,
    make_organiser,
    make_output,
    make_part,
    make_session,
    make_sheet,
)

DAY3 = datetime(2015, 11, 12, 19, 30, tzinfo=UTC)  # 16:30 in João Pessoa
DAY4 = datetime(2015, 11, 13, 13, 0, tzinfo=UTC)
MIDNIGHT = datetime(2015, 11, 14, 3, 0, tzinfo=UTC)  # the end of 13 Nov in João Pessoa
OPENS = datetime(2015, 11, 1, tzinfo=UTC)
CLOSED = datetime(2015, 11, 20, tzinfo=UTC)


def make_export_session(**fields):
    """A session with the 2015 parts: Day 3 and the Day 4 morning."""
    values = {"is_current": True, "slug": "igf2015", "year": 2015}
    values.update(fields)
    session = make_session(**values)
    make_part(session=session, starts_at=DAY3, ends_at=DAY3 + timedelta(minutes=90))
    make_part(session=session, starts_at=DAY4, ends_at=DAY4 + timedelta(minutes=90))
    return session


def make_export_sheet(session, coalition, code, titles, *, hidden=(), **fields):
    """A sheet of ``coalition``'s output with issues ``titles`` (positions 1, 2, ...), closed by
    default (its results public)."""
    output = make_output(
        session=session, coalition=coalition, title=f"Output {code}", slug=f"output-{code}"
    )
    for position, title in enumerate(titles, start=1):
        make_issue(output=output, position=position, title=title, is_hidden=title in hidden)
    values = {"output": output, "code": code, "opens_at": OPENS, "closes_at": CLOSED}
    values.update(fields)
    return make_sheet(**values)


def make_rated_sheet(session, coalition):
    """Sheet "pal", closed (results public), issues Access, Skills and Privacy (hidden): 6
    academics in the room (Access 5, Skills Confusion), 2 government paper sheets (Access 1,
    Privacy 4), 1 response without a profile (Access 3)."""
    sheet = make_export_sheet(
        session, coalition, "pal", ["Access", "Skills", "Privacy"], hidden=("Privacy",)
    )
    typist = make_organiser(username="typist")
    respond(
        sheet,
        {"Access": "5", "Skills": "confusion"},
        n=6,
        stakeholder_group="academia",
        attendance="room",
    )
    respond(
        sheet,
        {"Access": "1", "Privacy": "4"},
        n=2,
        stakeholder_group="government",
        channel="paper",
        entered_by=typist,
        respondent_hash=None,
    )
    respond(sheet, {"Access": "3"}, n=1)
    return sheet


def respond(sheet, marks: dict, n=1, **fields) -> list[Response]:
    """``n`` responses giving ``marks`` ({issue title: mark}), in two bulk queries. Other
    ``fields`` go to the responses (``respondent_hash=None`` for paper sheets)."""
    issues = {issue.title: issue for issue in sheet.output.issues.all()}
    start = Response.objects.count()
    responses = Response.objects.bulk_create(
        [
            Response(sheet=sheet, **{"respondent_hash": f"{start + i + 1:064x}", **fields})
            for i in range(n)
        ]
    )
    Rating.objects.bulk_create(
        [
            # The response's stakeholder group, as the services copy it.
            Rating(
                response=response,
                issue=issues[title],
                mark=mark,
                stakeholder_group=response.stakeholder_group,
            )
            for response in responses
            for title, mark in marks.items()
        ]
    )
    return responses


def fetch(client, name: str, **params):
    """GET an export; its body read whole (streamed or not)."""
    url = reverse(name)
    response = client.get(url, params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))


def read_json(body: bytes) -> dict:
    return json.loads(body.decode("utf-8"))


def workbook_rows(body: bytes) -> dict[str, list[list]]:
    """{worksheet title: its rows of values}."""
    workbook = load_workbook(io.BytesIO(body), read_only=True)
    try:
        return {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in workbook.worksheets
        }
    finally:
        workbook.close()
