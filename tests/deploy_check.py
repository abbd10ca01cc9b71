"""`manage.py check --deploy --fail-level WARNING` in a subprocess, with production's settings: the
tests' own choices (DEBUG, no manifest, local memory cache…) dropped from the environment."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
# What the test run sets (tests/environment.py, the shell) and production leaves unset.
TEST_ONLY = {"DEBUG", "STATIC_NO_MANIFEST", "SECURE_SSL_REDIRECT", "CACHE_BACKEND", "REDIS_URL"}
PRODUCTION_SECRET_KEY = "p" * 20 + "-production-like-secret-key-" + "q" * 20


def deploy_check(*, dropped=(), **env_overrides) -> subprocess.CompletedProcess:
    """The deploy checks as `.ci/run` runs them; ``env_overrides`` set, ``dropped`` unset."""
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY | set(dropped)}
    env.update(
        SECRET_KEY=PRODUCTION_SECRET_KEY,
        ALLOWED_HOSTS="igf.example.org",
        DEBUG="0",
        **env_overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
