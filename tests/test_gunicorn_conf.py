"""gunicorn.conf.py reads its settings from the environment (README, *Production deployment*)."""

import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
NAMES = ("GUNICORN_WORKERS", "WEB_CONCURRENCY", "GUNICORN_WORKER_CLASS", "GUNICORN_TIMEOUT")


def _settings(monkeypatch, **env):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    values = runpy.run_path(str(CONF))
    return values["workers"], values["worker_class"], values["timeout"]


def test_gunicorn_conf_defaults_to_two_sync_workers(monkeypatch):
    assert _settings(monkeypatch) == (2, "sync", 30)


def test_gunicorn_conf_reads_workers_class_and_timeout(monkeypatch):
    settings = _settings(
        monkeypatch, GUNICORN_WORKERS="4", GUNICORN_WORKER_CLASS="gthread", GUNICORN_TIMEOUT="20"
    )

    assert settings == (4, "gthread", 20)


def test_gunicorn_conf_takes_web_concurrency_without_gunicorn_workers(monkeypatch):
    assert _settings(monkeypatch, WEB_CONCURRENCY="3")[0] == 3
