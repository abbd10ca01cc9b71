"""What the Day 4 debate's tests share: a session with a closed sheet (public results) and an
open one (results after sending), a debate part, and the running order."""

from datetime import UTC, datetime

from django.test import Client

from feedback import services
from feedback.models import DebateItem
from igfsession.models import Part
from tests.factories import make_coalition, make_coordinator, make_organiser, make_part, make_user
from tests.feedback.results_helpers import rate, results_sheet

DEBATE_START = datetime(2015, 11, 13, 13, 40, tzinfo=UTC)  # 10:40 in João Pessoa


def debate_world(session, *, extra_items=0):
    """Closed "pal" (Access, Skills) and open "irpc" (Rights), each issue with marks; a debate
    part at 10:40 local; the running order Access, Rights (and ``extra_items`` more issues)."""
    session.time_zone = "America/Fortaleza"
    session.save()
    pal_dc = make_coalition(name="DC on Libraries", acronym="DC-PAL", slug="dc-pal")
    irpc_dc = make_coalition(name="Internet Rights and Principles", acronym="IRPC", slug="irpc")
    extra = tuple(f"Extra {n}" for n in range(extra_items))
    pal = results_sheet(
        session, code="pal", titles=("Access", "Skills", *extra), closed=True, coalition=pal_dc
    )
    irpc = results_sheet(session, code="irpc", titles=("Rights",), coalition=irpc_dc)
    rate(pal, "Access", (6, 0, 0, 0, 6, 0))  # divided
    rate(pal, "Skills", (4, 4, 0, 0, 0, 4))  # unclear
    rate(irpc, "Rights", (6, 0, 0, 0, 6, 0))
    for title in extra:
        rate(pal, title, (6, 0, 0, 0, 6, 0))
    make_part(
        session=session,
        kind=Part.Kind.DEBATE,
        title="Day 4: Discussion and debate",
        starts_at=DEBATE_START,
        ends_at=datetime(2015, 11, 13, 14, 30, tzinfo=UTC),
    )
    organiser = make_organiser(username="secretariat")
    titles = ("Access", "Rights", *extra)
    issues = {issue.title: issue for sheet in (pal, irpc) for issue in sheet.output.issues.all()}
    for title in titles:
        services.debate_item_add(session=session, issue=issues[title], user=organiser)
    return pal, irpc, organiser


def items(session) -> list[tuple]:
    return list(
        DebateItem.objects.filter(session=session)
        .order_by("position")
        .values_list("position", "issue__title", "minutes")
    )


def persona_client(persona, pal, irpc) -> Client:
    client = Client()
    user = {
        "anonymous": lambda: None,
        "participant": lambda: make_user(username="participant"),
        "other coordinator": lambda: make_coordinator(make_coalition()),
        "coordinator": lambda: make_coordinator(irpc.output.coalition),
        "organiser": make_organiser,
    }[persona]()
    if user is not None:
        client.force_login(user)
    return client
