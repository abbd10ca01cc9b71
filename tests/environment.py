"""Test-run environment, loaded as a pytest plugin (-p) before pytest-django reads the settings."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("STATIC_NO_MANIFEST", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# The tests choose the local-memory cache explicitly: each test starts from an empty cache
# without a database, and query counts do not include cache reads. The database cache that
# production uses without Redis is tested on its own (tests/igfsession/test_shared_counters.py).
os.environ.setdefault("CACHE_BACKEND", "locmem")
