"""The demo's facts, read from ``igf2015.toml`` (next to this file) with the standard ``tomllib``.

The file holds every fact, text and sample value of the demo; this module only turns its tables
into frozen dataclasses, refusing a key it does not know (a typo fails loudly instead of being
ignored), and maps its local moments to datetimes.
"""

from __future__ import annotations

import tomllib
import zoneinfo
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("igf2015.toml")
DAY3_OUTPUT = "day3-output"
# The file's tables besides [demo].
TABLES = {
    "session",
    "moments",
    "outputs",
    "coalitions",
    "parts",
    "slots",
    "responses",
    "trial",
}


def _build(cls, table: dict, where: str, **converted):
    """``cls`` from a TOML table: every key must be a field; ``converted`` replaces values."""
    names = {f.name for f in fields(cls)}
    unknown = set(table) - names
    if unknown:
        raise ValueError(f"{DATA_FILE.name}, {where}: unknown keys {sorted(unknown)}")
    return cls(**{**table, **converted})


@dataclass(frozen=True)
class Moment:
    """A local wall-clock time at the venue, ``day`` days from Day 3."""

    day: int
    time: time


def _moment(table: dict, where: str) -> Moment:
    return _build(Moment, table, where)


@dataclass(frozen=True)
class Clock:
    """Maps the file's moments to datetimes: on 2015's dates, or with Day 3 moved to today."""

    day3: date
    tz: zoneinfo.ZoneInfo

    def __call__(self, moment: Moment) -> datetime:
        return datetime.combine(self.day3 + timedelta(days=moment.day), moment.time, self.tz)


@dataclass(frozen=True)
class SessionFacts:
    slug: str
    name: str
    year: int
    meeting_name: str
    city: str
    country: str
    venue: str
    time_zone: str
    webcast_url: str
    transcript_url: str
    remote_participation_url: str
    day3: date
    room: str
    description: str
    today_note: str

    def model_fields(self) -> dict:
        """The values of the Session row's own fields (the description without a --today note;
        the declaration deadline and ``is_current`` are set by the loader)."""
        return {
            "name": self.name,
            "year": self.year,
            "meeting_name": self.meeting_name,
            "city": self.city,
            "country": self.country,
            "venue": self.venue,
            "time_zone": self.time_zone,
            "webcast_url": self.webcast_url,
            "transcript_url": self.transcript_url,
            "remote_participation_url": self.remote_participation_url,
            "description": self.description,
        }


@dataclass(frozen=True)
class IssueFacts:
    title: str
    summary: str
    reference: str = ""


@dataclass(frozen=True)
class CoalitionFacts:
    name: str
    acronym: str
    slug: str
    day: str
    summary: str
    description: str
    status: str
    founded: int | None = None
    output_title: str | None = None
    output_slug: str | None = None
    output_summary: str | None = None
    issues: tuple[IssueFacts, ...] = ()
    responses: int = 0
    # Of those in the room, the share who filled in a paper sheet, where it differs from the
    # crowd's (``responses.paper_share_in_room``).
    paper_share_in_room: float | None = None
    # The sheet closed when online rating ended (``moments.rating_ends``), once that has passed.
    sheet_closed: bool = False
    day4_sample: bool = False

    @property
    def presents_on_day3(self) -> bool:
        return self.day == DAY3_OUTPUT

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


@dataclass(frozen=True)
class TrialFacts:
    """The sample coalition to try the portal with: its coordinator account, a draft output and
    the declaration deadline the organisers extended for it."""

    name: str
    acronym: str
    slug: str
    summary: str
    description: str
    coordinator: str
    output_title: str
    output_summary: str
    declaration_extended_to: Moment


@dataclass(frozen=True)
class OutputDefaults:
    title_not_recorded: str
    summary_not_recorded: str
    language: str


@dataclass(frozen=True)
class PartFacts:
    kind: str
    title: str
    start: Moment
    end: Moment
    description: str


