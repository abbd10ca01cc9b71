import os
import subprocess
import sys
from pathlib import Path

from tests.deploy_check import deploy_check

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
    result = deploy_check()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


# Issue 14: without REDIS_URL the cache is the database's; only an explicit local-memory cache
# is warned about in production.
def test_settings_explicit_local_memory_cache_warns_in_the_deploy_checks():
    result = deploy_check(CACHE_BACKEND="locmem")

    assert result.returncode == 1
    assert "?: (igfsession.W003) The cache is in local memory (CACHE_BACKEND=locmem)" in (
        result.stderr
    )


def test_settings_unknown_cache_backend_stops_start_up():
    result = deploy_check(CACHE_BACKEND="memcached")

    assert result.returncode == 1
    assert (
        "CACHE_BACKEND must be database or locmem (or set REDIS_URL); got 'memcached'."
        in result.stderr
    )


def test_settings_without_redis_use_the_database_cache():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='igfsession.settings'; "
            "from django.conf import settings; print(settings.CACHES['default'])",
        ],
        cwd=PROJECT,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"CACHE_BACKEND", "REDIS_URL", "SECRET_KEY"}
        }
        | {"DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == (
        "{'BACKEND': 'django.core.cache.backends.db.DatabaseCache', "
        "'LOCATION': 'igfdc_cache', 'KEY_PREFIX': 'igfdc', 'OPTIONS': {'MAX_ENTRIES': 1000000}}"
    )
