"""Coalitions' and sessions' own text keeps its own direction inside a page in another script.

An English title inside an Arabic page must not be laid out right to left ("Universality and
equality .1"): every element holding a coalition's or session's text carries ``dir="auto"`` (a
``<bdi>`` does so by itself), and an output's texts carry the output's language as ``lang``.
Pages are rendered in Arabic from the browser tests' data (tests/browser/data.py).
"""

from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.browser.data import build_site

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _Holders(HTMLParser):
    """For each text node in <body>: its text, the element holding it and its dir and lang."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        tags = [tag for tag, _attrs in self.stack]
        if data.strip() and "body" in tags and not {"script", "style"} & set(tags):
            self.found.append(
                (data, self.stack[-1][0], self._nearest("dir"), self._nearest("lang"))
            )

    def _nearest(self, attribute):
        """The attribute as the element inherits it: from the nearest element that sets it."""
        for tag, attrs in reversed(self.stack):
            if tag == "bdi" and attribute == "dir":
                return attrs.get("dir", "auto")
            if attribute in attrs:
                return attrs[attribute]
        return None


def holders(html: str):
    parser = _Holders()
    parser.feed(html)
    return parser.found


def _texts(site):
    """The site's own texts, each with the language it is known to be in (None: not known)."""
    language = site.output.language
    texts = {
        site.coalition.name: None,
        site.session.name: None,
        site.output.title: language,
        site.output.summary: language,
    }
    texts.update({issue.title: language for issue in site.issues})
    texts.update({slot.title: None for slot in site.slots})
    return texts


def _misdirected(html: str, texts: dict) -> list[str]:
    wrong = []
    for data, tag, direction, lang in holders(html):
        for text, language in texts.items():
            if text not in data:
                continue
            if direction != "auto":
                wrong.append(f"<{tag}> without dir=auto holds {data.strip()!r}")
            elif language and lang != language:
                wrong.append(f"<{tag}> without lang={language} holds {data.strip()!r}")
    return wrong


PUBLIC = [
    "/",
    "/agenda/",
    "/agenda/now/",
    "/coalitions/",
    "/coalitions/{site.coalition.slug}/",
    "/coalitions/{site.coalition.slug}/outputs/{site.output.slug}/",
    "/feedback/",
    "/feedback/{site.sheet.code}/",
    "/feedback/{site.sheet.code}/print/",
    "/feedback/results/",
    "/feedback/report/",
    "/coalitions/{site.coalition.slug}/report/",
]
# Staff see what the public does not yet: the results of a sheet still open, the live control.
STAFF = [
    "/feedback/results/{site.sheet.code}/",
    "/feedback/results/projector/",
    "/agenda/control/",
]
PORTAL = [
    "/coalitions/{site.coalition.slug}/manage/",
    "/coalitions/{site.coalition.slug}/manage/outputs/{site.output.slug}/",
]


@pytest.fixture
def site(db):
    return build_site()


def _page(client, path, site):
    client.cookies["django_language"] = "ar"
    response = client.get(path.format(site=site), headers={"accept-language": "ar"})
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_gives_coalition_text_its_own_direction(path, site):
    html = _page(Client(), path, site)
    assert _misdirected(html, _texts(site)) == []


@pytest.mark.parametrize("path", PORTAL)
def test_portal_gives_coalition_text_its_own_direction(path, site):
    client = Client()
    client.force_login(site.coordinator)
    html = _page(client, path, site)
    assert _misdirected(html, _texts(site)) == []


@pytest.mark.parametrize("path", STAFF)
def test_staff_page_gives_coalition_text_its_own_direction(path, site):
    client = Client()
    client.force_login(site.organiser)
    html = _page(client, path, site)
    assert _misdirected(html, _texts(site)) == []


def test_the_check_finds_a_title_without_its_direction():
    texts = {"Public access": "en", "IGF 2015": None}
    html = (
        "<body><h1>Public access</h1><p dir='auto'>IGF 2015</p>"
        "<p dir='auto'>Public access</p><bdi lang='en'>Public access</bdi>"
        "<div dir='auto' lang='en'><p>Public access</p></div>"
        "<p dir='auto' lang='en'><span dir='rtl'>Public access</span></p></body>"
    )
    assert _misdirected(html, texts) == [
        "<h1> without dir=auto holds 'Public access'",
        "<p> without lang=en holds 'Public access'",
        "<span> without dir=auto holds 'Public access'",
    ]
