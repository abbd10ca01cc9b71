"""Who locust's participant is, as the app stores it: the hash of the respondent cookie's token
(``feedback.respondent.token_hash``), read from the signed cookie Django set."""

import hashlib


def respondent_hash(signed_value: str) -> str:
    """Django signs the cookie as "<token>:<timestamp>:<signature>"."""
    token = signed_value.strip('"').rsplit(":", 2)[0]
    return hashlib.sha256(f"respondent:{token}".encode()).hexdigest()
