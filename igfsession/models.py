"""The session itself: a yearly main session, its parts, its slots and its live state."""

import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
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

    def get_absolute_url(self) -> str:
        return reverse("igfsession:home")

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


class SlotQuerySet(models.QuerySet):
    def for_session(self, session: Session):
        return self.filter(part__session=session)

    def with_links(self):
        """What every agenda view shows next to a slot, fetched in the same query."""
        return self.select_related("part", "coalition", "output__coalition", "output__rating_sheet")

    def on_at(self, moment: datetime):
        """Slots running at a moment: started, not yet ended."""
        return self.filter(starts_at__lte=moment, ends_at__gt=moment)

    def starting_after(self, moment: datetime):
        return self.filter(starts_at__gt=moment)

    def after(self, slot: "Slot"):
        """Slots that follow a slot in agenda order (start, then id)."""
        return self.filter(
            Q(starts_at__gt=slot.starts_at) | Q(starts_at=slot.starts_at, pk__gt=slot.pk)
        )

    def generated(self):
        return self.filter(is_generated=True)


class Slot(models.Model):
    """A timed item inside a part: a presentation, an introduction, a discussion, a break."""

    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        PRESENTATION = "presentation", _("Output presentation")
        INTRODUCTION = "introduction", _("Coalition introduction")
        DISCUSSION = "discussion", _("Discussion")
        CLOSING = "closing", _("Closing")
        BREAK = "break", _("Break")

    part = models.ForeignKey(
        Part, on_delete=models.CASCADE, related_name="slots", verbose_name=_("part")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(
        _("speakers"), max_length=500, blank=True, help_text=_("Names, separated by commas.")
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    coalition = models.ForeignKey(
        "coalitions.Coalition",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("coalition"),
    )
    output = models.ForeignKey(
        "coalitions.Output",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("output"),
    )
    is_generated = models.BooleanField(
        _("built from declarations"),
        default=False,
        editable=False,
        help_text=_(
            "Made by “build slots from declarations”; slots made by hand are never touched."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["part", "starts_at"], name="slot_part_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{reverse('igfsession:agenda')}#slot-{self.pk}"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class LiveState(models.Model):
    """What organisers say is on now. Without it (mode "clock"), the clock decides."""

    class Mode(models.TextChoices):
        CLOCK = "clock", _("Follow the clock")
        SLOT = "slot", _("A slot is on")
        ENDED = "ended", _("Session ended")

    session = models.OneToOneField(
        Session,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="live_state",
        verbose_name=_("session"),
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.CLOCK)
    # RESTRICT: the slot on now cannot be deleted until organisers move the live state on
    # (a "slot" state without a slot would break the check below); deleting the whole session
    # still works, since the live state goes with it.
    slot = models.ForeignKey(
        Slot,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("slot on now"),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("live state")
        verbose_name_plural = _("live states")
        constraints = [
            models.CheckConstraint(
                condition=Q(mode="slot", slot__isnull=False) | ~Q(mode="slot"),
                name="livestate_slot_mode_has_slot",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=["clock", "slot", "ended"]),
                name="livestate_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.get_mode_display()}"
