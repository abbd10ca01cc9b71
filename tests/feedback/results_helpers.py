"""What the results pages' tests share: sheets with issues, responses made in bulk, visitors with
a respondent token, and the pages read as a person reads them (lxml)."""

import copy
import re
from datetime import UTC, datetime

import lxml.etree
import lxml.html
from django.core.signing import get_cookie_signer
from django.test import Client

from feedback.models import Rating, RatingSheet, Response
from feedback.respondent import COOKIE_NAME, COOKIE_SALT, token_hash
from tests.factories import (
    make_coalition,
    make_coordinator,
    make_issue,
    make_organiser,
    make_output,
    make_sheet,
)

OPENED = datetime(2015, 11, 1, tzinfo=UTC)
CLOSED = datetime(2015, 11, 20, tzinfo=UTC)  # in the past: a closed sheet
Visibility = RatingSheet.ResultsVisibility


def results_sheet(
    session,
    *,
    code="pal",
    titles=("Access", "Skills", "Privacy"),
    hidden=(),
    closed=False,
    visibility=Visibility.AFTER_SUBMIT,
    coalition=None,
    title=None,
):
    """A sheet of ``session`` whose output has ``titles`` as issues in that order."""
    fields = {"coalition": coalition} if coalition is not None else {}
    output = make_output(
        session=session, title=title or f"Output {code}", slug=f"output-{code}", **fields
    )
    for position, issue_title in enumerate(titles, start=1):
        make_issue(
            output=output, position=position, title=issue_title, is_hidden=issue_title in hidden
        )
    return make_sheet(
        output=output,
        code=code,
        opens_at=OPENED,
        closes_at=CLOSED if closed else None,
        results_visibility=visibility,
    )


_made = iter(range(10**9))


def respond(sheet, marks: dict, n=1, *, comments=None, hashes=None, **fields):
    """``n`` counted online responses giving ``marks`` ({issue title: mark}), in bulk; ``comments``
    ({issue title: text}) go with each of them."""
    issues = {issue.title: issue for issue in sheet.output.issues.all()}
    hashes = hashes or [f"{next(_made):064x}" for _ in range(n)]
    responses = Response.objects.bulk_create(
        [Response(sheet=sheet, respondent_hash=h, **fields) for h in hashes]
    )
    comments = comments or {}
    Rating.objects.bulk_create(
        [
            Rating(
                response=response,
                issue=issues[title],
                mark=mark,
                comment=comments.get(title, ""),
                stakeholder_group=response.stakeholder_group,  # as the services copy it
            )
            for response in responses
            for title, mark in marks.items()
        ]
    )
    return responses


def respondent_client(token: str) -> tuple[Client, str]:
    """A visitor holding the respondent cookie of ``token``, and its stored hash."""
    client = Client()
    client.cookies[COOKIE_NAME] = get_cookie_signer(salt=COOKIE_NAME + COOKIE_SALT).sign(token)
    return client, token_hash(token)


def page(response):
    return lxml.html.fromstring(response.content.decode())


