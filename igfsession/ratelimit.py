"""Counting what strangers do, in the cache (shared through Redis when several servers run).

Subjects (tokens, addresses) are only hashed into cache keys, never stored in the database.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    window_seconds: int


def _key(scope: str, subject: str) -> str:
    digest = hashlib.sha256(subject.encode()).hexdigest()[:32]
    return f"rate:{scope}:{digest}"


def hit(limit: Limit, subject: str) -> bool:
    """Count one attempt; True while still within the limit."""
    key = _key(limit.scope, subject)
    cache.add(key, 0, timeout=limit.window_seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.window_seconds)
        used = 1
    return used <= limit.count
