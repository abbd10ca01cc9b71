"""What an online response keeps about the client that sent it, for organisers to spot scripted
submissions (``feedback.integrity``): a keyed hash of its address and a coarse browser family.

Never the address itself. The hash is an HMAC-SHA256 keyed with ``FEEDBACK_CLIENT_HASH_KEY``
(derived from ``SECRET_KEY`` unless set) mixed with the session's primary key, so the same
address hashes differently in another session's sheets. Both are cleared
``FEEDBACK_CLIENT_DETAILS_RETENTION_DAYS`` after the sheet closes (``manage.py cleanup``).
"""

import hashlib
import hmac
import re

from django.conf import settings

from igfsession.client_address import client_address


def client_hash(address: str | None, session_id: int) -> str:
    """The keyed hash of a client address for one session; "" when the address is unknown."""
    if not address:
        return ""
    key = hmac.new(
        settings.FEEDBACK_CLIENT_HASH_KEY.encode(), f"session:{session_id}".encode(), "sha256"
    ).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def request_client_hash(request, session_id: int) -> str:
    return client_hash(client_address(request), session_id)


_TOOLS = (
    ("curl", re.compile(r"\bcurl/", re.I)),
    ("wget", re.compile(r"\bwget/", re.I)),
    ("python", re.compile(r"python|aiohttp|httpx|urllib|locust", re.I)),
    ("script", re.compile(r"go-http-client|java/|okhttp|node-fetch|axios|libwww|httpie", re.I)),
    ("bot", re.compile(r"bot\b|crawler|spider|headless", re.I)),
)
_MOBILE_OS = (
    ("iOS", re.compile(r"iphone|ipad|ipod", re.I)),
    ("Android", re.compile(r"android", re.I)),
)
_BROWSERS = (  # order matters: Edge and Opera say Chrome, Chrome says Safari
    ("Edge", re.compile(r"\bedg(e|a|ios)?/", re.I)),
    ("Opera", re.compile(r"\bopr/|opera", re.I)),
    ("Samsung", re.compile(r"samsungbrowser/", re.I)),
    ("Firefox", re.compile(r"firefox/|fxios/", re.I)),
    ("Chrome", re.compile(r"chrome/|crios/|chromium/", re.I)),
    ("Safari", re.compile(r"safari/|applewebkit/", re.I)),
)


def agent_family(user_agent: str | None) -> str:
    """A coarse family of a User-Agent header: "Chrome/Android", "Safari/iOS",
    "Firefox/desktop", a tool ("curl", "wget", "python", "script", "bot"), "none" when the
    header is missing, or "other". Never the version or the device: too coarse to identify."""
    agent = (user_agent or "").strip()
    if not agent:
        return "none"
    for name, pattern in _TOOLS:
        if pattern.search(agent):
            return name
    platform = next((name for name, pattern in _MOBILE_OS if pattern.search(agent)), "desktop")
    if not agent.lower().startswith("mozilla/"):
        return "other"
    browser = next((name for name, pattern in _BROWSERS if pattern.search(agent)), None)
    return f"{browser}/{platform}" if browser else "other"


def request_agent_family(request) -> str:
    return agent_family(request.META.get("HTTP_USER_AGENT"))
