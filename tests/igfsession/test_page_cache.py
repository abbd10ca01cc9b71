"""The public agenda pages answered from the shared cache (igfsession/page_cache.py): a hit costs
no query and carries exactly the headers of a normal answer; what differs per visitor (language,
a session, a CSRF token, a query string) is never mixed up.

The agenda is built before the session and looked at during its first slot (16:35:30 in João
Pessoa; it ends at 16:40), with the clock frozen.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache

from tests.igfsession.helpers import BEFORE_THE_SESSION, make_agenda

pytestmark = pytest.mark.django_db

# Half a minute past: the now page's "starts in 4 min" holds until 16:36.
DURING_SLOT_1 = datetime(2015, 11, 12, 19, 35, 30, tzinfo=UTC)

CACHED_URLS = [
    "/",
    "/agenda/",
    "/agenda/now/",
    "/agenda/now.json",
    "/agenda.ics",
    "/agenda/schedule.xml",
    "/agenda/schedule.json",
]
# What a miss of now.json costs: the session and its validators, the live state, the slots on
# now and next, the clock's boundaries, the debate item.
NOW_JSON_QUERIES = 6


@pytest.fixture
def agenda():
    with time_machine.travel(BEFORE_THE_SESSION, tick=False):
        return make_agenda(slots=3)


@pytest.fixture
def clock(agenda):
    with time_machine.travel(DURING_SLOT_1, tick=False) as traveller:
        yield traveller


def _warm(client, url, **kwargs):
    """The first GET learns that the page is cacheable, the second stores it."""
    client.get(url, **kwargs)
    return client.get(url, **kwargs)


def test_now_json_conditional_get_unchanged_is_304_with_no_query(
    client, clock, django_assert_num_queries
):
    stored = _warm(client, "/agenda/now.json")

    with django_assert_num_queries(0):
        again = client.get("/agenda/now.json", headers={"if-none-match": stored["ETag"]})

    assert (stored.status_code, again.status_code, again.content) == (200, 304, b"")
    assert again["ETag"] == stored["ETag"]


def test_now_json_unconditional_get_from_the_cache_is_200_with_no_query(
    client, clock, django_assert_num_queries
):
    stored = _warm(client, "/agenda/now.json")

    with django_assert_num_queries(0):
        again = client.get("/agenda/now.json")

    assert again.status_code == 200
    assert again.json() == stored.json()
    assert again.json()["now"]["title"] == "Public access in libraries"


def test_now_json_if_modified_since_unchanged_is_304_with_no_query(
    client, clock, django_assert_num_queries
):
    stored = _warm(client, "/agenda/now.json")

    with django_assert_num_queries(0):
        again = client.get(
            "/agenda/now.json", headers={"if-modified-since": stored["Last-Modified"]}
        )

    assert (again.status_code, again.content) == (304, b"")


def test_now_json_other_etag_from_the_cache_is_200_with_the_body(
    client, clock, django_assert_num_queries
):
    stored = _warm(client, "/agenda/now.json")

    with django_assert_num_queries(0):
        again = client.get("/agenda/now.json", headers={"if-none-match": '"old-en"'})

    assert (again.status_code, again.content) == (200, stored.content)


@pytest.mark.parametrize("url", CACHED_URLS)
def test_cached_page_is_served_with_no_query_and_the_same_body(
    client, clock, django_assert_num_queries, url
):
    normal = client.get(url)
    _warm(client, url)

    with django_assert_num_queries(0):
        cached = client.get(url)

    assert (cached.status_code, cached.content) == (200, normal.content)


def test_slot_ics_is_served_from_the_cache(client, agenda, clock, django_assert_num_queries):
    _session, _day3, _day4, slots = agenda
    url = f"/agenda/slots/{slots[0].pk}.ics"
    normal = _warm(client, url)

    with django_assert_num_queries(0):
        cached = client.get(url)

    assert (cached.status_code, cached.content) == (200, normal.content)


@pytest.mark.parametrize("url", CACHED_URLS)
def test_cached_answer_has_exactly_the_headers_of_a_normal_one(client, clock, url):
    normal = client.get(url)
    _warm(client, url)
    cached = client.get(url)

    assert dict(cached.headers) == dict(normal.headers)
    assert list(cached.headers) == list(normal.headers)


@pytest.mark.parametrize("url", CACHED_URLS)
def test_cached_304_has_exactly_the_headers_of_a_normal_304(
    client, clock, django_assert_num_queries, url
):
    etag = _warm(client, url)["ETag"]
    with django_assert_num_queries(0):
        cached = client.get(url, headers={"if-none-match": etag})
    cache.clear()  # the next one goes through the whole stack
    normal = client.get(url, headers={"if-none-match": etag})

    assert (normal.status_code, cached.status_code) == (304, 304)
    assert dict(cached.headers) == dict(normal.headers)
    assert (cached["Content-Length"], cached["ETag"], "Content-Type" in cached) == (
        "0",
        etag,
        False,
    )


def test_cached_answer_keeps_the_security_headers(client, clock):
    cached = _warm(client, "/agenda/now.json")

    assert {
        name: cached[name]
        for name in (
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
            "X-Frame-Options",
        )
    } == {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    assert sorted(cached["Content-Security-Policy"].split("; ")) == [
        "base-uri 'self'",
        "connect-src 'self'",
        "default-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "manifest-src 'self'",
        "object-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "worker-src 'self'",
    ]


SPANISH = "django_language=es"


def test_each_language_has_its_own_cached_answer(client, clock, django_assert_num_queries):
    english = _warm(client, "/agenda/")
    french = _warm(client, "/agenda/", headers={"accept-language": "fr"})
    client.cookies["django_language"] = "es"
    spanish = _warm(client, "/agenda/")
    del client.cookies["django_language"]

    with django_assert_num_queries(0):
        answers = [
            client.get("/agenda/"),
            client.get("/agenda/", headers={"accept-language": "fr"}),
            client.get(
                "/agenda/", headers={"accept-language": "fr", "cookie": "django_language=es"}
            ),
        ]

    assert [answer["Content-Language"] for answer in answers] == ["en", "fr", "es"]
    assert [answer["ETag"][-4:] for answer in answers] == ['-en"', '-fr"', '-es"']
    assert [answer.content for answer in answers] == [
        english.content,
        french.content,
        spanish.content,
    ]
    assert '<html lang="fr"' in french.content.decode()
    assert english.content != french.content


def test_signed_in_user_is_never_served_the_anonymous_cached_page(
    client, organiser_client, clock, django_assert_num_queries
):
    from django.test import Client

    anonymous = Client()
    _warm(anonymous, "/agenda/now.json")

    # Rendered for them (as many queries as a miss), not taken from the cache.
    with django_assert_num_queries(NOW_JSON_QUERIES):
        signed_in = organiser_client.get("/agenda/now.json")

    assert signed_in.status_code == 200


def test_request_with_a_query_string_is_not_served_from_the_cache(
    client, clock, django_assert_num_queries
):
    _warm(client, "/agenda/now.json")

    with django_assert_num_queries(NOW_JSON_QUERIES):
        response = client.get("/agenda/now.json?x=1")

    assert response.status_code == 200


def test_page_that_sets_a_cookie_is_not_stored(client, django_assert_num_queries):
    """During the debate the now page has a question form with the visitor's CSRF token: each
    visitor gets a page of their own (and their cookie)."""
    from feedback import services
    from feedback.models import DebateItem
    from tests.factories import make_session
    from tests.feedback.debate_helpers import debate_world

    session = make_session(is_current=True)
    _pal, _irpc, organiser = debate_world(session)
    services.debate_item_start(item=DebateItem.objects.get(issue__title="Access"), user=organiser)
    _warm(client, "/agenda/now/")

    with django_assert_num_queries(7):
        again = client.get("/agenda/now/")

    assert again.status_code == 200
    assert list(again.cookies) == ["csrftoken"]


def test_cache_outage_is_a_miss_and_the_page_still_answers(client, clock, monkeypatch, caplog):
    stored = _warm(client, "/agenda/now.json")

    def broken(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "get_many", broken)
    again = client.get("/agenda/now.json")

    assert (again.status_code, again.content) == (200, stored.content)
    assert [
        record.getMessage() for record in caplog.records if record.name == "igfsession.page_cache"
    ] == ["page cache: lookup failed; answering without the cache"]


@pytest.mark.parametrize(
    ("change", "storable"),
    [
        ({}, True),
        ({"Content-Security-Policy": "script-src 'self' 'nonce-abc123'"}, False),
        ({"Vary": "Cookie, Accept-Language, User-Agent"}, False),
        ({"cookie": ("csrftoken", "x")}, False),
        ({"status": 404}, False),
        ({"csrf_used": True}, False),
    ],
)
def test_only_an_answer_anyone_could_get_is_stored(rf, change, storable):
    from django.http import HttpResponse

    from igfsession.page_cache import _storable

    request = rf.get("/agenda/now.json")
    response = HttpResponse("{}", status=change.get("status", 200))
    response["Vary"] = "Cookie, Accept-Language"
    response["Content-Security-Policy"] = "default-src 'self'"
    for name in ("Content-Security-Policy", "Vary"):
        if name in change:
            response[name] = change[name]
    if "cookie" in change:
        response.set_cookie(*change["cookie"])
    if change.get("csrf_used"):
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True

    assert _storable(request, response) is storable