def has_class(name: str) -> str:
    """An XPath condition: the element has the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def text(element) -> str:
    """An element's text as read: whitespace collapsed, each text piece apart, charts left out
    (their numbers are in the table beside them). Text isolated in its own direction (a
    ``<bdi>`` inside a sentence) reads as part of the sentence around it."""
    element = copy.deepcopy(element)
    lxml.etree.strip_tags(element, "bdi")
    element = lxml.html.fromstring(lxml.html.tostring(element, with_tail=False))  # one piece
    pieces = element.xpath(".//text()[not(ancestor::*[local-name()='svg'])]")
    read = re.sub(r"\s+", " ", " ".join(pieces)).strip()
    return read.replace("( ", "(").replace(" )", ")")


def main_text(response) -> str:
    return text(page(response).get_element_by_id("main"))


def overview_rows(response) -> list[str]:
    """The overview's issues, in the table's order."""
    return [
        text(cell.find("a"))
        for cell in page(response).xpath(f"//table[{has_class('results-table')}]/tbody/tr/th")
    ]


def overview_cells(response) -> dict[str, list[str]]:
    """{issue title: the row's cells after the issue, as read}."""
    rows = {}
    for row in page(response).xpath(f"//table[{has_class('results-table')}]/tbody/tr"):
        title = text(row.find("th").find("a"))
        rows[title] = [text(cell) for cell in row.findall("td")]
    return rows


def withheld_titles(response) -> list[str]:
    return [
        text(item.find("strong"))
        for item in page(response).xpath(f"//*[{has_class('withheld-list')}]/li")
    ]


def issue_sections(response) -> dict[str, object]:
    """{issue title: its section} on an output's results page."""
    sections = {}
    for section in page(response).xpath(f"//section[{has_class('results-issue')}]"):
        heading = text(section.find("h2"))
        sections[heading.split(". ", 1)[1]] = section
    return sections


def breakdown(section, caption: str) -> dict[str, list[str]]:
    """{cell label: its figures, as read} of the breakdown table with that caption."""
    for table in section.xpath(f".//table[{has_class('breakdown-table')}]"):
        if text(table.find("caption")) == caption:
            return {
                text(row.find("th")): [text(cell) for cell in row.findall("td")]
                for row in table.xpath("./tbody/tr")
            }
    raise AssertionError(f"no table {caption!r}")


def comments_by_mark(section) -> dict[str, list[str]]:
    """{mark heading: [comment as read, with its hidden note]} of one issue's section."""
    grouped, current = {}, None
    for element in section.iter("h4", "li"):
        if element.tag == "h4":
            current = text(element)
            grouped[current] = []
        elif "comment" in element.get("class", "").split():
            grouped[current].append(text(element))
    return grouped


MARK_ORDER = ("5", "4", "3", "2", "1", "confusion")


def rate(sheet, title: str, counts: tuple, **fields):
    """Responses that mark only issue ``title``: ``counts`` of each mark, 5..1 then Confusion."""
    made = []
    for mark, count in zip(MARK_ORDER, counts, strict=True):
        if count:
            made += respond(sheet, {title: mark}, n=count, **fields)
    return made


# Who sees a sheet's results: every role, setting and state (tests of every results page).
PERSONAS = ("anonymous", "sent", "not sent", "coordinator", "other coordinator", "organiser")
# (setting, closed): who sees the results, in PERSONAS' order.
SEES = {
    (Visibility.AFTER_SUBMIT, False): (False, True, False, True, False, True),
    (Visibility.AFTER_SUBMIT, True): (True, True, True, True, True, True),
    (Visibility.AFTER_CLOSE, False): (False, False, False, True, False, True),
    (Visibility.AFTER_CLOSE, True): (True, True, True, True, True, True),
    (Visibility.STAFF_ONLY, False): (False, False, False, True, False, True),
    (Visibility.STAFF_ONLY, True): (False, False, False, True, False, True),
}
CASES = [
    (setting, closed, persona, seen)
    for (setting, closed), answers in SEES.items()
    for persona, seen in zip(PERSONAS, answers, strict=True)
]


def visibility_world(session, setting, closed):
    coalition = make_coalition(name="DC on Libraries", acronym="DC-PAL", slug="dc-pal")
    sheet = results_sheet(
        session,
        code="pal",
        titles=("Access", "Skills"),
        closed=closed,
        visibility=setting,
        coalition=coalition,
        title="Principles",
    )
    other = results_sheet(session, code="other", titles=("Elsewhere",), title="Other output")
    respond(sheet, {"Access": "5", "Skills": "2"}, n=6)
    _sent, sent_hash = respondent_client("sent-token")
    _not, not_sent_hash = respondent_client("not-sent-token")
    respond(sheet, {"Access": "4"}, hashes=[sent_hash])
    respond(other, {"Elsewhere": "4"}, hashes=[not_sent_hash])  # sent another sheet only
    return sheet


def persona_client(persona, sheet) -> Client:
    if persona == "sent":
        return respondent_client("sent-token")[0]
    if persona == "not sent":
        return respondent_client("not-sent-token")[0]
    client = Client()
    user = {
        "anonymous": lambda: None,
        "coordinator": lambda: make_coordinator(sheet.output.coalition),
        "other coordinator": lambda: make_coordinator(make_coalition()),
        "organiser": make_organiser,
    }[persona]()
    if user is not None:
        client.force_login(user)
    return client
