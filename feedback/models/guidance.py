"""What the results lead to: each issue's suggested reading (thresholds per session), the
coalition's answer per issue (drafted, published, every version kept), and the Day 4 debate's
running order with the remote participants' questions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import Issue
from igfsession.models import Session
from igfsession.validators import without_bidi_controls

from ..readings import Thresholds

ANSWER_REPLY_MAX_LENGTH = 2000
QUESTION_MAX_LENGTH = 500
NOTE_MAX_LENGTH = 2000


class ReadingThresholds(models.Model):
    """The suggested reading's thresholds for one session (the defaults where none is set)."""

    session = models.OneToOneField(
        Session,
        on_delete=models.CASCADE,
        related_name="reading_thresholds",
        verbose_name=_("session"),
    )
    confusion_pct = models.FloatField(
        _("unclear from this Confusion percentage"), default=Thresholds.confusion_pct
    )
    controversy = models.FloatField(
        _("divided from a controversy of"), default=Thresholds.controversy
    )
    agreement_pct_low = models.FloatField(
        _("supported from this lower bound of the agreement percentage"),
        default=Thresholds.agreement_pct_low,
    )
    disagreement_pct = models.FloatField(
        _("opposed from this disagreement percentage"), default=Thresholds.disagreement_pct
    )

    class Meta:
        verbose_name = _("reading thresholds")
        verbose_name_plural = _("reading thresholds")
        constraints = [
            models.CheckConstraint(
                condition=Q(confusion_pct__gte=0, confusion_pct__lte=100)
                & Q(controversy__gte=0, controversy__lte=1)
                & Q(agreement_pct_low__gte=0, agreement_pct_low__lte=100)
                & Q(disagreement_pct__gte=0, disagreement_pct__lte=100),
                name="readingthresholds_in_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.session)

    def as_thresholds(self) -> Thresholds:
        return Thresholds(
            confusion_pct=self.confusion_pct,
            controversy=self.controversy,
            agreement_pct_low=self.agreement_pct_low,
            disagreement_pct=self.disagreement_pct,
        )


class AnswerDecision(models.TextChoices):
    KEEP = "keep", _("Keep as is")
    CLARIFY = "clarify", _("Clarify the wording")
    REWORK = "rework", _("Rework")
    DROP = "drop", _("Drop")
    DEBATE = "debate", _("Take to the Day 4 debate")


class IssueAnswerQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def drafts(self):
        return self.filter(published_at__isnull=True)


class IssueAnswer(models.Model):
    """One version of a coalition's answer to the feedback on one of its issues.

    A draft (``published_at`` empty) is the coordinators' own until they publish the output's
    drafts together; a published version is never changed: a later change is a new version, and
    the earlier text stays readable.
    """

    Decision = AnswerDecision

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="answers", verbose_name=_("issue")
    )
    version = models.PositiveIntegerField(_("version"))
    decision = models.CharField(_("decision"), max_length=10, choices=AnswerDecision.choices)
    reply = models.TextField(_("reply"), max_length=ANSWER_REPLY_MAX_LENGTH, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = IssueAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("coalition's answer")
        verbose_name_plural = _("coalitions' answers")
        ordering = ["issue", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "version"], name="answer_version_unique"),
            models.UniqueConstraint(
                fields=["issue"],
                condition=Q(published_at__isnull=True),
                name="answer_one_draft_per_issue",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=AnswerDecision.values), name="answer_decision_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision=AnswerDecision.KEEP) | ~Q(reply=""),
                name="answer_reply_unless_kept",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="answer_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.issue}: {self.get_decision_display()} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DebateItem(models.Model):
    """One issue in the Day 4 debate's running order, with its minutes and an outcome note."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="debate_items", verbose_name=_("session")
    )
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="debate_items", verbose_name=_("issue")
    )
    position = models.PositiveIntegerField(_("position"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=5)
    outcome_note = models.TextField(_("outcome"), max_length=NOTE_MAX_LENGTH, blank=True)
    is_current = models.BooleanField(_("being discussed"), default=False)
    discussed_at = models.DateTimeField(_("discussed from"), null=True, blank=True)

    class Meta:
        verbose_name = _("debate item")
        verbose_name_plural = _("debate items")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "issue"], name="debate_issue_once"),
            models.UniqueConstraint(
                fields=["session"], condition=Q(is_current=True), name="debate_one_current"
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=120), name="debate_minutes_in_range"
            ),
        ]

    def __str__(self) -> str:
        return str(self.issue)


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an organiser")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")
    ANSWERED = "answered", _("Answered")


class DebateQuestion(models.Model):
    """A remote participant's short question or comment on the item being discussed. Nothing is
    public before an organiser accepts it."""

    Status = QuestionStatus

    item = models.ForeignKey(
        DebateItem, on_delete=models.CASCADE, related_name="questions", verbose_name=_("item")
    )
    text = models.TextField(_("question or comment"), max_length=QUESTION_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    class Meta:
        verbose_name = _("debate question")
        verbose_name_plural = _("debate questions")
        ordering = ["item", "sent_at", "pk"]
        indexes = [models.Index(fields=["item", "status"], name="question_item_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=QuestionStatus.values), name="question_status_valid"
            ),
        ]

    def __str__(self) -> str:
        # A label (the admin's titles): the typed text without bidirectional controls.
        return without_bidi_controls(self.text)[:60]
