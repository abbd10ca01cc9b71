"""The IGF 2015 main session on Dynamic Coalitions as demo data, and the loader behind
``manage.py load_demo``.

The facts (dates, people, coalitions, output titles, IRPC's ten principles, DC-PAL's four points)
come from public records of the 10th IGF. Everything written here is in our own words; where a
fact is missing the text says "sample" instead of inventing history. Nothing is read from outside
the project at run time.

The loader is idempotent: every row is found by a natural key (slug, code, username, position,
title) and saved only when a value differs, and the sample responses carry deterministic
respondent hashes, so a second run changes nothing.

Models are looked up through the app registry rather than imported, so that this module, which
lives in ``igfsession``, does not import ``coalitions`` or ``feedback`` (see DESIGN.md: imports
point one way, feedback -> coalitions -> igfsession).
"""

from __future__ import annotations

import hashlib
import math
import random
import textwrap
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

# --------------------------------------------------------------------------------------------
# The session
# --------------------------------------------------------------------------------------------

TIME_ZONE = "America/Fortaleza"  # João Pessoa: UTC-3, no daylight saving in November 2015.
DAY3 = date(2015, 11, 12)  # Thursday; Day 4 is the day after.
ROOM = "Main Meeting Room"
DEFAULT_SEED = 2015
DEMO_PASSWORD = "igf2015-demo"  # noqa: S105 - the demo's published password, only set under DEBUG.
ORGANISER = "organiser"
COORDINATOR = "coordinator"
COORDINATOR_OF = "dc-pal"

SESSION = {
    "slug": "igf2015",
    "name": "IGF 2015 — Main Session on Dynamic Coalitions",
    "year": 2015,
    "meeting_name": "10th Internet Governance Forum",
    "city": "João Pessoa",
    "country": "Brazil",
    # The venue building is not confirmed: the room is given on each part instead.
    "venue": "",
    "time_zone": TIME_ZONE,
    # No deep links are invented; organisers fill these in.
    "webcast_url": "",
    "transcript_url": "",
    "remote_participation_url": "",
    "description": (
        "The first main session on Dynamic Coalitions, held during the 10th Internet Governance "
        "Forum in João Pessoa, Brazil, whose theme was “Evolution of Internet Governance: "
        "Empowering Sustainable Development”. On Thursday (Day 3) coalitions with final outputs "
        "presented them and asked the room and remote participants to rate each output's main "
        "points on Idea Rating Sheets. On Friday morning (Day 4) other coalitions introduced "
        "themselves and their work, and the Day 3 outputs were discussed.\n\n"
        "This is demo data. Samples, not records: the declaration deadline (1 November 2015), the "
        "clock time of the Day 4 part, the slot timings, which coalitions speak on Day 4, the "
        "issues of some outputs, the files and every rating."
    ),
}
TODAY_NOTE = (
    "\n\nFor this demo the session has been moved to today and tomorrow, keeping the local times."
)

# Local wall-clock times in America/Fortaleza, as (day offset from Day 3, hour, minute).
DECLARATION_DEADLINE = (-11, 23, 59)  # 1 Nov 2015 23:59 - a sample date.
SHEETS_OPEN = (-42, 9, 0)  # 1 Oct 2015 09:00 - a sample opening time for the rating sheets.

# --------------------------------------------------------------------------------------------
# The coalitions (transcribed from igf2015-coalitions.json; descriptions in our own words)
# --------------------------------------------------------------------------------------------

DAY3_OUTPUT = "day3-output"

IRPC_PRINCIPLES = [
    (
        "Universality and equality",
        "Everyone is born free and equal in dignity and rights, and this holds online as well.",
    ),
    (
        "Rights and social justice",
        "The Internet is a space in which human rights and social justice are promoted and "
        "protected, and everyone has a duty to respect the rights of others online.",
    ),
    (
        "Accessibility",
        "Everyone has an equal right to get online and to use a secure and open Internet.",
    ),
    (
        "Expression and association",
        "Everyone may seek, receive and share information freely online, and meet and organise "
        "through the Internet.",
    ),
    (
        "Privacy and data protection",
        "Everyone has a right to privacy online, including freedom from surveillance and control "
        "over their personal data.",
    ),
    (
        "Life, liberty and security",
        "The rights to life, liberty and security are respected, protected and fulfilled online.",
    ),
    (
        "Diversity",
        "Cultural and linguistic diversity on the Internet is promoted, and technology and policy "
        "support a plurality of expression.",
    ),
    (
        "Network equality",
        "Everyone has universal and open access to the Internet's content, without discriminatory "
        "prioritisation, filtering or traffic control.",
    ),
    (
        "Standards and regulation",
        "The Internet's architecture, protocols and formats rest on open standards that keep it "
        "interoperable and inclusive.",
    ),
    (
        "Governance",
        "Human rights and social justice are the foundation on which the Internet is run and "
        "governed, in a transparent and inclusive way.",
    ),
]

