"""The admin's index, "Run the session": what organisers watch and do during the current session.

It sits in the agenda (the top layer) because it shows every app: the rating sheets and their
responses (feedback), the join requests (coalitions), the live control and the next slot (agenda).
A fixed number of queries, whatever the number of sheets.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from coalitions.models import JoinRequest, Output
from feedback.models import Channel, RatingSheet, counted_responses
from igfsession.models import Session

from .models import LiveMode
from .selectors import NowNext, now_and_next


@dataclass(frozen=True)
class SheetRow:
    sheet: RatingSheet
    state: str  # "open", "not_yet_open" or "closed"
    online: int
    paper: int


@dataclass(frozen=True)
class RunTheSession:
    session: Session | None
    sheets: list[SheetRow]
    live: NowNext | None
    live_mode: str  # the live state's mode, in words
    join_requests: int
    declarations_open: bool
    # The coalitions' declarations waiting for the organisers, oldest first.
    declarations_waiting: list[Output] = field(default_factory=list)


def _state(sheet: RatingSheet, at: datetime) -> str:
    if sheet.is_open(at):
        return "open"
    return "closed" if sheet.has_closed(at) else "not_yet_open"


def run_the_session(at: datetime | None = None) -> RunTheSession:
    """The current session's sheets with their state and counted responses, its live state and
    next slot, the join requests received (coordinators answer them), whether declarations
    are still open and the declarations waiting for the organisers' review."""
    at = at or timezone.now()
    session = Session.objects.current()
    if session is None:
        return RunTheSession(None, [], None, "", 0, False)
    counted = counted_responses("responses__")
    sheets = (
        RatingSheet.objects.filter(output__session=session)
        .select_related("output__coalition")
        .annotate(
            online=Count("responses", filter=counted & Q(responses__channel=Channel.ONLINE)),
            paper=Count("responses", filter=counted & Q(responses__channel=Channel.PAPER)),
        )
        .order_by("code")
    )
    live = now_and_next(session, at)
    rows = [SheetRow(sheet, _state(sheet, at), sheet.online, sheet.paper) for sheet in sheets]
    return RunTheSession(
        session=session,
        sheets=rows,
        live=live,
        live_mode=LiveMode(live.mode).label,
        join_requests=JoinRequest.objects.count(),
        declarations_open=session.declarations_open(at),
        declarations_waiting=list(
            Output.objects.for_session(session)
            .waiting_for_review()
            .select_related("coalition")
            .order_by("status_changed_at", "pk")
        ),
    )
