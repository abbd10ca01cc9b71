"""make_* helpers: the smallest valid objects, with overridable fields."""

import itertools
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model

from coalitions.models import Coalition, CoalitionMembership, Issue, Output, OutputVersion
from feedback.models import Rating, RatingSheet, Response
from feedback.services import sheet_save
from igfsession.agenda.models import Part, Slot
from igfsession.models import Session

_counter = itertools.count(1)

DAY3_START = datetime(2015, 11, 12, 19, 30, tzinfo=UTC)  # 16:30 in João Pessoa


def _n() -> int:
    return next(_counter)


def make_user(*, username=None, password="a-long-test-password", **fields):
    username = username or f"user{_n()}"
    return get_user_model().objects.create_user(
        username=username, password=password, email=f"{username}@example.org", **fields
    )


def make_organiser(**fields):
    return make_user(is_staff=True, is_superuser=True, **fields)


def make_session(**fields):
    n = _n()
    values = {
        "name": f"Session {n}",
        "slug": f"session-{n}",
        "year": 2015,
        "meeting_name": "10th IGF",
        "city": "João Pessoa",
        "time_zone": "America/Fortaleza",
    }
    values.update(fields)
    return Session.objects.create(**values)


def make_part(*, session=None, **fields):
    values = {
        "session": session or make_session(),
        "kind": Part.Kind.PRESENTATIONS,
        "title": f"Part {_n()}",
        "starts_at": DAY3_START,
        "ends_at": DAY3_START + timedelta(minutes=90),
    }
    values.update(fields)
    return Part.objects.create(**values)


def make_slot(*, part=None, **fields):
    part = part or make_part()
    values = {
        "part": part,
        "kind": Slot.Kind.PRESENTATION,
        "title": f"Slot {_n()}",
        "starts_at": part.starts_at,
        "ends_at": part.starts_at + timedelta(minutes=10),
    }
    values.update(fields)
    return Slot.objects.create(**values)


def make_coalition(**fields):
    n = _n()
    values = {"name": f"Dynamic Coalition {n}", "acronym": f"DC{n}", "slug": f"dc-{n}"}
    values.update(fields)
    return Coalition.objects.create(**values)


def make_coordinator(coalition, **fields):
    user = make_user(**fields)
    CoalitionMembership.objects.create(user=user, coalition=coalition)
    return user


def make_output(*, coalition=None, session=None, **fields):
    n = _n()
    values = {
        "coalition": coalition or make_coalition(),
        "session": session or make_session(),
        "title": f"Output {n}",
        "slug": f"output-{n}",
        "status": Output.Status.FINAL,
        "review_state": Output.Review.ACCEPTED,  # as the migration left every declared output
    }
    values.update(fields)
    return Output.objects.create(**values)


def make_issue(*, output=None, **fields):
    values = {"output": output or make_output(), "title": f"Issue {_n()}"}
    values.update(fields)
    return Issue.objects.create(**values)


def make_version(*, output=None, number=1, **fields):
    """A file version row (no file on disk: for admin lists and pages)."""
    values = {
        "output": output or make_output(),
        "number": number,
        "file": "outputs/0123456789abcdef0123456789abcdef.pdf",
        "original_name": "DC-PAL principles.pdf",
        "content_type": "application/pdf",
        "size": 123_456,
        "sha256": "0" * 64,
    }
    values.update(fields)
    return OutputVersion.objects.create(**values)


def make_sheet(*, output=None, **fields):
    values = {
        "output": output or make_output(),
        "code": f"s{_n()}",
        "opens_at": datetime(2015, 11, 1, tzinfo=UTC),
    }
    values.update(fields)
    # Through the service, which tells the output when rating opens (its issues freeze then).
    sheet = sheet_save(sheet=RatingSheet(**values))
    sheet.output.refresh_from_db(fields=["rating_opens_at"])
    return sheet


def make_response(*, sheet=None, **fields):
    values = {"sheet": sheet or make_sheet(), "respondent_hash": f"{_n():064x}"}
    values.update(fields)
    return Response.objects.create(**values)


def make_rating(*, response=None, issue=None, mark="4", **fields):
    response = response or make_response()
    issue = issue or make_issue(output=response.sheet.output)
    # The rating carries its response's stakeholder group, as the services write it.
    fields.setdefault("stakeholder_group", response.stakeholder_group)
    return Rating.objects.create(response=response, issue=issue, mark=mark, **fields)
