"""The responses people fill in (online or on paper) and one rating per issue in a response."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import Issue
from igfsession.choices import Attendance, Region, StakeholderGroup

from .sheets import RatingSheet

COMMENT_MAX_LENGTH = 2000
# What a participant may say about themselves on a sheet (all optional), and the contact details
# they may leave with explicit consent. Forms, services and the admin read these names from here.
PROFILE_FIELDS = ("stakeholder_group", "region", "attendance")
CONTACT_FIELDS = ("contact_name", "contact_organisation", "contact_email")


def counted_responses(prefix: str = "") -> Q:
    """The rule for the responses that count in results: withdrawn ones stay stored but are left
    out. As a condition on the response's fields reached through ``prefix`` (e.g.
    ``"responses__"``), for filters and ``Count(..., filter=...)``."""
    return Q(**{f"{prefix}withdrawn_at__isnull": True})


class ResponseQuerySet(models.QuerySet):
    def counted(self):
        """Responses that count in results (``counted_responses``)."""
        return self.filter(counted_responses())


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")


class Response(models.Model):
    """One filled-in rating sheet, online or typed in from paper."""

    Channel = Channel

    sheet = models.ForeignKey(
        RatingSheet, on_delete=models.PROTECT, related_name="responses", verbose_name=_("sheet")
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    stakeholder_group = models.CharField(
        _("stakeholder group"), max_length=30, choices=StakeholderGroup.choices, blank=True
    )
    region = models.CharField(
        _("regional group"), max_length=30, choices=Region.choices, blank=True
    )
    attendance = models.CharField(
        _("taking part"), max_length=10, choices=Attendance.choices, blank=True
    )
    overall_comment = models.TextField(
        _("overall comment"), max_length=COMMENT_MAX_LENGTH, blank=True
    )
    # NULL, not "", for paper responses: the one-per-respondent constraint skips NULLs.
    respondent_hash = models.CharField(  # noqa: DJ001
        _("respondent token hash"),
        max_length=64,
        null=True,
        blank=True,
        editable=False,
        help_text=_("A hash of the visitor's random token; never an IP address."),
    )
    # Evidence of scripted submissions for organisers (feedback/integrity.py); online only,
    # NULL/blank on paper. Never the address itself: a keyed hash, changed per session.
    carried_sheet_cookie = models.BooleanField(
        _("sent with the sheet's cookie"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Whether the submission carried the respondent cookie the sheet page set."),
    )
    client_hash = models.CharField(
        _("client address hash"), max_length=64, blank=True, editable=False
    )
    agent_family = models.CharField(_("browser family"), max_length=30, blank=True, editable=False)
    contact_consent = models.BooleanField(_("agreed to leave contact details"), default=False)
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("typed in by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    filled_in_at = models.DateTimeField(
        _("filled in"),
        default=timezone.now,
        help_text=_(
            "Online: the first submission. Paper: when the sheet was filled in, as the typist "
            "says (by default the end of the part in which the outputs were presented). The "
            "results' periods (before, during, after the session) read it."
        ),
    )
    overall_comment_hidden_at = models.DateTimeField(
        _("overall comment hidden"), null=True, blank=True, editable=False
    )
    overall_comment_hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("overall comment hidden by"),
    )
    overall_comment_hidden_reason = models.CharField(
        _("why the overall comment is hidden"), max_length=300, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["sheet", "-created_at", "pk"]
        indexes = [
            models.Index(fields=["sheet", "created_at"], name="response_sheet_created_idx"),
            # The few withdrawn responses, whose marks the results take away (see results).
            models.Index(
                fields=["sheet"],
                condition=Q(withdrawn_at__isnull=False),
                name="response_withdrawn_idx",
            ),
            # A respondent's responses by their token's hash, latest first: the profile offered
            # on their next sheet and the sheets they have done (the one-per-respondent
            # constraint's index leads with the sheet and cannot answer these).
            models.Index(
                fields=["respondent_hash", "-updated_at", "-id"],
                condition=Q(respondent_hash__isnull=False),
                name="response_respondent_latest_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "respondent_hash"],
                condition=Q(respondent_hash__isnull=False),
                name="response_one_per_respondent",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="response_channel_valid"
            ),
            models.CheckConstraint(
                condition=~Q(channel=Channel.PAPER) | Q(entered_by__isnull=False),
                name="response_paper_has_typist",
            ),
            models.CheckConstraint(
                condition=~Q(channel=Channel.ONLINE) | Q(respondent_hash__isnull=False),
                name="response_online_has_respondent",
            ),
            models.CheckConstraint(
                condition=Q(stakeholder_group="")
                | Q(stakeholder_group__in=StakeholderGroup.values),
                name="response_stakeholder_group_valid",
            ),
            models.CheckConstraint(
                condition=Q(region="") | Q(region__in=Region.values),
                name="response_region_valid",
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(attendance__in=Attendance.values),
                name="response_attendance_valid",
            ),
            models.CheckConstraint(
                condition=Q(contact_consent=True)
                | Q(contact_name="", contact_organisation="", contact_email=""),
                name="response_contact_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sheet.code} #{self.pk} ({self.get_channel_display()})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Mark(models.TextChoices):
    """The Idea Rating Sheets scale. Confusion is its own mark: counted, never averaged."""

    STRONG_AGREEMENT = "5", _("Strong agreement")
    AGREEMENT = "4", _("Agreement")
    NEUTRAL = "3", _("Neutral")
    DISAGREEMENT = "2", _("Disagreement")
    STRONG_DISAGREEMENT = "1", _("Strong disagreement")
    CONFUSION = "confusion", _("Confusion — the statement is unclear to me")


SCORE_FROM_MARK = Case(
    *(When(mark=value, then=Value(int(value))) for value in ("5", "4", "3", "2", "1")),
    default=None,
    output_field=models.PositiveSmallIntegerField(),
)


class Rating(models.Model):
    """One issue's mark in a response. A skipped issue has no rating."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("response")
    )
    issue = models.ForeignKey(
        Issue,
        on_delete=models.PROTECT,
        related_name="ratings",
        verbose_name=_("issue"),
    )
    mark = models.CharField(_("mark"), max_length=10, choices=Mark.choices)
    score = models.GeneratedField(
        expression=SCORE_FROM_MARK,
        output_field=models.PositiveSmallIntegerField(null=True),
        db_persist=True,
        verbose_name=_("score"),
    )
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    # A copy of the response's stakeholder group, written with it by the services in the same
    # transaction (never set it on its own): the results' overview and the balance aggregate the
    # ratings by group in one table, without joining two million ratings to their responses.
    stakeholder_group = models.CharField(
        _("stakeholder group"),
        max_length=30,
        choices=StakeholderGroup.choices,
        blank=True,
        editable=False,
    )
    comment_hidden_at = models.DateTimeField(
        _("comment hidden"), null=True, blank=True, editable=False
    )
    comment_hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("comment hidden by"),
    )
    comment_hidden_reason = models.CharField(
        _("why the comment is hidden"), max_length=300, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        # No default ordering: the results aggregate this table, and an ordering through the
        # issue would join it into every such query.
        # Covering the results' aggregate (marks per issue, stakeholder group and mark): the
        # database answers it from the index alone.
        indexes = [
            models.Index(
                fields=["issue", "stakeholder_group", "mark"], name="rating_issue_group_mark_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["response", "issue"], name="rating_one_per_issue"),
            models.CheckConstraint(condition=Q(mark__in=Mark.values), name="rating_mark_on_scale"),
            models.CheckConstraint(
                condition=Q(stakeholder_group="")
                | Q(stakeholder_group__in=StakeholderGroup.values),
                name="rating_stakeholder_group_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issue}: {self.get_mark_display()}"

    @property
    def is_confusion(self) -> bool:
        return self.mark == Mark.CONFUSION


class RatingComment(Rating):
    """A rating's comment, as organisers moderate it (the admin's moderation list)."""

    class Meta:
        proxy = True
        verbose_name = _("comment on an issue")
        verbose_name_plural = _("comments on issues")


class OverallComment(Response):
    """A response's overall comment, as organisers moderate it."""

    class Meta:
        proxy = True
        verbose_name = _("overall comment")
        verbose_name_plural = _("overall comments")
