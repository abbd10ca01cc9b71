from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class IgfSessionConfig(AppConfig):
    default = True  # this module also holds the admin's config, below
    name = "igfsession"
    verbose_name = _("Session and agenda")

    def ready(self):
        from . import checks  # noqa: F401 -- registers the deploy checks


class OrganisersAdminConfig(admin_apps.AdminConfig):
    """Django's admin with our site: open to organisers (``igfsession.permissions``)."""

    default = False  # named in INSTALLED_APPS; igfsession's own config is the default here
    default_site = "igfsession.admin_helpers.OrganisersAdminSite"