DCNN_SAMPLE_ISSUES = [
    (
        "Equal treatment of Internet traffic",
        "Sample issue written for the demo (not the document's own wording): traffic is handled "
        "without discrimination by sender, receiver, content, application or device.",
    ),
    (
        "Reasonable traffic management",
        "Sample issue written for the demo: when traffic management is allowed, and how narrow "
        "and temporary it should be.",
    ),
    (
        "Transparency towards users",
        "Sample issue written for the demo: providers explain clearly how they manage traffic.",
    ),
    (
        "Specialised services and zero-rating",
        "Sample issue written for the demo: how services outside the open Internet and "
        "zero-rated offers relate to network neutrality.",
    ),
    (
        "Oversight and enforcement",
        "Sample issue written for the demo: who checks that the rules are followed, and how.",
    ),
]

DCPAL_SUMMARIES = [
    "Libraries already form a wide network of public access points that can help bring "
    "everyone online.",
    "Governments can make library public access possible through policy, law and funding.",
    "Libraries teach people to use technology and to find, judge and use information and media.",
    "People looking for information in a library keep their right to privacy.",
]

DCIOT_SAMPLE_ISSUES = [
    (
        "Security and privacy by design",
        "Sample issue written for the demo: connected devices are built to be secure and to "
        "respect privacy from the start.",
    ),
    (
        "Transparency towards users",
        "Sample issue written for the demo: people know what a device collects and who gets it.",
    ),
    (
        "Shared responsibility",
        "Sample issue written for the demo: makers, operators, users and governments each have "
        "a part in good practice.",
    ),
]

NOT_RECORDED = (
    "Sample entry: this coalition's 2015 output is not recorded in the demo data; the title and "
    "the declared status are placeholders."
)

