"""Submission limits kept in the cache (shared through Redis when several servers run).

A whole venue often sits behind one public address, so the per-address ceiling is generous
and configurable; the tight limit is per respondent token. Addresses are only hashed into
cache keys, never stored in the database.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from igfsession.client_address import client_address


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    window_seconds: int


def _key(scope: str, subject: str) -> str:
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"feedback:rate:{scope}:{digest}"


def _hit(limit: Limit, subject: str) -> bool:
    """Count one attempt; True while still within the limit."""
    key = _key(limit.scope, subject)
    cache.add(key, 0, timeout=limit.window_seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.window_seconds)
        used = 1
    return used <= limit.count


def per_respondent() -> Limit:
    return Limit(
        "respondent",
        settings.FEEDBACK_RATE_PER_RESPONDENT,
        settings.FEEDBACK_RATE_WINDOW_SECONDS,
    )


def per_address() -> Limit:
    return Limit(
        "address",
        settings.FEEDBACK_RATE_PER_ADDRESS,
        settings.FEEDBACK_RATE_WINDOW_SECONDS,
    )


def allow_submission(request, respondent_token: str) -> bool:
    """True if this submission is within both limits (and counts it)."""
    within_respondent = _hit(per_respondent(), respondent_token)
    within_address = _hit(per_address(), client_address(request) or "")
    return within_respondent and within_address
