"""The session's marks, one row per mark, anonymised: what responses.csv and responses.xlsx hold.

One query, read in chunks (``.iterator``), so that no export holds the whole table. Only counted
responses (withdrawn ones left out); every issue, hidden ones included (organisers read these);
a hidden comment is left out in the database already; overall comments are not exported. Never
a name, an e-mail, an organisation, a respondent token's hash, who typed a sheet in or an
address: none of those fields is read.
"""

from collections.abc import Iterator

from django.db.models import Case, F, TextField, Value, When

from ..models import Rating, counted_responses
from ..results.queries import period_of, session_periods

CHUNK_SIZE = 2000


def response_rows(session) -> Iterator[tuple]:
    """(response, sheet, coalition, issue_position, issue, mark, comment, stakeholder_group,
    region, attendance, channel, period, submitted_at) per mark of the session's counted
    responses, by sheet (in the results' order), response and issue. ``submitted_at`` is the
    response's time in the venue's zone. (A sheet's respondents, those who marked nothing
    included, are in results.csv: any issue's ``marks`` plus its ``skipped``.)

    The session's parts are read at once (one query); the marks when iterated (one query)."""
    periods = session_periods(session)
    rows = (
        Rating.objects.filter(response__sheet__output__session=session)
        .filter(counted_responses("response__"))
        .annotate(
            shown_comment=Case(
                When(comment_hidden_at__isnull=True, then=F("comment")),
                default=Value(""),
                output_field=TextField(),
            ),
            period=period_of("response__filled_in_at", periods),
        )
        .order_by(
            # The sheets in the results' order.
            "response__sheet__output__coalition__name",
            "response__sheet__code",
            "response_id",
            "issue__position",
            "issue_id",
        )
        .values_list(
            "response_id",
            "response__sheet__code",
            "response__sheet__output__coalition__slug",
            "issue__position",
            "issue__title",
            "mark",
            "shown_comment",
            "response__stakeholder_group",
            "response__region",
            "response__attendance",
            "response__channel",
            "period",
            "response__created_at",
        )
    )
    return _in_venue_time(session, rows)


def _in_venue_time(session, rows) -> Iterator[tuple]:
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        *fields, submitted_at = row
        yield (*fields, session.local(submitted_at).isoformat(timespec="seconds"))


__all__ = ["CHUNK_SIZE", "response_rows"]
