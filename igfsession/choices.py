"""Lists shared by every app: IGF stakeholder groups, UN regional groups, attendance."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeholderGroup(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    TECHNICAL = "technical", _("Technical community")
    ACADEMIA = "academia", _("Academia")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    AFRICAN = "african", _("African Group")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific Group")
    EASTERN_EUROPEAN = "eastern_european", _("Eastern European Group")
    GRULAC = "grulac", _("Latin American and Caribbean Group (GRULAC)")
    WEOG = "weog", _("Western European and Others Group (WEOG)")


class Attendance(models.TextChoices):
    ROOM = "room", _("In the room")
    REMOTE = "remote", _("Remote")
