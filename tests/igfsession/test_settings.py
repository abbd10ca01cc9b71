import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def _run_django_check(**env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_missing_secret_key_with_debug_off_stops_start_up():
    result = _run_django_check(DEBUG="0")

    assert result.returncode == 1
    assert "SECRET_KEY is not set." in result.stderr
    assert "System check identified" not in result.stdout


def test_settings_missing_secret_key_with_debug_on_starts():
    result = _run_django_check(DEBUG="1")

    assert result.returncode == 0
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_settings_unreadable_boolean_stops_start_up():
    result = _run_django_check(DEBUG="maybe", SECRET_KEY="x" * 60)

    assert result.returncode == 1
    assert "DEBUG must be one of 1/0, true/false, yes/no, on/off; got 'maybe'." in result.stderr


def test_settings_production_values_pass_the_deploy_checks():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "STATIC_NO_MANIFEST", "SECURE_SSL_REDIRECT"}
    }
    env.update(
        SECRET_KEY="p" * 20 + "-production-like-secret-key-" + "q" * 20,
        ALLOWED_HOSTS="igf.example.org",
        DEBUG="0",
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