COALITIONS = [
    {
        "name": "Internet Rights and Principles Coalition",
        "acronym": "IRPC",
        "slug": "irpc",
        "founded": 2008,
        "day": DAY3_OUTPUT,
        "summary": "Works on how human rights apply to the Internet and to its governance.",
        "description": (
            "An open network of people and organisations that spells out what existing human "
            "rights standards mean for the Internet. Its Charter of Human Rights and Principles "
            "for the Internet is summed up in ten Internet Rights and Principles."
        ),
        "output_title": "Charter of Human Rights and Principles for the Internet",
        "output_summary": (
            "The Charter sets out how human rights apply online. Its ten Internet Rights and "
            "Principles are the issues on this output's rating sheet."
        ),
        "status": "final",
        "issues": [
            (title, summary, f"Principle {n}")
            for n, (title, summary) in enumerate(IRPC_PRINCIPLES, start=1)
        ],
        "responses": 240,
    },
    {
        "name": "Dynamic Coalition on Network Neutrality",
        "acronym": "DCNN",
        "slug": "dcnn",
        "founded": 2013,
        "day": DAY3_OUTPUT,
        "summary": "Works on network neutrality: Internet traffic treated without undue "
        "discrimination.",
        "description": (
            "Brings people from several stakeholder groups together to discuss network "
            "neutrality policy and to write shared positions on it."
        ),
        "output_title": "Outcome Document on Network Neutrality (Net Neutrality Policy Statement)",
        "output_slug": "outcome-document-on-network-neutrality",
        "output_summary": (
            "A policy statement on network neutrality. The document's own points were not "
            "available when the demo was written: the issues on its rating sheet are samples."
        ),
        "status": "final",
        "issues": [(title, summary, "") for title, summary in DCNN_SAMPLE_ISSUES],
        "responses": 200,
    },
    {
        "name": "Dynamic Coalition on Public Access in Libraries",
        "acronym": "DC-PAL",
        "slug": "dc-pal",
        "founded": None,
        "day": DAY3_OUTPUT,
        "summary": "Makes the case for libraries as places where everyone can get online and "
        "learn to use it.",
        "description": (
            "Promotes public libraries as an existing, trusted network for public Internet "
            "access, digital skills and media literacy, and speaks for library users' privacy."
        ),
        "output_title": "Statement of Principles on Public Access in Libraries",
        "output_summary": (
            "Principles on public Internet access in libraries. The four issues on its rating "
            "sheet sum up the statement's main points; whether these were exactly the points "
            "printed in 2015 is not confirmed."
        ),
        "status": "final",
        "issues": [
            (
                "Libraries as an existing vehicle for universal Internet access",
                DCPAL_SUMMARIES[0],
                "",
            ),
            (
                "Government enabling environment (policy, legislation, funding) for library "
                "public access",
                DCPAL_SUMMARIES[1],
                "",
            ),
            (
                "Library role in training and skills: technology, information and media literacy",
                DCPAL_SUMMARIES[2],
                "",
            ),
            (
                "Users' right to privacy when seeking information in libraries",
                DCPAL_SUMMARIES[3],
                "",
            ),
        ],
        "responses": 160,
    },
    {
        "name": "Dynamic Coalition on the Internet of Things",
        "acronym": "DC-IoT",
        "slug": "dc-iot",
        "founded": 2008,
        "day": "unknown",
        "summary": "Looks for good practice in how the Internet of Things is designed and used.",
        "description": (
            "Discusses how connected devices and services can be built and run responsibly, "
            "and gathers good practice that people from every stakeholder group can share."
        ),
        "output_title": "Internet of Things Good Practice (first draft paper/statement)",
        "output_slug": "internet-of-things-good-practice",
        "output_summary": (
            "A first draft on good practice for the Internet of Things, still in progress. Its "
            "declared status and its issues are samples."
        ),
        "status": "wip",
        "issues": [(title, summary, "") for title, summary in DCIOT_SAMPLE_ISSUES],
        "day4_sample": True,
    },
    {
        "name": "Dynamic Coalition on Platform Responsibility",
        "acronym": "DCPR",
        "slug": "dcpr",
        "founded": 2014,
        "day": "unknown",
        "summary": "Looks at what online platforms owe their users.",
        "description": (
            "Studies how the terms of service and practices of online platforms affect their "
            "users' rights, and what responsible conduct by platforms could look like."
        ),
        "status": "wip",
        "day4_sample": True,
    },
    {
        "name": "Dynamic Coalition on Child Online Safety",
        "acronym": "DCCOS",
        "slug": "dccos",
        "founded": 2007,
        "day": "unknown",
        "summary": "Works on keeping children and young people safe online.",
        "description": (
            "Brings together organisations that work to protect children and young people on "
            "the Internet while respecting their rights."
        ),
        "status": "wip",
    },
    {
        "name": "Dynamic Coalition on Core Internet Values",
        "acronym": "DC-CIV",
        "slug": "dc-civ",
        "founded": None,
        "day": "unknown",
        "summary": "Discusses the values built into the Internet's design, such as openness.",
        "description": (
            "Discusses the technical and ethical values that shaped the Internet, such as "
            "openness, interoperability and end-to-end design, and how to keep them."
        ),
        "status": "wip",
    },
    {
        "name": "Dynamic Coalition on Accessibility and Disability",
        "acronym": "DCAD",
        "slug": "dcad",
        "founded": None,
        "day": "unknown",
        "summary": "Works for an Internet, and IGF meetings, that people with disabilities can "
        "use.",
        "description": (
            "Works for accessibility of the Internet and of Internet governance meetings for "
            "people with disabilities."
        ),
        "status": "wip",
        "day4_sample": True,
    },
    {
        "name": "Dynamic Coalition on Gender and Internet Governance",
        "acronym": "DC-Gender",
        "slug": "dc-gender",
        "founded": 2006,
        "day": "unknown",
        "summary": "Brings a gender perspective to Internet governance.",
        "description": (
            "Works to make gender equality part of Internet governance discussions and of the "
            "way Internet policy is made."
        ),
        "status": "wip",
        "day4_sample": True,
    },
    {
        "name": "Youth Coalition on Internet Governance",
        "acronym": "YCIG",
        "slug": "ycig",
        "founded": None,
        "day": "unknown",
        "summary": "Gives young people a voice in Internet governance.",
        "description": (
            "A coalition of young people who take part in Internet governance and work for "
            "youth participation in it."
        ),
        "status": "wip",
        "day4_sample": True,
    },
    {
        "name": "Dynamic Coalition on Accountability of Internet Governance Venues",
        # The source gives no acronym; none is invented.
        "acronym": "",
        "slug": "dc-accountability",
        "founded": None,
        "day": "unknown",
        "summary": "Discusses how the places where Internet governance happens can be held "
        "accountable.",
        "description": (
            "Discusses accountability in the forums and organisations where Internet governance "
            "takes place, and how their participants can hold them to account."
        ),
        "status": "draft",
    },
    {
        "name": "Dynamic Coalition on Freedom of Expression and Freedom of the Media on the "
        "Internet",
        "acronym": "FoE DC",
        "slug": "foe-dc",
        "founded": None,
        "day": "unknown",
        "summary": "Works on freedom of expression and media freedom online.",
        "description": (
            "Works to protect freedom of expression and the freedom of the media on the Internet."
        ),
        "status": "wip",
    },
    {
        "name": "Dynamic Coalition on Innovative Approaches to Connecting the Unconnected",
        "acronym": "DC-Connecting the Unconnected",
        "slug": "dc-connecting-the-unconnected",
        "founded": None,
        "day": "unknown",
        "summary": "Collects new ways of bringing people who are not yet online to the Internet.",
        "description": (
            "Gathers and compares innovative approaches to connecting people and places that "
            "are not yet online."
        ),
        "status": "wip",
    },
]

