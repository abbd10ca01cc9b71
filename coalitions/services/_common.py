"""What every coalitions service shares: field allow-lists, the output lock, venue times."""

from django.db.models import Model
from django.utils.formats import date_format

from ..models import Output


def set_fields(instance: Model, allowed: tuple[str, ...], fields: dict) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)


def lock(output: Output) -> None:
    """Serialise writes to one output's versions and issues (a row lock on PostgreSQL)."""
    Output.objects.select_for_update().filter(pk=output.pk).values_list("pk").first()


def venue_moment(session, moment) -> str:
    return f"{date_format(session.local(moment), 'DATETIME_FORMAT')} ({session.time_zone})"
