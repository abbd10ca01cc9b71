"""Who is filling in a sheet: a random token in a signed cookie; only its hash is ever stored.

No account and no IP address: a visitor is the browser that holds the cookie. An expired or
forged cookie is treated as a new visitor, never as somebody else.
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing

COOKIE_NAME = "igf_respondent"
COOKIE_SALT = "feedback.respondent"


def token_hash(token: str) -> str:
    return hashlib.sha256(f"respondent:{token}".encode()).hexdigest()


def read_token(request) -> str | None:
    """The visitor's token from the signed cookie, or None if absent, expired or forged."""
    try:
        return request.get_signed_cookie(
            COOKIE_NAME, salt=COOKIE_SALT, max_age=settings.FEEDBACK_RESPONDENT_COOKIE_AGE
        )
    except (KeyError, signing.BadSignature):
        return None


def respondent_hash(request) -> str | None:
    """The stored identity of this visitor, or None for a visitor without a valid cookie."""
    token = read_token(request)
    return token_hash(token) if token else None


def ensure_token(request) -> str:
    """This visitor's token, making a new one (to be set by ``remember``) when there is none."""
    token = read_token(request)
    if token is None:
        token = getattr(request, "_new_respondent_token", None) or secrets.token_urlsafe(24)
        request._new_respondent_token = token
    return token


def remember(request, response) -> None:
    """Set (or refresh) the cookie on the way out, if this request holds a token."""
    token = read_token(request) or getattr(request, "_new_respondent_token", None)
    if token is None:
        return
    response.set_signed_cookie(
        COOKIE_NAME,
        token,
        salt=COOKIE_SALT,
        max_age=settings.FEEDBACK_RESPONDENT_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(response) -> None:
    """Drop the cookie: the next answers from this browser are a new participant's (a shared
    phone, a kiosk). What was sent stays stored, and nobody can find it from here any more."""
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