# --------------------------------------------------------------------------------------------
# The agenda: parts and slots, in local time (day offset from Day 3, hour, minute)
# --------------------------------------------------------------------------------------------

CHAIRS_DAY3 = "Carlos A. Afonso, Jeanette Hofmann, Markus Kummer, Avri Doria"
CHAIRS_DAY4 = "Veridiana Alimonti, Jeanette Hofmann, Rachel Pollack"
TIMING_SAMPLE = "The slot's timing within the part is a sample."

PARTS = [
    {
        "kind": "presentations",
        "title": "Day 3: Output presentations",
        "start": (0, 16, 30),
        "end": (0, 18, 0),
        "description": (
            "Coalitions whose outputs are final present them and ask for feedback. Participants "
            "in the room and online rate each output's main issues on its rating sheet."
        ),
    },
    {
        "kind": "introductions",
        "title": "Day 4: Coalition introductions",
        "start": (1, 10, 0),
        "end": (1, 10, 40),
        "description": (
            "Other coalitions introduce themselves and their work and invite people to join. The "
            "day and the 90-minute length of the Day 4 part are confirmed; its clock time "
            "(10:00 to 11:30) is a sample, and so is the list of coalitions that speak."
        ),
    },
    {
        "kind": "debate",
        "title": "Day 4: Discussion and debate",
        "start": (1, 10, 40),
        "end": (1, 11, 30),
        "description": (
            "Discussion of the outputs presented on Day 3 and of their ratings. The clock time "
            "is a sample: the records give the day and the length of the Day 4 part, not its "
            "hours."
        ),
    },
]


def _day3_coalitions() -> list[dict]:
    return [c for c in COALITIONS if c["day"] == DAY3_OUTPUT]


def _day4_coalitions() -> list[dict]:
    return [c for c in COALITIONS if c.get("day4_sample")]


def _spread(start: tuple[int, int, int], minutes: int, count: int) -> list[tuple]:
    """``count`` consecutive equal slots of ``minutes // count`` from ``start``."""
    day, hour, minute = start
    each = minutes // count
    first = hour * 60 + minute
    return [
        ((day, *divmod(first + i * each, 60)), (day, *divmod(first + (i + 1) * each, 60)))
        for i in range(count)
    ]


def _slots() -> list[dict]:
    """Every slot of the demo, by part kind. Coalition/output refer to coalition slugs."""
    slots = [
        {
            "part": "presentations",
            "kind": "opening",
            "title": "Opening and background",
            "speakers": CHAIRS_DAY3,
            "start": (0, 16, 30),
            "end": (0, 16, 40),
            "description": (
                "Carlos A. Afonso opens the session and Jeanette Hofmann moderates. Markus Kummer "
                "and Avri Doria explain what Dynamic Coalitions are and why they present their "
                "work here. " + TIMING_SAMPLE
            ),
        },
        {
            "part": "presentations",
            "kind": "opening",
            "title": "How to rate: Idea Rating Sheets",
            "speakers": "Jeremy Malcolm",
            "start": (0, 16, 40),
            "end": (0, 16, 45),
            "description": (
                "Jeremy Malcolm explains the rating method: each main issue of an output gets a "
                "mark from strong agreement to strong disagreement, or “confusion” when the "
                "statement is unclear. " + TIMING_SAMPLE
            ),
        },
    ]
    day3 = _day3_coalitions()
    for coalition, (start, end) in zip(day3, _spread((0, 16, 45), 60, len(day3)), strict=True):
        slots.append(
            {
                "part": "presentations",
                "kind": "presentation",
                "title": f"{coalition['acronym']}: {coalition['output_title']}",
                "speakers": "",
                "start": start,
                "end": end,
                "coalition": coalition["slug"],
                "description": (
                    f"The {coalition['name']} presents its output and asks for feedback. The "
                    "presenters are not recorded in the demo data. " + TIMING_SAMPLE
                ),
            }
        )
    slots.append(
        {
            "part": "presentations",
            "kind": "closing",
            "title": "Rating time and close of Day 3",
            "speakers": "Jeanette Hofmann",
            "start": (0, 17, 45),
            "end": (0, 18, 0),
            "description": (
                "Time to fill in the rating sheets, on paper or online. In this demo the sheets "
                "stay open so that visitors can try them. " + TIMING_SAMPLE
            ),
        }
    )
    slots.append(
        {
            "part": "introductions",
            "kind": "opening",
            "title": "Opening of Day 4",
            "speakers": CHAIRS_DAY4,
            "start": (1, 10, 0),
            "end": (1, 10, 5),
            "description": (
                "Veridiana Alimonti chairs Day 4; Jeanette Hofmann and Rachel Pollack moderate. "
                + TIMING_SAMPLE
            ),
        }
    )
    day4 = _day4_coalitions()
    for coalition, (start, end) in zip(day4, _spread((1, 10, 5), 35, len(day4)), strict=True):
        slots.append(
            {
                "part": "introductions",
                "kind": "introduction",
                "title": f"{coalition['acronym'] or coalition['name']} introduces itself",
                "speakers": "",
                "start": start,
                "end": end,
                "coalition": coalition["slug"],
                "description": (
                    f"The {coalition['name']} introduces itself and its work and invites people "
                    "to join. Sample placement: which coalitions spoke on Day 4 is not known."
                ),
            }
        )
    for coalition, (start, end) in zip(day3, _spread((1, 10, 40), 45, len(day3)), strict=True):
        slots.append(
            {
                "part": "debate",
                "kind": "discussion",
                "title": f"Discussion: {coalition['acronym']} — {coalition['output_title']}",
                "speakers": "Jeanette Hofmann, Rachel Pollack",
                "start": start,
                "end": end,
                "coalition": coalition["slug"],
                "description": (
                    "Discussion of the output presented on Day 3 and of its ratings. "
                    "The order and timing of the discussion are a sample."
                ),
            }
        )
    slots.append(
        {
            "part": "debate",
            "kind": "closing",
            "title": "Wrap-up: what the coalitions take away",
            "speakers": "Veridiana Alimonti",
            "start": (1, 11, 25),
            "end": (1, 11, 30),
            "description": (
                "The ratings, aggregated per issue, are the guidance each coalition takes into "
                "its future work. " + TIMING_SAMPLE
            ),
        }
    )
    return slots


