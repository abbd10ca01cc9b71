"""What the rating-sheet view tests share: sheets with issues, posted answers, the visitor."""

from datetime import UTC, datetime

from django.test import Client

from feedback.respondent import COOKIE_NAME, token_hash
from tests.factories import make_issue, make_output, make_sheet

OPEN = datetime(2015, 11, 1, tzinfo=UTC)


def sheet_with_issues(session, count=3, code="irpc", **sheet_fields):
    output = make_output(session=session, title=f"Output {code}")
    issues = [
        make_issue(output=output, position=n, title=f"Issue {n}") for n in range(1, count + 1)
    ]
    sheet = make_sheet(output=output, code=code, opens_at=OPEN, **sheet_fields)
    return sheet, issues


def post_data(issues, marks, **extra):
    data = {f"mark_{issue.pk}": mark for issue, mark in zip(issues, marks, strict=False) if mark}
    data.update(extra)
    return data


def respondent_of(client: Client) -> str:
    cookie = client.cookies[COOKIE_NAME].value
    token = cookie.split(":")[0]
    return token_hash(token)
