"""The demo's second, smaller session (IGF 2016, sample data: ``igf2016.toml``), so that the
year-to-year links can be seen: three 2015 coalitions come back, each output started from its
2015 issues through the portal's own service (copied, linked by ``derived_from``), some
redrafted; one sheet per output with about 60 online sample responses in all, closed so that
the results are public; published sample answers on 2015 and 2016 issues; the 2015 debate's
running order with outcome notes.

Built through the services, each action at its moment; found by natural keys, so a second run
changes nothing. It never makes 2016 current: ``load_demo --current 2016`` does.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from coalitions.models import Coalition, Output
from coalitions.services import (
    declaration_accept,
    issue_create,
    issue_update,
    output_create,
    output_status_declare,
)
from feedback.models import DebateItem, IssueAnswer, RatingSheet, Response
from feedback.services import (
    answer_draft_save,
    answers_publish,
    debate_item_add,
    debate_item_update,
    response_submit,
    sheet_open_now,
    sheet_save,
)
from igfsession.models import Part, Session

from .facts import Facts
from .rows import create, save_changed
from .samples import sample_responses

SOURCE = Path(__file__).with_name("igf2016.toml")
YEAR = 2016


@cache
def facts_2016() -> dict:
    with SOURCE.open("rb") as source:
        return tomllib.load(source)


def load_2016(facts: Facts, *, organiser, coalitions: dict[str, Coalition], earlier: Session):
    """Load (or bring back) the 2016 session; ``earlier`` is the 2015 one. Returns it."""
    data = facts_2016()
    moments = data["moments"]
    session = _session(data)
    _part(data, session)
    outputs_2015 = {
        output.coalition.slug: output
        for output in Output.objects.filter(session=earlier).select_related("coalition")
    }
    sheets = []
    for came_back in data["coalitions"]:
        coalition = coalitions[came_back["slug"]]
        output = Output.objects.filter(session=session, coalition=coalition).first()
        if output is None:
            output = _output(came_back, coalition, session, organiser, outputs_2015)
        if output.status != Output.Status.FINAL:
            output_status_declare(
                output=output,
                user=organiser,
                status=Output.Status.FINAL,
                at=moments["final_declared"],
            )
        if output.review_state != Output.Review.ACCEPTED:
            declaration_accept(output=output, user=organiser, at=moments["final_declared"])
        sheet = RatingSheet.objects.get(output=output)  # made by feedback on the declaration
        if (sheet.opens_at, sheet.closes_at) != (moments["sheets_open"], moments["sheets_close"]):
            if sheet.opens_at is None:
                sheet_open_now(sheets=[sheet], at=moments["sheets_open"])
                sheet.refresh_from_db()
            sheet.opens_at, sheet.closes_at = moments["sheets_open"], moments["sheets_close"]
            sheet_save(sheet=sheet)
        sheets.append(sheet)
    created = _responses(facts, data, sheets)
    _answers(data, organiser, {earlier.year: earlier, YEAR: session})
    _debate(data, organiser, earlier)
    return session, created


def _session(data: dict) -> Session:
    values = {
        key: data["session"][key]
        for key in ("name", "year", "meeting_name", "city", "country", "venue", "time_zone")
    }
    values["description"] = data["session"]["description"]
    values["declaration_deadline"] = data["moments"]["declaration_deadline"]
    session = Session.objects.filter(slug=data["session"]["slug"]).first()
    if session is None:
        return create(Session, slug=data["session"]["slug"], **values)
    save_changed(session, values)
    return session


def _part(data: dict, session: Session) -> None:
    values = {
        "title": "Output presentations (sample)",
        "starts_at": data["moments"]["part_starts"],
        "ends_at": data["moments"]["part_ends"],
        "room": data["session"]["room"],
    }
    part = Part.objects.filter(session=session, kind=Part.Kind.PRESENTATIONS).first()
    if part is None:
        create(Part, session=session, kind=Part.Kind.PRESENTATIONS, **values)
    else:
        save_changed(part, values)


def _output(came_back: dict, coalition, session, user, outputs_2015) -> Output:
    """The coalition's 2016 output, started from its 2015 issues, as the portal does it."""
    output = output_create(
        coalition=coalition,
        session=session,
        user=user,
        start_from=outputs_2015[came_back["slug"]],
        title=came_back["output_title"],
        summary=came_back["output_summary"],
        language="en",
    )
    by_position = {issue.position: issue for issue in output.issues.all()}
    for redraft in came_back["redrafted"]:
        issue_update(issue=by_position[redraft["position"]], user=user, title=redraft["title"])
    for added in came_back["added"]:
        issue_create(output=output, user=user, title=added["title"], summary=added["summary"])
    return output


def _responses(facts: Facts, data: dict, sheets: list[RatingSheet]) -> int:
    """The online sample responses of every 2016 sheet, each at its moment in the sheet's
    window; those stored already are left as they are. The number submitted."""
    crowd, seed = facts.responses, data["responses"]["seed"]
    stored = set(
        Response.objects.filter(sheet__in=sheets).values_list("sheet_id", "respondent_hash")
    )
    created = 0
    for sheet in sheets:
        by_position = dict(sheet.output.issues.visible().values_list("position", "pk"))
        window = sheet.closes_at - sheet.opens_at
        samples = sample_responses(
            crowd,
            seed=seed,
            code=sheet.code,
            positions=sorted(by_position),
            count=data["responses"]["per_sheet"],
            paper_share=0.0,
        )
        for sample in samples:
            if (sheet.pk, sample.respondent_hash) in stored:
                continue
            response_submit(
                sheet=sheet,
                respondent_hash=sample.respondent_hash,
                answers={
                    by_position[position]: (mark, comment)
                    for position, mark, comment in sample.ratings
                },
                profile=sample.profile,
                at=sheet.opens_at + window * (0.05 + 0.9 * sample.fraction),
            )
            created += 1
    return created


def _issue(session: Session, slug: str, position: int):
    output = Output.objects.get(session=session, coalition__slug=slug)
    return output, output.issues.get(position=position)


def _answers(data: dict, organiser, sessions: dict[int, Session]) -> None:
    at = data["moments"]["answers_published"]
    for answer in data["answers"]:
        output, issue = _issue(sessions[answer["year"]], answer["slug"], answer["position"])
        if IssueAnswer.objects.filter(issue=issue).exists():
            continue  # written already (by the demo or since)
        answer_draft_save(
            issue=issue,
            user=organiser,
            decision=answer["decision"],
            reply=answer["reply"],
            at=at,
        )
        answers_publish(output=output, user=organiser, at=at)


def _debate(data: dict, organiser, session: Session) -> None:
    for entry in data["debate"]:
        _output, issue = _issue(session, entry["slug"], entry["position"])
        item = DebateItem.objects.filter(session=session, issue=issue).first()
        if item is None:
            item = debate_item_add(
                session=session, issue=issue, user=organiser, minutes=entry["minutes"]
            )
        if (item.minutes, item.outcome_note) != (entry["minutes"], entry["outcome_note"]):
            debate_item_update(
                item=item,
                user=organiser,
                minutes=entry["minutes"],
                outcome_note=entry["outcome_note"],
            )
