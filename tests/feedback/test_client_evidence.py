"""Issue 14, ballot stuffing: the browser family and the keyed address hash a response keeps."""

import hashlib
import hmac

import pytest

from feedback.client_evidence import agent_family, client_hash

CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
SAFARI_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
CHROME_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1"
)
FIREFOX_DESKTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
EDGE_DESKTOP = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15"
)


@pytest.mark.parametrize(
    ("agent", "family"),
    [
        (CHROME_ANDROID, "Chrome/Android"),
        (SAFARI_IOS, "Safari/iOS"),
        (CHROME_IOS, "Chrome/iOS"),
        (FIREFOX_DESKTOP, "Firefox/desktop"),
        (EDGE_DESKTOP, "Edge/desktop"),
        (SAFARI_MAC, "Safari/desktop"),
        ("curl/8.5.0", "curl"),
        ("Wget/1.21.4", "wget"),
        ("python-requests/2.31.0", "python"),
        ("Python-urllib/3.11", "python"),
        ("Go-http-client/2.0", "script"),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot"),
        ("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/124.0.0.0 Safari/537.36", "bot"),
        ("SomethingElse/1.0", "other"),
        ("Mozilla/5.0 (X11)", "other"),
        ("", "none"),
        (None, "none"),
    ],
)
def test_agent_family(agent, family):
    assert agent_family(agent) == family


def test_client_hash_is_a_keyed_hmac_per_session(settings):
    settings.FEEDBACK_CLIENT_HASH_KEY = "key-one"
    key = hmac.new(b"key-one", b"session:7", "sha256").digest()
    expected = hmac.new(key, b"203.0.113.9", hashlib.sha256).hexdigest()
    assert client_hash("203.0.113.9", 7) == expected
    assert len(expected) == 64
    assert "203.0.113.9" not in expected
    # The same address in another session, or under another key, hashes differently.
    assert client_hash("203.0.113.9", 8) != expected
    settings.FEEDBACK_CLIENT_HASH_KEY = "key-two"
    assert client_hash("203.0.113.9", 7) != expected


@pytest.mark.parametrize("address", [None, ""])
def test_client_hash_of_no_address_is_blank(address):
    assert client_hash(address, 1) == ""


def test_client_hash_key_defaults_to_one_derived_from_the_secret_key(settings):
    from django.conf import settings as live

    assert live.FEEDBACK_CLIENT_HASH_KEY == "feedback.client-hash:" + live.SECRET_KEY
