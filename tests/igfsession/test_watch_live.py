"""The "Watch live" block on the agenda and the now page: the session's webcast, transcript and
remote-participation links, or a line saying where they will appear."""

import pytest
import time_machine

from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

PAGES = ["/agenda/", "/agenda/now/"]
NO_LINKS_YET = (
    '<p class="mb-0">The webcast, the live transcript and the link to take part remotely will '
    "appear here when the organisers add them, before the session starts.</p>"
)


def _block(html: str) -> str:
    start = html.index('<section id="watch-live" class="watch-live mb-4"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_block_lists_every_link_of_the_session(client, url):
    make_agenda(slots=1, remote_participation_url="https://remote.example.org/igf2015")

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        block = _block(client.get(url).content.decode())

    assert block == (
        '<section id="watch-live" class="watch-live mb-4" aria-labelledby="watch-live-h">\n'
        '<h2 id="watch-live-h" class="h4">Watch live</h2>\n'
        '<ul class="list-inline mb-0">\n'
        '<li class="list-inline-item"><a class="btn btn-outline-primary btn-sm" '
        'href="https://webcast.example.org/igf2015">Watch the webcast</a></li>\n'
        '<li class="list-inline-item"><a href="https://transcript.example.org/igf2015">'
        "Read the live transcript</a></li>\n"
        '<li class="list-inline-item"><a href="https://remote.example.org/igf2015">'
        "Take part remotely</a></li>\n"
        "</ul>\n\n\n"
    )


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_block_with_some_links_says_the_others_will_come(client, url):
    make_agenda(slots=1, transcript_url="")

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        block = _block(client.get(url).content.decode())

    assert ('href="https://webcast.example.org/igf2015"' in block, "transcript" in block) == (
        True,
        False,
    )
    assert (
        '<p class="small mb-0">Any link still missing will appear here when the organisers add '
        "it.</p>" in block
    )


@pytest.mark.parametrize("url", PAGES)
def test_watch_live_block_without_links_says_where_they_will_appear(client, url):
    make_agenda(slots=1, webcast_url="", transcript_url="")

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        html = client.get(url).content.decode()

    assert NO_LINKS_YET in _block(html)
    assert '<a href="https://' not in _block(html)


def test_watch_live_block_comes_before_what_is_on_now(client):
    make_agenda(slots=1)

    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        html = client.get("/agenda/now/").content.decode()

    assert html.index('id="watch-live"') < html.index('<h2 id="now-h">')
