"""The agenda: the slots in a session's parts and the live state (which slot is on now).

These models live in the agenda layer because a slot shows what sits above the session: a
coalition, its output and the output's rating sheet. They keep the ``igfsession`` app label, so
their tables and migrations stay where they have always been (``igfsession/migrations``). The
parts themselves are the session's own (``igfsession.models.Part``).
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition, Output
from igfsession.models import Part, Session  # Part: the slots' FK, and re-exported


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
        Coalition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("coalition"),
    )
    output = models.ForeignKey(
        Output,
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
        app_label = "igfsession"
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


class LiveMode(models.TextChoices):
    CLOCK = "clock", _("Follow the clock")
    SLOT = "slot", _("A slot is on")
    ENDED = "ended", _("Session ended")


class LiveState(models.Model):
    """What organisers say is on now. Without it (mode "clock"), the clock decides."""

    Mode = LiveMode

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
        app_label = "igfsession"
        verbose_name = _("live state")
        verbose_name_plural = _("live states")
        constraints = [
            models.CheckConstraint(
                condition=Q(mode=LiveMode.SLOT, slot__isnull=False) | ~Q(mode=LiveMode.SLOT),
                name="livestate_slot_mode_has_slot",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=LiveMode.values),
                name="livestate_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.get_mode_display()}"
