"""Per-address rate limits for public forms and APIs, kept in the cache (local memory or Redis).

Fixed windows: simple, and good enough against bursts from one address. Addresses are hashed so
that no citizen's IP address is stored in clear.
"""
from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse


def client_address(request) -> str:
    # Behind a reverse proxy, production sets the real address in REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def current_window(window: int) -> int:
    """The number of the fixed window of `window` seconds we are in."""
    return int(time.time()) // window


def _key(scope: str, request, window: int) -> str:
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:16]
    return f"ratelimit:{scope}:{digest}:{current_window(window)}"


def hit(request, *, scope: str, limit: int, window: int = 60) -> bool:
    """Count one request; True while the address is within `limit` requests per `window` seconds."""
    key = _key(scope, request, window)
    if cache.add(key, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        count = 1
    return count <= limit


TOO_MANY = "Bạn gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau ít phút."


def rate_limited(*, scope: str, limit: int, window: int = 60, methods=("POST",)):
    """View decorator: answers 429 with a Vietnamese message once the address exceeds the limit."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not hit(request, scope=scope, limit=limit, window=window):
                response = HttpResponse(TOO_MANY, status=429, content_type="text/plain; charset=utf-8")
                response["Retry-After"] = str(window)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
