"""gunicorn's settings for this app, from the environment (README, *Production deployment*).

    gunicorn igfsession.wsgi            # reads this file from the working directory

| variable | default | meaning |
|---|---|---|
| GUNICORN_BIND | 0.0.0.0:8000 | address and port |
| GUNICORN_WORKERS (or WEB_CONCURRENCY) | 2 | worker processes (a sync one: one request at a time) |
| GUNICORN_WORKER_CLASS | sync | e.g. gthread (with GUNICORN_THREADS) |
| GUNICORN_THREADS | 1 | threads per worker (gthread) |
| GUNICORN_TIMEOUT | 30 | seconds a worker may spend on one request before it is restarted |
| GUNICORN_GRACEFUL_TIMEOUT | 30 | seconds a worker has to finish its requests on a restart |
| GUNICORN_KEEPALIVE | 5 | seconds an idle keep-alive connection is held (behind a load balancer) |
| GUNICORN_MAX_REQUESTS | 0 (off) | restart a worker after this many requests (with some jitter) |
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", _int("WEB_CONCURRENCY", 2))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = _int("GUNICORN_THREADS", 1)
# A sync worker is held by one request at a time, a slow client included: the timeout bounds how
# long one slow request can hold it (a load balancer in front buffers slow clients' uploads).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The app is loaded in each worker after the fork (no preload): a database connection is never
# shared between workers.
preload_app = False