# --------------------------------------------------------------------------------------------
# Sample responses
# --------------------------------------------------------------------------------------------

MARKS = ["5", "4", "3", "2", "1"]  # feedback.models.Mark, strongest agreement first.
CONFUSION = "confusion"

STAKEHOLDER_WEIGHTS = {
    "civil_society": 34,
    "technical": 15,
    "academia": 14,
    "government": 12,
    "private_sector": 12,
    "intergovernmental": 4,
    "media": 3,
    "other": 6,
}
REGION_WEIGHTS = {
    "grulac": 34,
    "weog": 26,
    "asia_pacific": 18,
    "african": 15,
    "eastern_european": 7,
}
NO_PROFILE = 0.06  # Share of respondents who leave a profile question blank.
ROOM_SHARE = 0.55
PAPER_SHARE_IN_ROOM = 0.45

RATING_COMMENTS = {
    "agree": [
        "Sample comment: this is the point I would keep whatever else changes.",
        "Sample comment: clear and practical; our organisation could apply it tomorrow.",
        "Sample comment: agreed, and it should reach governments in the region too.",
    ],
    "neutral": [
        "Sample comment: fine in principle, but who carries it out?",
        "Sample comment: depends a lot on national context.",
    ],
    "disagree": [
        "Sample comment: this goes too far without evidence of the problem.",
        "Sample comment: the wording leaves out smaller operators and users in rural areas.",
        "Sample comment: I would rather see this left to existing bodies.",
    ],
    CONFUSION: [
        "Sample comment: I could not tell what this commits anyone to.",
        "Sample comment: two different ideas seem to be mixed in one statement.",
    ],
}
OVERALL_COMMENTS = [
    "Sample comment: thank you for bringing this to the main session.",
    "Sample comment: the document would benefit from more voices from the Global South.",
    "Sample comment: please publish the results per issue before the next IGF.",
    "Sample comment: hard to follow remotely, but the sheet helped.",
]


def respondent_hash(seed: int, code: str, index: int) -> str:
    """The deterministic token hash of sample respondent ``index`` on sheet ``code``."""
    return hashlib.sha256(f"igf-demo:{seed}:{code}:{index}".encode()).hexdigest()


def _comment_key(mark: str) -> str:
    if mark == CONFUSION:
        return CONFUSION
    return {"5": "agree", "4": "agree", "3": "neutral"}.get(mark, "disagree")


@dataclass
class _IssueModel:
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


def _issue_models(rng: random.Random, count: int) -> list[_IssueModel]:
    result = []
    for _ in range(count):
        result.append(
            _IssueModel(
                mean=rng.uniform(2.3, 4.7),
                spread=rng.uniform(0.6, 1.5),
                confusion=rng.choice([0.0, 0.02, 0.04, 0.06, 0.15]),
                skip=rng.uniform(0.03, 0.18),
                group_shift={g: rng.gauss(0, 0.6) for g in STAKEHOLDER_WEIGHTS},
                remote_shift=rng.gauss(0, 0.3),
            )
        )
    return result


