"""Rating sheets: one per final output, with when it opens and closes and who sees results."""

from datetime import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import Output

from ..validators import validate_sheet_code


class RatingSheetQuerySet(models.QuerySet):
    def open_at(self, moment: datetime):
        return self.filter(
            Q(opens_at__lte=moment), Q(closes_at__isnull=True) | Q(closes_at__gt=moment)
        )

    def open_now(self):
        return self.open_at(timezone.now())


class RatingSheet(models.Model):
    """The rating sheet of one final output: its issues, rated on the Idea Rating Sheets scale."""

    class ResultsVisibility(models.TextChoices):
        AFTER_SUBMIT = "after_submit", _("To those who submitted the sheet, and to all once closed")
        AFTER_CLOSE = "after_close", _("To everyone once the sheet has closed")
        STAFF_ONLY = "staff_only", _("To organisers and the coalition's coordinators only")

    output = models.OneToOneField(
        Output,
        on_delete=models.CASCADE,
        related_name="rating_sheet",
        verbose_name=_("output"),
    )
    code = models.SlugField(
        _("sheet code"),
        max_length=20,
        unique=True,
        validators=[validate_sheet_code],
        help_text=_("Short code printed on paper sheets and used in the sheet's link."),
    )
    opens_at = models.DateTimeField(
        _("opens"), null=True, blank=True, help_text=_("Empty: not open yet.")
    )
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Empty: stays open until closed.")
    )
    results_visibility = models.CharField(
        _("results visible"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_SUBMIT,
    )
    answers_before_closing = models.BooleanField(
        _("coalition may answer before the sheet closes"),
        default=False,
        help_text=_(
            "The coalition's coordinators answer the feedback once the sheet has closed; tick "
            "this to let them answer earlier."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RatingSheetQuerySet.as_manager()

    class Meta:
        verbose_name = _("rating sheet")
        verbose_name_plural = _("rating sheets")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="sheet_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.output}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:sheet", kwargs={"code": self.code})

    def is_open(self, at: datetime | None = None) -> bool:
        moment = at or timezone.now()
        if self.opens_at is None or self.opens_at > moment:
            return False
        return self.closes_at is None or self.closes_at > moment

    def has_closed(self, at: datetime | None = None) -> bool:
        return self.closes_at is not None and self.closes_at <= (at or timezone.now())
