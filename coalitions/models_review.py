"""The organisers' review of a coalition's declaration, and a coalition's own declaration deadline.

An output declared past draft waits for the organisers, who accept it or send it back with a note
the coalition reads in its portal. Only an accepted declaration gets its place in the agenda and
its rating sheet (the apps above hear of it through ``coalitions.signals``). Every review is kept
(``DeclarationReview``); the output holds the current one.

Organisers may also give one coalition more time to declare than the session's deadline
(``declaration_deadline_extended_to``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReviewState(models.TextChoices):
    WAITING = "waiting", _("Waiting for the organisers")
    ACCEPTED = "accepted", _("Accepted")
    SENT_BACK = "sent_back", _("Sent back")


class ReviewQuerySet:
    """For ``OutputQuerySet``."""

    def waiting_for_review(self):
        """Declared past draft, waiting for the organisers to accept or send back."""
        return self.exclude(status="draft").filter(review_state=ReviewState.WAITING)


class DeclarationReviewFields(models.Model):
    """The fields ``Output`` takes for its current declaration's review and its deadline."""

    Review = ReviewState

    review_state = models.CharField(
        _("organisers' review"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.WAITING,
        editable=False,
        help_text=_(
            "A declared output gets its Day 3 or Day 4 slot, and a final one its rating sheet, "
            "once the organisers accept its declaration."
        ),
    )
    review_note = models.TextField(_("organisers' note"), blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    declaration_deadline_extended_to = models.DateTimeField(
        _("declaration deadline extended to"),
        null=True,
        blank=True,
        help_text=_(
            "Give this coalition more time to declare than the session's deadline. Leave empty "
            "to keep the session's; a moment before the session's deadline changes nothing."
        ),
    )

    class Meta:
        abstract = True

    @property
    def is_waiting_for_review(self) -> bool:
        return self.is_declared and self.review_state == ReviewState.WAITING

    @property
    def declaration_is_accepted(self) -> bool:
        return self.is_declared and self.review_state == ReviewState.ACCEPTED

    @property
    def declaration_deadline(self):
        """The moment this output's status can no longer be declared by its coordinators: the
        session's deadline, or the extension organisers granted if later; None: no deadline."""
        deadline = self.session.declaration_deadline
        extension = self.declaration_deadline_extended_to
        if deadline is None:
            return None
        if extension is not None and extension > deadline:
            return extension
        return deadline

    def declarations_open(self, at=None) -> bool:
        """Whether its coordinators may still declare (the session's rule, with the extension)."""
        deadline = self.declaration_deadline
        return deadline is None or (at or timezone.now()) < deadline


class DeclarationReviewAction(models.TextChoices):
    ACCEPTED = "accepted", pgettext_lazy("a declaration review's decision", "accepted")
    SENT_BACK = "sent_back", _("sent back")


class DeclarationReview(models.Model):
    """One review of a declaration, kept: what was declared, what the organisers decided, their
    note, who and when. Written by ``coalitions.services.declaration_accept`` and
    ``declaration_send_back`` only."""

    Action = DeclarationReviewAction

    output = models.ForeignKey(
        "Output",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("output"),
    )
    status = models.CharField(_("declared status"), max_length=10)
    action = models.CharField(_("decision"), max_length=10, choices=DeclarationReviewAction.choices)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reviewed_at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("declaration review")
        verbose_name_plural = _("declaration reviews")
        ordering = ["-reviewed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=DeclarationReviewAction.values),
                name="declaration_review_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.output} — {self.get_action_display()}"