def _pick(rng: random.Random, weights: dict[str, int], blank: float = NO_PROFILE) -> str:
    if rng.random() < blank:
        return ""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class _SampleResponse:
    respondent_hash: str
    channel: str
    stakeholder_group: str
    region: str
    attendance: str
    overall_comment: str
    offset_seconds: int
    ratings: list[tuple[int, str, str]]  # (issue position, mark, comment)


def sample_responses(
    seed: int, code: str, positions: list[int], count: int, window_seconds: int
) -> list[_SampleResponse]:
    """The sample responses for one sheet: the same seed always gives the same responses."""
    rng = random.Random(f"{seed}:{code}")
    models_ = _issue_models(rng, len(positions))
    responses = []
    for index in range(count):
        attendance = _pick(rng, {"room": 55, "remote": 45}, blank=0.04)
        paper = attendance == "room" and rng.random() < PAPER_SHARE_IN_ROOM
        group = _pick(rng, STAKEHOLDER_WEIGHTS)
        region = _pick(rng, REGION_WEIGHTS)
        ratings = []
        for position, model in zip(positions, models_, strict=True):
            if rng.random() < model.skip:
                continue
            if rng.random() < model.confusion:
                mark = CONFUSION
            else:
                mark = rng.choices(MARKS, weights=model.weights(group, attendance == "remote"))[0]
            comment = ""
            if rng.random() < 0.05:
                comment = rng.choice(RATING_COMMENTS[_comment_key(mark)])
            ratings.append((position, mark, comment))
        if not ratings:  # Everyone rates at least one issue.
            position = rng.choice(positions)
            ratings.append((position, rng.choice(MARKS), ""))
        overall = rng.choice(OVERALL_COMMENTS) if rng.random() < 0.06 else ""
        responses.append(
            _SampleResponse(
                respondent_hash=respondent_hash(seed, code, index),
                channel="paper" if paper else "online",
                stakeholder_group=group,
                region=region,
                attendance=attendance,
                overall_comment=overall,
                offset_seconds=rng.randrange(window_seconds),
                ratings=ratings,
            )
        )
    return responses


# --------------------------------------------------------------------------------------------
# A stand-in PDF file for each output
# --------------------------------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", errors="replace") + b")"


def make_pdf(lines: list[str]) -> bytes:
    """A minimal valid one-page A4 PDF showing ``lines`` in Helvetica (WinAnsi encoding)."""
    content = [b"BT", b"/F1 13 Tf", b"18 TL", b"72 760 Td"]
    for n, line in enumerate(lines):
        if n:
            content.append(b"T*")
        content.append(_pdf_string(line) + b" Tj")
    content.append(b"ET")
    stream = b"\n".join(content) + b"\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def output_pdf(title: str, coalition: str) -> bytes:
    lines = ["This file stands in for the real document:", ""]
    lines += textwrap.wrap(title, 70)
    lines += [
        f"— {line}" if n == 0 else line for n, line in enumerate(textwrap.wrap(coalition, 68))
    ]
    lines += ["", "Sample for the demo."]
    return make_pdf(lines)


# --------------------------------------------------------------------------------------------
# The loader
# --------------------------------------------------------------------------------------------


@dataclass
class Result:
    session: object = None
    counts: dict[str, int] = field(default_factory=dict)
    responses_created: int = 0
    accounts_created: list[str] = field(default_factory=list)
    accounts_existing: list[str] = field(default_factory=list)
    files_written: int = 0


def _same(obj: models.Model, name: str, value) -> bool:
    model_field = obj._meta.get_field(name)
    if model_field.is_relation and model_field.many_to_one:
        return getattr(obj, model_field.attname) == (value.pk if value is not None else None)
    return getattr(obj, name) == value


