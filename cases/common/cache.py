"""The cache on Redis, which the desk can work without for a while.

The cache holds only what can be rebuilt or done without: the idle clock's last request (the session
keeps it too, to the minute), and the marker that a refusal was logged a moment ago (without it the
refusal is logged again). Redis also carries the job queue; when it is down the pages must still open,
so a failed cache call is a miss, said once a minute in the log for the operator, not a 500.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 60


class TolerantRedisCache(RedisCache):
    """Django's Redis cache whose calls answer as a miss while Redis cannot be reached: get → the
    default, add → True (nothing was there), set and delete → nothing happens."""

    _warned_at = 0.0

    def _unreachable(self, exc: RedisError) -> None:
        now = time.monotonic()
        if now - TolerantRedisCache._warned_at >= WARN_EVERY_SECONDS:
            TolerantRedisCache._warned_at = now
            logger.warning(
                "cache: Redis cannot be reached (%s); working without the cache", type(exc).__name__
            )

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as exc:
            self._unreachable(exc)
            return default

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as exc:
            self._unreachable(exc)
            return True

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as exc:
            self._unreachable(exc)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as exc:
            self._unreachable(exc)
            return False
