"""Public pages answered from the shared cache, before most of the middleware runs.

A view opts in with ``@cached_page(until=...)``. The first anonymous GET of such a page goes
through the whole stack as usual; ``PageCacheMiddleware``, placed right after WhiteNoise, then
keeps what the stack answered — status, every header the inner middleware added (Vary, CSP,
X-Frame-Options, Content-Language…) and the body — in Django's cache (Redis where ``REDIS_URL``
is set). The next GETs of that page in that language, host and scheme are answered from it: a
200 with the stored body, or a 304 when the request's ``If-None-Match`` (or
``If-Modified-Since``) matches the stored validators; no database query, no session, CSRF or
template. SecurityMiddleware, outside it, adds its headers to both the same way.

An entry is valid while

- the generation it was read under is still current: ``forget()`` moves the generation on, and
  every write that changes what these pages show calls it (signals connected by the agenda,
  and the services that write with ``QuerySet.update()``);
- its ``until`` has not passed: the view says when its page changes with the clock (the next slot
  boundary in clock mode, the venue's midnight for the home page), and no entry lives longer
  than ``PAGE_CACHE_SECONDS`` whatever it says.

Only requests that every visitor could have sent are served or stored: GET, no query string, no
session cookie (a signed-in user, or anyone with a session, gets the page rendered for them), no
pending messages cookie. Only answers that could be given to anyone are stored: a 200 that sets
no cookie, used no CSRF token, carries no CSP nonce and varies on nothing but Cookie and
Accept-Language. A cache error is logged and treated as a miss.
"""

import hashlib
import logging
import math
import time
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

logger = logging.getLogger(__name__)

GENERATION_KEY = "pages:v1:generation"
KEY_PREFIX = "pages:v1:page:"
# Headers a 304 leaves out (Django's own 304 of these pages has every other header, with a
# Content-Length of 0).
_NOT_ON_304 = {"content-type", "content-disposition", "content-length"}
_VARY_ALLOWED = {"cookie", "accept-language"}

# Paths whose answers a view marked as cacheable, learned by this process as they pass through:
# only they cost a cache lookup.
_cacheable_paths: set[str] = set()

Until = Callable[..., datetime | None]


def _fresh_generation() -> int:
    # Never a value used before, even if the key was evicted: entries of an old one stay invalid.
    return time.time_ns() // 1000


def forget() -> None:
    """Every cached page is stale from now on (and again once the current transaction commits,
    so that a page rendered from the data before the commit is not kept)."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or evicted: a new one
        _new_generation()
    except Exception:  # a cache outage must not fail the write that changed data
        logger.exception("page cache: could not move the generation on")


def cached_page(until: Until | None = None):
    """Mark a view's answers as the same for every anonymous visitor of a language.

    ``until(request)``, called after the view ran, gives when the page next changes with the
    clock (or None).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response._page_cache_until = until(request) if until else None
            return response

        return wrapper

    return decorator


def _language(request) -> str:
    """The language LocaleMiddleware would activate for this request."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
    language = translation.get_language_from_request(request, check_path=i18n_patterns_used)
    language_from_path = translation.get_language_from_path(request.path_info)
    if not language_from_path and i18n_patterns_used and not prefixed_default_language:
        language = settings.LANGUAGE_CODE
    return language


def _eligible(request) -> bool:
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # the normal stack answers it (400)
    raw = "|".join((request.scheme, host, request.path, _language(request)))
    return KEY_PREFIX + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _storable(request, response) -> bool:
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "'nonce-" not in response.get("Content-Security-Policy", "")
        and vary <= _VARY_ALLOWED
    )


def _answer(request, entry: dict) -> HttpResponse | None:
    """The stored page, or a 304 when the request's validators say so; None for the rare other
    preconditions (If-Match…), which the whole stack answers."""
    conditional = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"]
    )
    if conditional is not None and conditional.status_code == 304:
        response = HttpResponseNotModified()
        for name, value in entry["headers"]:
            if name.lower() not in _NOT_ON_304:
                response.headers[name] = value
        response.headers["Content-Length"] = "0"
        return response
    if conditional is not None:
        return None
    response = HttpResponse(entry["content"], status=entry["status"])
    del response.headers["Content-Type"]
    for name, value in entry["headers"]:
        response.headers[name] = value
    return response


class PageCacheMiddleware:
    """Answers the pages ``cached_page`` marks from the cache; a miss goes down the stack and
    its answer is stored (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if _eligible(request) and request.path in _cacheable_paths:
            key = _key(request)
        if key is None:
            response = self.get_response(request)
            if hasattr(response, "_page_cache_until"):
                # Stored from the next request on: this one did not read the generation first.
                _cacheable_paths.add(request.path)
            return response
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:  # a cache outage is a miss
            logger.exception("page cache: lookup failed; answering without the cache")
            return self.get_response(request)
        # Read before the page is rendered: a change made while it renders makes it stale.
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if generation is None:
            generation = _new_generation()
        elif _valid(entry, generation):
            answer = _answer(request, entry)
            if answer is not None:
                return answer
        response = self.get_response(request)
        if (
            hasattr(response, "_page_cache_until")
            and generation is not None
            and _storable(request, response)
        ):
            _store(key, generation, response._page_cache_until, response)
        return response


def _valid(entry: dict | None, generation: int) -> bool:
    return entry is not None and entry["generation"] == generation and time.time() < entry["until"]


def _new_generation() -> int | None:
    """The generation after it went missing (first use, eviction): a new one, unless another
    request set one first."""
    try:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        return cache.get(GENERATION_KEY)
    except Exception:
        logger.exception("page cache: could not set the generation")
        return None


def _store(key: str, generation: int, until: datetime | None, response) -> None:
    now = time.time()
    ends = now + settings.PAGE_CACHE_SECONDS
    if until is not None:
        ends = min(ends, until.timestamp())
    if ends <= now:
        return
    last_modified = response.get("Last-Modified")
    entry = {
        "generation": generation,
        "until": ends,
        "status": response.status_code,
        "headers": list(response.headers.items()),
        "content": response.content,
        "etag": response.get("ETag"),
        "last_modified": parse_http_date_safe(last_modified) if last_modified else None,
    }
    try:
        cache.set(key, entry, timeout=math.ceil(ends - now))
    except Exception:
        logger.exception("page cache: could not store a page")