def upsert(model: type[models.Model], lookup: dict, values: dict) -> tuple[models.Model, bool]:
    """update_or_create that saves only when a value differs, so reruns leave rows untouched
    (auto_now timestamps included)."""
    try:
        obj = model.objects.get(**lookup)
    except model.DoesNotExist:
        return model.objects.create(**lookup, **values), True
    changed = [name for name, value in values.items() if not _same(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save()
    return obj, False


class _Clock:
    """Local wall-clock times of the demo, on 2015's dates or shifted to start today."""

    def __init__(self, day3: date):
        self.day3 = day3
        self.tz = zoneinfo.ZoneInfo(TIME_ZONE)

    def __call__(self, when: tuple[int, int, int]) -> datetime:
        day, hour, minute = when
        return datetime.combine(self.day3 + timedelta(days=day), time(hour, minute), self.tz)


def load(*, seed: int = DEFAULT_SEED, today: bool = False, debug: bool = False) -> Result:
    """Load (or bring back) the demo, all in one transaction. Returns what was done."""
    day3 = timezone.localdate(timezone.now(), zoneinfo.ZoneInfo(TIME_ZONE)) if today else DAY3
    saved_files: list[tuple[object, str]] = []
    try:
        with transaction.atomic():
            return _load(_Clock(day3), seed=seed, today=today, debug=debug, files=saved_files)
    except BaseException:
        # The database rolled back; remove the files this run wrote so nothing is left over.
        for storage, name in saved_files:
            storage.delete(name)
        raise


def _load(clock: _Clock, *, seed: int, today: bool, debug: bool, files: list) -> Result:
    Session = apps.get_model("igfsession", "Session")
    Part = apps.get_model("igfsession", "Part")
    Slot = apps.get_model("igfsession", "Slot")
    LiveState = apps.get_model("igfsession", "LiveState")
    Coalition = apps.get_model("coalitions", "Coalition")
    CoalitionMembership = apps.get_model("coalitions", "CoalitionMembership")
    Output = apps.get_model("coalitions", "Output")
    OutputVersion = apps.get_model("coalitions", "OutputVersion")
    Issue = apps.get_model("coalitions", "Issue")
    RatingSheet = apps.get_model("feedback", "RatingSheet")
    result = Result()

    # Accounts.
    organiser = _account(ORGANISER, debug, result, staff=True)
    coordinator = _account(COORDINATOR, debug, result, staff=False)

    # The session: the only current one.
    Session.objects.filter(is_current=True).exclude(slug=SESSION["slug"]).update(is_current=False)
    values = {k: v for k, v in SESSION.items() if k != "slug"}
    values["description"] = SESSION["description"] + (TODAY_NOTE if today else "")
    values["declaration_deadline"] = clock(DECLARATION_DEADLINE)
    values["is_current"] = True
    session, _ = upsert(Session, {"slug": SESSION["slug"]}, values)
    result.session = session

    # Coalitions, their outputs, issues, files and sheets.
    outputs = {}
    issues = {}
    sheets = {}
    for data in COALITIONS:
        coalition, _ = upsert(
            Coalition,
            {"slug": data["slug"]},
            {
                "name": data["name"],
                "acronym": data["acronym"],
                "summary": data["summary"],
                "description": data["description"],
                "year_formed": data["founded"],
                "is_active": True,
            },
        )
        title = data.get("output_title") or "Work in progress (sample)"
        output, _ = upsert(
            Output,
            {"coalition": coalition, "session": session},
            {
                "title": title,
                "slug": data.get("output_slug") or slugify(title)[:80],
                "summary": data.get("output_summary") or NOT_RECORDED,
                "status": data["status"],
                "language": "en",
            },
        )
        outputs[data["slug"]] = output
        for position, (issue_title, summary, reference) in enumerate(
            data.get("issues", []), start=1
        ):
            issue, _ = upsert(
                Issue,
                {"output": output, "position": position},
                {"title": issue_title, "summary": summary, "reference": reference},
            )
            issues[(data["slug"], position)] = issue
        _file(OutputVersion, output, coalition, organiser, result, files)
        if data["status"] == Output.Status.FINAL:
            sheet, _ = upsert(
                RatingSheet,
                {"output": output},
                {
                    "code": f"{data['slug']}-2015"[:20],
                    "opens_at": clock(SHEETS_OPEN),
                    "closes_at": None,
                    "results_visibility": RatingSheet.ResultsVisibility.AFTER_SUBMIT,
                },
            )
            sheets[data["slug"]] = sheet
        if data["slug"] == COORDINATOR_OF:
            CoalitionMembership.objects.get_or_create(
                user=coordinator,
                coalition=coalition,
                defaults={"role": CoalitionMembership.Role.COORDINATOR},
            )

    # Parts and slots.
    parts = {}
    for data in PARTS:
        parts[data["kind"]], _ = upsert(
            Part,
            {"session": session, "kind": data["kind"]},
            {
                "title": data["title"],
                "description": data["description"],
                "starts_at": clock(data["start"]),
                "ends_at": clock(data["end"]),
                "room": ROOM,
            },
        )
    for data in _slots():
        slug = data.get("coalition")
        upsert(
            Slot,
            {"part": parts[data["part"]], "title": data["title"], "is_generated": False},
            {
                "kind": data["kind"],
                "speakers": data["speakers"],
                "description": data["description"],
                "starts_at": clock(data["start"]),
                "ends_at": clock(data["end"]),
                "coalition": outputs[slug].coalition if slug else None,
                "output": outputs[slug] if slug else None,
            },
        )
    upsert(LiveState, {"session": session}, {"mode": "clock", "slot": None})

    # Sample responses on the final outputs' sheets.
    window = int((clock((0, 0, 0)) - clock(SHEETS_OPEN)).total_seconds())
    for data in COALITIONS:
        if data["slug"] not in sheets:
            continue
        positions = list(range(1, len(data["issues"]) + 1))
        samples = sample_responses(
            seed, sheets[data["slug"]].code, positions, data["responses"], window
        )
        result.responses_created += _responses(
            sheets[data["slug"]],
            samples,
            {position: issues[(data["slug"], position)] for position in positions},
            organiser,
        )

    result.counts = {
        "coalitions": Coalition.objects.filter(slug__in=[c["slug"] for c in COALITIONS]).count(),
        "outputs": Output.objects.filter(session=session).count(),
        "final outputs": Output.objects.filter(session=session, status="final").count(),
        "issues": Issue.objects.filter(output__session=session).count(),
        "file versions": OutputVersion.objects.filter(output__session=session).count(),
        "rating sheets": RatingSheet.objects.filter(output__session=session).count(),
        "parts": Part.objects.filter(session=session).count(),
        "slots": Slot.objects.filter(part__session=session).count(),
        "responses": apps.get_model("feedback", "Response")
        .objects.filter(sheet__output__session=session)
        .count(),
        "ratings": apps.get_model("feedback", "Rating")
        .objects.filter(response__sheet__output__session=session)
        .count(),
    }
    return result


def _account(username: str, debug: bool, result: Result, *, staff: bool):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        # The demo password only on a development machine; elsewhere it must be set by hand.
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD if debug else None,
            is_staff=staff,
            is_superuser=staff,
        )
        result.accounts_created.append(username)
        return user
    result.accounts_existing.append(username)
    if staff and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def _file(OutputVersion, output, coalition, organiser, result: Result, files: list) -> None:
    """Version 1 of the output: a stand-in PDF, written once."""
    data = output_pdf(output.title, coalition.name)
    digest = hashlib.sha256(data).hexdigest()
    version = OutputVersion.objects.filter(output=output, number=1).first()
    if version is not None:
        storage = version.file.storage
        if version.sha256 == digest and not storage.exists(version.file.name):
            # The demo's own file went missing from storage (media folder wiped): write it again.
            name = storage.save(version.file.name, ContentFile(data))
            files.append((storage, name))
            result.files_written += 1
            if name != version.file.name:
                version.file.name = name
                version.save(update_fields=["file"])
        return
    original = f"{output.slug}.pdf"
    version = OutputVersion(
        output=output,
        number=1,
        original_name=original,
        content_type="application/pdf",
        size=len(data),
        sha256=digest,
        uploaded_by=organiser,
    )
    version.file.save(original, ContentFile(data), save=False)
    files.append((version.file.storage, version.file.name))
    result.files_written += 1
    version.save()


def _responses(sheet, samples: list[_SampleResponse], issues: dict, organiser) -> int:
    """Create the sample responses missing from ``sheet``; re-date the existing ones."""
    Response = apps.get_model("feedback", "Response")
    Rating = apps.get_model("feedback", "Rating")
    existing = dict(
        Response.objects.filter(
            sheet=sheet, respondent_hash__in=[s.respondent_hash for s in samples]
        ).values_list("respondent_hash", "pk")
    )
    moments = {
        s.respondent_hash: sheet.opens_at + timedelta(seconds=s.offset_seconds) for s in samples
    }

    # Existing ones: only their dates can differ (after --today, or back to 2015).
    if existing:
        stale = [
            Response(pk=pk, created_at=moments[token])
            for token, pk, created in Response.objects.filter(pk__in=existing.values()).values_list(
                "respondent_hash", "pk", "created_at"
            )
            if created != moments[token]
        ]
        Response.objects.bulk_update(stale, ["created_at"], batch_size=500)

    missing = [s for s in samples if s.respondent_hash not in existing]
    if not missing:
        return 0
    created = Response.objects.bulk_create(
        [
            Response(
                sheet=sheet,
                channel=s.channel,
                stakeholder_group=s.stakeholder_group,
                region=s.region,
                attendance=s.attendance,
                overall_comment=s.overall_comment,
                respondent_hash=s.respondent_hash,
                entered_by=organiser if s.channel == "paper" else None,
                created_at=moments[s.respondent_hash],
            )
            for s in missing
        ],
        batch_size=500,
    )
    if any(r.pk is None for r in created):  # Databases that cannot return keys.
        keys = dict(
            Response.objects.filter(
                sheet=sheet, respondent_hash__in=[s.respondent_hash for s in missing]
            ).values_list("respondent_hash", "pk")
        )
        for response in created:
            response.pk = keys[response.respondent_hash]
    Rating.objects.bulk_create(
        [
            Rating(response_id=response.pk, issue=issues[position], mark=mark, comment=comment)
            for response, s in zip(created, missing, strict=True)
            for position, mark, comment in s.ratings
        ],
        batch_size=1000,
    )
    return len(created)
