"""/agenda/: the calendar and conference-app exports sit in their own section at the end, each
with a sentence on what it is for, not at the top of the page."""

import pytest

from tests.igfsession.helpers import make_agenda

pytestmark = pytest.mark.django_db


def test_agenda_exports_are_in_their_own_section_after_the_days(client):
    make_agenda(slots=1)

    html = client.get("/agenda/").content.decode()

    section = html.index('<section id="use-elsewhere" aria-labelledby="use-elsewhere-h"')
    assert html.index('id="day-2"') < section
    assert '<h2 id="use-elsewhere-h" class="h4">Use in your calendar or conference app</h2>' in html
    for url in ("/agenda.ics", "/agenda/schedule.xml", "/agenda/schedule.json"):
        assert html.index(f'href="{url}"') > section


def test_agenda_exports_each_say_what_they_are_for(client):
    make_agenda(slots=1)

    html = client.get("/agenda/").content.decode()

    assert (
        '<dt><a href="/agenda.ics">Calendar (iCalendar)</a></dt>\n'
        "<dd>Subscribe to it in your calendar (Google Calendar, Outlook, Apple Calendar): every "
        "slot appears in your own time and follows the organisers' changes.</dd>" in html
    )
    assert (
        '<dt><a href="/agenda/schedule.xml">Conference app schedule (XML)</a></dt>\n'
        "<dd>For conference apps that read the frab schedule format (such as Giggity or "
        "ConfClerk): add this address as a new schedule.</dd>" in html
    )
    assert (
        '<dt><a href="/agenda/schedule.json">Conference app schedule (JSON)</a></dt>\n'
        "<dd>The same schedule in JSON, for apps and scripts that prefer it.</dd>" in html
    )
