"""The sample responses: a seeded crowd that rates each sheet's issues (no database here).

The same seed and sheet code always give the same responses, in the same order: who answered
(profile, channel), what they marked, and when in their period (before, during or after the
session) they answered. ``responses.py`` places them in time and submits them.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass

from feedback.models import Channel, Mark
from feedback.services import paper_entry_key_hash

from .facts import IssueModelFacts, ResponseFacts

# The agreement marks, strongest first; Confusion is drawn apart (it is not on the number line).
MARKS = tuple(m.value for m in Mark if m != Mark.CONFUSION)
PERIODS = ("before", "during", "after")


def entry_key(seed: int, code: str, index: int) -> str:
    """What identifies sample respondent ``index`` on sheet ``code``, whatever its channel."""
    return f"igf-demo:{seed}:{code}:{index}"


def online_hash(key: str) -> str:
    """The respondent hash of an online sample (as the demo has always made it)."""
    return hashlib.sha256(key.encode()).hexdigest()


def demo_hashes(key: str) -> tuple[str, str]:
    """Both hashes a sample may have been stored under: online, and paper (by its entry key)."""
    return online_hash(key), paper_entry_key_hash(key)


@dataclass(frozen=True)
class SampleResponse:
    index: int
    entry_key: str
    channel: str
    stakeholder_group: str
    region: str
    attendance: str
    overall_comment: str
    # When an online response came in: its period, and how far into that period's window
    # (0 <= fraction < 1). Paper sheets are typed in at the end of the part: "during".
    period: str
    fraction: float
    ratings: tuple[tuple[int, str, str], ...]  # (issue position, mark, comment)

    @property
    def is_paper(self) -> bool:
        return self.channel == Channel.PAPER

    @property
    def respondent_hash(self) -> str:
        online, paper = demo_hashes(self.entry_key)
        return paper if self.is_paper else online

    @property
    def profile(self) -> dict[str, str]:
        return {
            "stakeholder_group": self.stakeholder_group,
            "region": self.region,
            "attendance": self.attendance,
            "overall_comment": self.overall_comment,
        }


@dataclass(frozen=True)
class _IssueLean:
    """How the sample crowd rates one issue: a lean, a spread and shifts per group."""

    mean: float
    spread: float
    confusion: float
    skip: float
    group_shift: dict[str, float]
    remote_shift: float

    def weights(self, group: str, remote: bool) -> list[float]:
        mean = self.mean + self.group_shift.get(group, 0.0) + (self.remote_shift if remote else 0)
        return [math.exp(-((int(m) - mean) ** 2) / (2 * self.spread**2)) for m in MARKS]


def _leans(rng: random.Random, model: IssueModelFacts, groups, count: int) -> list[_IssueLean]:
    return [
        _IssueLean(
            mean=rng.uniform(*model.mean),
            spread=rng.uniform(*model.spread),
            confusion=rng.choice(model.confusion),
            skip=rng.uniform(*model.skip),
            group_shift={g: rng.gauss(0, model.group_shift) for g in groups},
            remote_shift=rng.gauss(0, model.remote_shift),
        )
        for _ in range(count)
    ]


def _pick(rng: random.Random, weights: dict[str, int], blank: float) -> str:
    """One answer by weight, or "" (not said) with probability ``blank``."""
    if rng.random() < blank:
        return ""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _comment_key(mark: str) -> str:
    if mark == Mark.CONFUSION:
        return "confusion"
    return {"5": "agree", "4": "agree", "3": "neutral"}.get(mark, "disagree")


def sample_responses(
    crowd: ResponseFacts,
    *,
    seed: int,
    code: str,
    positions: list[int],
    count: int,
    paper_share: float | None = None,
) -> list[SampleResponse]:
    """The sample responses for one sheet, whose issues are at ``positions``."""
    paper_share = crowd.paper_share_in_room if paper_share is None else paper_share
    rng = random.Random(f"{seed}:{code}")
    leans = _leans(rng, crowd.issue_model, crowd.stakeholder_group, len(positions))
    responses = []
    for index in range(count):
        attendance = _pick(rng, crowd.attendance, crowd.not_said_attendance)
        paper = attendance == "room" and rng.random() < paper_share
        group = _pick(rng, crowd.stakeholder_group, crowd.not_said)
        region = _pick(rng, crowd.region, crowd.not_said)
        ratings = []
        for position, lean in zip(positions, leans, strict=True):
            if rng.random() < lean.skip:
                continue
            if rng.random() < lean.confusion:
                mark = Mark.CONFUSION.value
            else:
                mark = rng.choices(MARKS, weights=lean.weights(group, attendance == "remote"))[0]
            comment = ""
            if rng.random() < crowd.rating_comment_share:
                comment = rng.choice(crowd.rating_comments[_comment_key(mark)])
            ratings.append((position, mark, comment))
        if not ratings:  # Everyone rates at least one issue.
            ratings.append((rng.choice(positions), rng.choice(MARKS), ""))
        overall = ""
        if rng.random() < crowd.overall_comment_share:
            overall = rng.choice(crowd.overall_comments)
        if paper:
            period, fraction = "during", 0.0
        else:
            shares = crowd.periods[attendance]
            period = rng.choices(list(shares), weights=list(shares.values()))[0]
            fraction = rng.random()
        responses.append(
            SampleResponse(
                index=index,
                entry_key=entry_key(seed, code, index),
                channel=Channel.PAPER if paper else Channel.ONLINE,
                stakeholder_group=group,
                region=region,
                attendance=attendance,
                overall_comment=overall,
                period=period,
                fraction=fraction,
                ratings=tuple(ratings),
            )
        )
    return responses