@dataclass(frozen=True)
class SlotFacts:
    part: str
    kind: str
    title: str
    start: Moment
    end: Moment
    description: str
    speakers: str = ""
    coalition: str | None = None

    def texts(self, coalition: CoalitionFacts | None, output_title: str) -> tuple[str, str]:
        """The slot's title and description, filled in with its coalition's names."""
        if coalition is None:
            return self.title, self.description
        names = {
            "name": coalition.name,
            "acronym": coalition.acronym,
            "short_name": coalition.short_name,
            "output_title": output_title,
        }
        return self.title.format(**names), self.description.format(**names)


@dataclass(frozen=True)
class IssueModelFacts:
    mean: tuple[float, float]
    spread: tuple[float, float]
    confusion: tuple[float, ...]
    skip: tuple[float, float]
    group_shift: float
    remote_shift: float


@dataclass(frozen=True)
class ResponseFacts:
    not_said: float
    not_said_attendance: float
    paper_share_in_room: float
    paper_typing_seconds: int
    rating_comment_share: float
    overall_comment_share: float
    overall_comments: tuple[str, ...]
    issue_model: IssueModelFacts
    stakeholder_group: dict[str, int]
    region: dict[str, int]
    attendance: dict[str, int]
    periods: dict[str, dict[str, int]]
    rating_comments: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Facts:
    seed: int
    password: str
    organiser: str
    coordinator: str
    coordinator_of: str
    session: SessionFacts
    moments: dict[str, Moment]
    outputs: OutputDefaults
    coalitions: tuple[CoalitionFacts, ...]
    parts: tuple[PartFacts, ...]
    slots: tuple[SlotFacts, ...]
    responses: ResponseFacts
    trial: TrialFacts

    def coalition(self, slug: str) -> CoalitionFacts:
        return next(c for c in self.coalitions if c.slug == slug)

    def clock(self, day3: date | None = None) -> Clock:
        return Clock(day3 or self.session.day3, zoneinfo.ZoneInfo(self.session.time_zone))


def _coalition(table: dict, n: int) -> CoalitionFacts:
    where = f"coalition {n}"
    issues = tuple(
        _build(IssueFacts, issue, f"{where}, issue {i}")
        for i, issue in enumerate(table.get("issues", []), start=1)
    )
    return _build(CoalitionFacts, table, where, issues=issues)


def _responses(table: dict) -> ResponseFacts:
    model = table["issue_model"]
    issue_model = _build(
        IssueModelFacts,
        model,
        "responses.issue_model",
        mean=tuple(model["mean"]),
        spread=tuple(model["spread"]),
        confusion=tuple(model["confusion"]),
        skip=tuple(model["skip"]),
    )
    return _build(
        ResponseFacts,
        table,
        "responses",
        overall_comments=tuple(table["overall_comments"]),
        issue_model=issue_model,
        rating_comments={key: tuple(value) for key, value in table["rating_comments"].items()},
    )


def read_facts(path: Path = DATA_FILE) -> Facts:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    demo = data.pop("demo")
    unknown = set(data) - TABLES
    if unknown:
        raise ValueError(f"{path.name}: unknown tables {sorted(unknown)}")
    return _build(
        Facts,
        demo,
        "demo",
        session=_build(SessionFacts, data["session"], "session"),
        moments={name: _moment(value, name) for name, value in data["moments"].items()},
        outputs=_build(OutputDefaults, data["outputs"], "outputs"),
        coalitions=tuple(_coalition(c, n) for n, c in enumerate(data["coalitions"], start=1)),
        parts=tuple(
            _build(
                PartFacts,
                p,
                f"part {n}",
                start=_moment(p["start"], f"part {n}"),
                end=_moment(p["end"], f"part {n}"),
            )
            for n, p in enumerate(data["parts"], start=1)
        ),
        slots=tuple(
            _build(
                SlotFacts,
                s,
                f"slot {n}",
                start=_moment(s["start"], f"slot {n}"),
                end=_moment(s["end"], f"slot {n}"),
            )
            for n, s in enumerate(data["slots"], start=1)
        ),
        responses=_responses(data["responses"]),
        trial=_build(
            TrialFacts,
            data["trial"],
            "trial",
            declaration_extended_to=_moment(
                data["trial"]["declaration_extended_to"], "trial.declaration_extended_to"
            ),
        ),
    )


@cache
def facts() -> Facts:
    """The demo's facts, read once per process."""
    return read_facts()
