"""A Redis cache that degrades instead of failing: with Redis down or frozen, every call is a miss.

The cache holds nothing that must survive (rate-limit counters, used TOTP codes), so losing it for a
while must not turn the login page into a server error. Each fault is logged at ERROR level, because
while Redis is away login rate limiting and TOTP replay protection are not enforced. After a fault
the cache is not asked again for PULS_CACHE_PAUSE_SECONDS: a frozen Redis costs one socket timeout
then, not one per call (a login makes about twenty).
"""

import functools
import logging
import time

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _degrade(on_error):
    """Wrap a cache method: on a Redis fault, log it and return ``on_error(*args)`` instead."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._paused_until:
                return on_error(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError):
                self._paused_until = time.monotonic() + settings.PULS_CACHE_PAUSE_SECONDS
                logger.exception(
                    "Cache unavailable (%s failed): every cache read is a miss for the next %s s; "
                    "login rate limits are not enforced until Redis answers again",
                    method.__name__,
                    settings.PULS_CACHE_PAUSE_SECONDS,
                )
                return on_error(*args, **kwargs)

        return wrapper

    return decorator


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (the cache is unavailable)")


class ResilientRedisCache(RedisCache):
    """django.core.cache.backends.redis.RedisCache, answering as an empty cache when Redis fails."""

    _paused_until = 0.0

    get = _degrade(lambda key, default=None, *a, **k: default)(RedisCache.get)
    set = _degrade(lambda *a, **k: None)(RedisCache.set)
    # An add to an empty cache succeeds: a caller waiting for it (allauth's lock) goes on.
    add = _degrade(lambda *a, **k: True)(RedisCache.add)
    touch = _degrade(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrade(lambda *a, **k: False)(RedisCache.delete)
    get_many = _degrade(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _degrade(lambda *a, **k: False)(RedisCache.has_key)
    incr = _degrade(_missing_key)(RedisCache.incr)
    set_many = _degrade(lambda *a, **k: [])(RedisCache.set_many)
    delete_many = _degrade(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _degrade(lambda *a, **k: False)(RedisCache.clear)
