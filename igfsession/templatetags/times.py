"""Times in templates: lengths of time in words, and datetime attributes HTML accepts."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """A length of time in words ("1 hour", "15 minutes"), in the visitor's language."""
    if not value:
        return ""
    now = timezone.now()
    return timeuntil(now + value, now, depth=2)


@register.filter(expects_localtime=True)
def iso_datetime(value: datetime | None) -> str:
    """For <time datetime>: ISO 8601 in the current time zone, to the second.

    The ``c`` date format keeps microseconds, and HTML allows at most three digits of a second.
    """
    if not value:
        return ""
    return value.replace(microsecond=0).isoformat()


@register.filter
def starts_in(value: datetime | None) -> str:
    """How long until ``value``, in plain words: "starts in 2 h 10 min"; "" once it has begun.

    agenda.js rewrites it from the same patterns (``data-in-*`` on the page) as time passes.
    """
    if not value:
        return ""
    minutes = int((value - timezone.now()).total_seconds() // 60)
    if minutes < 0:
        return ""
    if minutes < 1:
        return gettext("starts in less than a minute")
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return gettext("starts in %(minutes)s min") % {"minutes": minutes}
    return gettext("starts in %(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
