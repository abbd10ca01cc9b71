from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IgfSessionConfig(AppConfig):
    name = "igfsession"
    verbose_name = _("Session and agenda")
