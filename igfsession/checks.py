"""Deploy checks (``manage.py check --deploy``) about running more than one app server.

``APP_SERVERS`` (default 1) declares how many servers serve the site. With more than one, what a
server keeps to itself is missing on the others: uploaded files in a local folder, and a cache in
the process's memory (cached pages, results, and the rate-limit counters, which would then count
per server). Neither is required with one server, so the defaults pass.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.core.files.storage import FileSystemStorage, storages
from django.utils.module_loading import import_string

LOCAL_MEMORY_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.files, deploy=True)
def check_uploads_shared(app_configs=None, **kwargs):
    if settings.APP_SERVERS <= 1:
        return []
    backend = import_string(settings.STORAGES["default"]["BACKEND"])
    if not issubclass(backend, FileSystemStorage):
        return []
    location = storages["default"].location
    return [
        Warning(
            f"APP_SERVERS is {settings.APP_SERVERS}, but uploaded files are kept in a local "
            f"folder ({location}): a file uploaded through one server is missing on the others.",
            hint="Set FILE_STORAGE_BACKEND (and FILE_STORAGE_OPTIONS) to a storage every server "
            "shares, or mount one shared folder at MEDIA_ROOT on every server and silence this "
            "warning with SILENCED_SYSTEM_CHECKS=igfsession.W001.",
            id="igfsession.W001",
        )
    ]


@register(Tags.caches, deploy=True)
def check_cache_shared(app_configs=None, **kwargs):
    if settings.APP_SERVERS <= 1:
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in LOCAL_MEMORY_CACHES:
        return []
    return [
        Warning(
            f"APP_SERVERS is {settings.APP_SERVERS}, but the cache ({backend}) is each "
            "server's own: the rate limits count per server and a change shows late on the "
            "others.",
            hint="Set REDIS_URL to one Redis that every server uses.",
            id="igfsession.W002",
        )
    ]


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """check --deploy: a local-memory cache keeps rate-limit counters per process, so the limits
    multiply with the workers. Only an explicit CACHE_BACKEND=locmem gets there."""
    if settings.CACHES.get("default", {}).get("BACKEND") != LOCAL_MEMORY_CACHES[0]:
        return []
    return [
        Warning(
            "The cache is in local memory (CACHE_BACKEND=locmem): each process counts the "
            "rate limits alone, so N workers let N times the limit through.",
            hint="Unset CACHE_BACKEND (the database cache) or set REDIS_URL.",
            id="igfsession.W003",
        )
    ]


@register(Tags.security, deploy=True)
def check_bench_write_view_off(app_configs=None, **kwargs):
    """The load benchmark's write ceiling (POST /bench/write/) takes anonymous writes without a
    CSRF token: never on a site people use."""
    if not settings.BENCH_WRITE_VIEW:
        return []
    return [
        Warning(
            "BENCH_WRITE_VIEW is on: POST /bench/write/ inserts a row for anyone, without CSRF.",
            hint="Unset BENCH_WRITE_VIEW; only the load benchmark (bench/load/) sets it.",
            id="igfsession.W004",
        )
    ]
