from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.core import checks
from django.utils.translation import gettext_lazy as _

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """check --deploy: a local-memory cache keeps rate-limit counters per process, so the limits
    multiply with the workers. Only an explicit CACHE_BACKEND=locmem gets there."""
    if settings.CACHES.get("default", {}).get("BACKEND") != LOCMEM:
        return []
    return [
        checks.Warning(
            "The cache is in local memory (CACHE_BACKEND=locmem): each process counts the "
            "rate limits alone, so N workers let N times the limit through.",
            hint="Unset CACHE_BACKEND (the database cache) or set REDIS_URL.",
            id="igfsession.W001",
        )
    ]


class IgfSessionConfig(AppConfig):
    default = True  # this module also holds the admin's config, below
    name = "igfsession"
    verbose_name = _("Session and agenda")


class OrganisersAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site: open to organisers (``igfsession.permissions``)."""

    default = False  # named in INSTALLED_APPS; igfsession's own config is the default here
    default_site = "igfsession.admin_helpers.OrganisersAdminSite"
