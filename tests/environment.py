"""Test-run environment, loaded as a pytest plugin (-p) before pytest-django reads the settings."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("STATIC_NO_MANIFEST", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
