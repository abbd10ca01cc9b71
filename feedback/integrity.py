"""What looks scripted on a sheet, for organisers (the integrity page and the results pages).

Two lists, from what each online response keeps (``feedback.client_evidence``):

- responses sent without the respondent cookie the sheet page set (a browser that opened the
  sheet always sends it back);
- bursts: runs of at least ``FEEDBACK_BURST_SIZE`` responses with identical answers (the same
  mark on every issue, the same skips) from one client address hash and browser family, the
  first and last of each ``FEEDBACK_BURST_SIZE`` of them at most ``FEEDBACK_BURST_SECONDS``
  apart; only on sheets of ``FEEDBACK_BURST_MIN_ISSUES`` issues or more (on a short sheet,
  identical answers are common).

Withdrawn responses are left out: they no longer count. Nothing is withdrawn here. A fixed
number of queries whatever the number of responses or sheets (two).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from .models import Mark, Rating, Response
from .results.stats import MarkCounts, issue_statistics


@dataclass(frozen=True)
class Suspect:
    """One response as the integrity page lists it."""

    pk: int
    created_at: datetime
    client_hash: str
    agent_family: str
    answers: tuple  # ((issue id, mark), ...) in issue id order


@dataclass
class Burst:
    agent_family: str
    client_hash: str
    answers: tuple
    responses: list[Suspect] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.responses)

    @property
    def first_at(self) -> datetime:
        return self.responses[0].created_at

    @property
    def last_at(self) -> datetime:
        return self.responses[-1].created_at

    @property
    def pks(self) -> list[int]:
        return [response.pk for response in self.responses]


@dataclass
class SheetIntegrity:
    without_cookie: list[Suspect]
    bursts: list[Burst]
    bursts_checked: bool  # False on a sheet with too few issues

    @property
    def burst_pks(self) -> set[int]:
        return {pk for burst in self.bursts for pk in burst.pks}

    @property
    def without_cookie_pks(self) -> set[int]:
        return {response.pk for response in self.without_cookie}


def find_bursts(
    responses: list[Suspect], *, size: int, seconds: int, issue_count: int, min_issues: int
) -> list[Burst]:
    """The bursts among ``responses`` (pure: the rule, tested at its edges)."""
    if issue_count < min_issues or size < 1:
        return []
    groups: dict[tuple, list[Suspect]] = defaultdict(list)
    for response in responses:
        if response.client_hash and response.answers:
            groups[(response.client_hash, response.agent_family, response.answers)].append(response)
    bursts = []
    for (client, family, answers), members in groups.items():
        members.sort(key=lambda item: (item.created_at, item.pk))
        flagged = [False] * len(members)
        for start in range(len(members) - size + 1):
            end = start + size - 1
            if (members[end].created_at - members[start].created_at).total_seconds() <= seconds:
                flagged[start : end + 1] = [True] * size
        current: Burst | None = None
        for member, is_flagged in zip(members, flagged, strict=True):
            if not is_flagged:
                current = None
                continue
            if current is None:
                current = Burst(agent_family=family, client_hash=client, answers=answers)
                bursts.append(current)
            current.responses.append(member)
    bursts.sort(key=lambda burst: (burst.first_at, burst.client_hash))
    return bursts


def sheet_integrity(sheet, *, issue_count: int) -> SheetIntegrity:
    """Both lists for one sheet (two queries). ``issue_count``: the issues the sheet shows."""
    return sheets_integrity([sheet], issue_counts={sheet.pk: issue_count})[sheet.pk]


def sheets_integrity(sheets, *, issue_counts: dict[int, int]) -> dict[int, SheetIntegrity]:
    """Both lists for each of ``sheets``, by sheet id (two queries however many sheets)."""
    pks = [sheet.pk for sheet in sheets]
    rows = list(
        Response.objects.counted()
        .filter(sheet__in=pks, channel=Response.Channel.ONLINE)
        .order_by("created_at", "pk")
        .values_list(
            "pk", "sheet_id", "created_at", "client_hash", "agent_family", "carried_sheet_cookie"
        )
    )
    answers: dict[int, list] = defaultdict(list)
    ratings = (
        Rating.objects.filter(
            response__sheet__in=pks,
            response__channel=Response.Channel.ONLINE,
            response__withdrawn_at__isnull=True,
        )
        .order_by("response_id", "issue_id")
        .values_list("response_id", "issue_id", "mark")
    )
    for response_id, issue_id, mark in ratings:
        answers[response_id].append((issue_id, mark))
    per_sheet: dict[int, list] = defaultdict(list)
    for pk, sheet_id, created_at, client, family, carried in rows:
        suspect = Suspect(pk, created_at, client, family, tuple(answers.get(pk, ())))
        per_sheet[sheet_id].append((suspect, carried))
    found = {}
    for pk in pks:
        members = per_sheet.get(pk, [])
        count = issue_counts.get(pk, 0)
        found[pk] = SheetIntegrity(
            without_cookie=[suspect for suspect, carried in members if carried is False],
            bursts=find_bursts(
                [suspect for suspect, _carried in members],
                size=settings.FEEDBACK_BURST_SIZE,
                seconds=settings.FEEDBACK_BURST_SECONDS,
                issue_count=count,
                min_issues=settings.FEEDBACK_BURST_MIN_ISSUES,
            ),
            bursts_checked=count >= settings.FEEDBACK_BURST_MIN_ISSUES,
        )
    return found


_COUNT_NAME = {
    Mark.STRONG_AGREEMENT: "strong_agreement",
    Mark.AGREEMENT: "agreement",
    Mark.NEUTRAL: "neutral",
    Mark.DISAGREEMENT: "disagreement",
    Mark.STRONG_DISAGREEMENT: "strong_disagreement",
    Mark.CONFUSION: "confusion",
}


@dataclass(frozen=True)
class WithoutBursts:
    """A sheet's figures without the responses in its flagged bursts."""

    responses: int  # how many responses the bursts hold
    bursts: int
    respondents: int  # the counted responses left
    stats: dict[int, dict]  # issue id: issue_statistics without them (no balance figures)


def figures_without_bursts(result, integrity: SheetIntegrity) -> WithoutBursts | None:
    """``result`` (a ``SheetResult``) recomputed without the bursts' responses, from its counts
    less theirs (no query); None when nothing is flagged."""
    if not integrity.bursts:
        return None
    taken: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for burst in integrity.bursts:
        for issue_id, mark in burst.answers:
            taken[issue_id][_COUNT_NAME[Mark(mark)]] += burst.size
    flagged = len(integrity.burst_pks)
    respondents = max(result.respondents - flagged, 0)
    stats = {}
    for item in result.issues:
        less = taken.get(item.issue.pk, {})
        counts = MarkCounts(
            **{name: max(item.stats[name] - less.get(name, 0), 0) for name in _COUNT_NAME.values()}
        )
        stats[item.issue.pk] = issue_statistics(counts, respondents=respondents)
    return WithoutBursts(
        responses=flagged, bursts=len(integrity.bursts), respondents=respondents, stats=stats
    )
