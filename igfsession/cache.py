"""Django's Redis cache, made to survive Redis going away.

Every page works from the database alone; Redis only saves work. When Redis cannot be reached
(stopped, restarting, a network cut), this backend logs a warning and answers as an empty cache
would: reads miss, writes are dropped, ``add`` says "not added", ``incr`` counts from nothing
(so the rate limits of ``igfsession.ratelimit`` fail open: nobody is refused for Redis's fault).

After a failure the backend stops asking Redis for ``RETRY_SECONDS`` (a setting of the cache,
beside ``OPTIONS``; 5 by default), so that an outage costs each request nothing rather than a
connection attempt per cache call; then it tries again, and caching resumes by itself when Redis
is back. Short socket timeouts belong in ``OPTIONS`` (``socket_connect_timeout``,
``socket_timeout``): igfsession/settings.py sets them.

This pause is the only thing the backend remembers, per process, and it holds no request's data.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ReadOnlyError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("igfsession.cache")

# What "Redis cannot be reached" looks like (ReadOnlyError: a replica answering during a
# fail-over). Other Redis errors are bugs of ours and are raised.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ReadOnlyError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.retry_seconds = float(params.get("RETRY_SECONDS", 5))
        self._down_until = 0.0

    def _unavailable(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        self._down_until = time.monotonic() + self.retry_seconds
        logger.warning(
            "Cache unreachable during %s (%s: %s): reads are misses, writes are dropped and "
            "rate limits are not counted for the next %g s.",
            operation,
            type(error).__name__,
            error,
            self.retry_seconds,
        )

    def _call(self, operation: str, fallback, method, *args, **kwargs):
        if self._unavailable():
            return fallback
        try:
            return method(*args, **kwargs)
        except UNAVAILABLE as error:
            self._failed(operation, error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # Counting from nothing: the caller sees a first attempt, as after the key expired.
        return self._call("incr", delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that failed to be set.
        return self._call("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._call("clear", False, super().clear)
