"""The session itself: one yearly main session and its parts. The slots in the parts and the live
state are the agenda's (``igfsession.agenda.models``)."""

import zoneinfo
from datetime import datetime, timedelta

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_time_zone


class SessionQuerySet(models.QuerySet):
    def current(self) -> "Session | None":
        return self.filter(is_current=True).first()


class Session(models.Model):
    """One yearly main session on Dynamic Coalitions (e.g. IGF 2015 in João Pessoa)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    meeting_name = models.CharField(
        _("meeting"),
        max_length=200,
        help_text=_("The IGF meeting this session is part of, e.g. “10th IGF, João Pessoa”."),
    )
    description = models.TextField(_("description"), blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name of the venue's zone, e.g. America/Fortaleza for João Pessoa."),
    )
    webcast_url = models.URLField(_("webcast link"), blank=True)
    transcript_url = models.URLField(_("transcript link"), blank=True)
    remote_participation_url = models.URLField(_("remote participation link"), blank=True)
    declaration_deadline = models.DateTimeField(
        _("declaration deadline"),
        null=True,
        blank=True,
        help_text=_("After this, coordinators can no longer change their output's status."),
    )
    is_current = models.BooleanField(
        _("current session"),
        default=False,
        help_text=_("The session the public pages show. Only one session can be current."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="session_at_most_one_current",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def local(self, moment: datetime) -> datetime:
        """A moment in the venue's local time."""
        return timezone.localtime(moment, self.tz)

    def declarations_open(self, at: datetime | None = None) -> bool:
        if self.declaration_deadline is None:
            return True
        return (at or timezone.now()) < self.declaration_deadline


WATCH_LINK_FIELDS = ("webcast_url", "transcript_url", "remote_participation_url")


def watch_links(session: "Session", part: "Part | None" = None) -> dict[str, str]:
    """The webcast, transcript and remote-participation links: the part's where it has them,
    else the session's (the same rule as templates/igfsession/includes/watch_live.html)."""
    return {name: getattr(part, name, "") or getattr(session, name) for name in WATCH_LINK_FIELDS}


class PartQuerySet(models.QuerySet):
    def for_session(self, session: Session):
        return self.filter(session=session)

    def on_local_date(self, session: Session, day):
        """Parts of the session that start on a date of the venue's calendar."""
        start = datetime.combine(day, datetime.min.time(), tzinfo=session.tz)
        return self.for_session(session).filter(
            starts_at__gte=start, starts_at__lt=start + timedelta(days=1)
        )


class Part(models.Model):
    """A block of the session with one purpose, e.g. Day 3's output presentations."""

    class Kind(models.TextChoices):
        PRESENTATIONS = "presentations", _("Output presentations")
        INTRODUCTIONS = "introductions", _("Coalition introductions")
        DEBATE = "debate", _("Discussion and debate")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="parts", verbose_name=_("session")
    )
    kind = models.CharField(_("purpose"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    # A part's own links (e.g. each day's webcast); where empty, the session's are shown.
    webcast_url = models.URLField(
        _("webcast link"), blank=True, help_text=_("Leave empty to show the session's.")
    )
    transcript_url = models.URLField(
        _("transcript link"), blank=True, help_text=_("Leave empty to show the session's.")
    )
    remote_participation_url = models.URLField(
        _("remote participation link"),
        blank=True,
        help_text=_("Leave empty to show the session's."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PartQuerySet.as_manager()

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parts")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["session", "starts_at"], name="part_session_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="part_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{reverse('igfsession:agenda')}#part-{self.pk}"
