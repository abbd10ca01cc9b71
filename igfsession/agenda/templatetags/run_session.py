"""The admin's index, "Run the session": ``{% run_the_session as run %}`` in admin/index.html.

The admin site sits at the bottom of the layers; its index template asks the agenda, at the top,
for what the session's dashboard shows.
"""

from django import template

from igfsession.admin_helpers import venue_time
from igfsession.agenda.dashboard import RunTheSession, run_the_session

register = template.Library()


@register.simple_tag(name="run_the_session")
def run_the_session_tag() -> RunTheSession:
    return run_the_session()


@register.filter
def at_venue(moment, session) -> str:
    """A moment in the session's own time zone, named: "Thu 12 Nov 2015 16:30 (America/…)"."""
    return venue_time(session, moment)
