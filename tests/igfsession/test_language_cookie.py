"""Issue 14: the language cookie is SameSite=Lax always, Secure in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_language_cookie_is_lax_and_secure_in_production(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/agenda/"})

    cookie = response.cookies["django_language"]
    assert (cookie.value, cookie["samesite"], cookie["secure"]) == ("fr", "Lax", True)


def _setting(name, **env):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='igfsession.settings'; "
        f"from django.conf import settings; print(settings.{name})"
    )
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=environ | env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_language_cookie_settings_in_development_and_production():
    production = {"DEBUG": "0", "SECRET_KEY": "s" * 60}

    assert _setting("LANGUAGE_COOKIE_SECURE", DEBUG="1") == "False"
    assert _setting("LANGUAGE_COOKIE_SECURE", **production) == "True"
    assert _setting("LANGUAGE_COOKIE_SAMESITE", DEBUG="1") == "Lax"
    assert _setting("LANGUAGE_COOKIE_SAMESITE", **production) == "Lax"
