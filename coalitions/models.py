"""Dynamic Coalitions, their coordinators, their outputs (with every file version) and issues."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from igfsession.choices import Region, StakeholderGroup
from igfsession.models import Session
from igfsession.validators import without_bidi_controls

from .models_review import (  # the review of a declaration, kept apart to keep this file short
    DeclarationReview,  # noqa: F401 (a model of this app)
    DeclarationReviewFields,
    ReviewQuerySet,
    ReviewState,
)
from .validators import DOCUMENT_TYPES


class CoalitionQuerySet(models.QuerySet):
    def active_first(self):
        return self.order_by("-is_active", "name")

    def search(self, query: str):
        """Coalitions whose name or acronym contains the words typed (case-insensitive)."""
        query = query.strip()
        if not query:
            return self
        return self.filter(Q(name__icontains=query) | Q(acronym__icontains=query))

    def coordinated_by(self, user):
        return self.filter(memberships__user=user)


class Coalition(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("short name in links"), max_length=60, unique=True)
    summary = models.CharField(
        _("one-line summary"), max_length=300, blank=True, help_text=_("Shown in the directory.")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    mailing_list = models.URLField(_("mailing list"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    year_formed = models.PositiveSmallIntegerField(_("year formed"), null=True, blank=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Coalitions that have not sent their yearly report are shown as inactive."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CoalitionMembership",
        related_name="coalitions",
        verbose_name=_("coordinators"),
        blank=True,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CoalitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("coalitions:detail", kwargs={"slug": self.slug})

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class CoalitionMembership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coalition_memberships",
        verbose_name=_("user"),
    )
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("coalition"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.COORDINATOR
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")
        ordering = ["coalition", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "coalition"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.coalition.short_name}"


class OutputQuerySet(ReviewQuerySet, models.QuerySet):
    def final(self):
        return self.filter(status=Output.Status.FINAL)

    def for_session(self, session):
        return self.filter(session=session)


class OutputStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    WORK_IN_PROGRESS = "wip", _("Work in progress — introduce the coalition on Day 4")
    FINAL = "final", _("Final — present the output on Day 3 and collect ratings")


class Output(DeclarationReviewFields, models.Model):
    """A coalition's document for one session, with its declared status and its review."""

    Status = OutputStatus

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("coalition")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        related_name="outputs",
        verbose_name=_("session"),
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("short name in links"), max_length=80)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("declared status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        help_text=_("Language code of the document, e.g. en, pt-br, es, fr, ar."),
    )
    status_changed_at = models.DateTimeField(_("status declared"), null=True, blank=True)
    rating_opens_at = models.DateTimeField(
        _("rating opens"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When participants can first rate the issues, as the output's rating sheet says (set "
            "by the sheet's opening). From then on the issues are frozen for coordinators."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OutputQuerySet.as_manager()

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["coalition__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["coalition", "slug"], name="output_slug_unique"),
            models.UniqueConstraint(
                fields=["coalition", "session"], name="output_one_per_coalition_session"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OutputStatus.values), name="output_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(review_state__in=ReviewState.values), name="output_review_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="output_session_status_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "coalitions:output",
            kwargs={"slug": self.coalition.slug, "output_slug": self.slug},
        )

    def clean(self) -> None:
        """The document's language is one of the site's (settings.LANGUAGES), whoever writes."""
        super().clean()
        if self.language not in dict(settings.LANGUAGES):
            raise ValidationError(
                {"language": _("Choose one of the site's languages.")}, code="invalid_language"
            )

    @property
    def is_declared(self) -> bool:
        """Declared past draft: work in progress (Day 4) or final (Day 3)."""
        return self.status != OutputStatus.DRAFT

    def rating_has_started(self, at=None) -> bool:
        """True from the moment participants can rate the issues: they are frozen from then on."""
        return self.rating_opens_at is not None and self.rating_opens_at <= (at or timezone.now())


def version_upload_to(instance: "OutputVersion", filename: str) -> str:
    """A random stored name: the uploader's file name is never used on disk."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"outputs/{secrets.token_hex(16)}{suffix}"


class OutputVersion(models.Model):
    """One uploaded file of an output; every upload is kept."""

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="versions", verbose_name=_("output")
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=255)
    original_name = models.CharField(_("uploaded file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("file version")
        verbose_name_plural = _("file versions")
        ordering = ["output", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["output", "number"], name="version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.output} — v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "coalitions:download-version",
            kwargs={
                "slug": self.output.coalition.slug,
                "output_slug": self.output.slug,
                "number": self.number,
            },
        )

    @property
    def document_type(self):
        return DOCUMENT_TYPES.get(self.content_type)

    @property
    def type_label(self) -> str:
        document_type = self.document_type
        return document_type.label if document_type else self.content_type

    def download_name(self) -> str:
        """A readable file name built from the coalition and output, never the uploader's."""
        document_type = self.document_type
        extension = document_type.extension if document_type else "bin"
        return f"{self.output.coalition.slug}_{self.output.slug}_v{self.number}.{extension}"


class IssueQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)


class Issue(models.Model):
    """One main issue of an output: what participants rate."""

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="issues", verbose_name=_("output")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("short summary"), blank=True)
    reference = models.CharField(
        _("reference in the document"),
        max_length=100,
        blank=True,
        help_text=_("Section or page, e.g. “§ 3” or “p. 4”."),
    )
    is_hidden = models.BooleanField(
        _("hidden"),
        default=False,
        help_text=_("Hidden issues keep their ratings but are no longer shown or rated."),
    )
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="redrafts",
        verbose_name=_("redrafted from"),
        help_text=_("The issue of an earlier session's output that this one copies or redrafts."),
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["output", "position", "pk"]
        indexes = [models.Index(fields=["output", "position"], name="issue_output_position_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.output.get_absolute_url()}#issue-{self.pk}"


class IssueChangeAction(models.TextChoices):
    ADDED = "added", _("Added")
    EDITED = "edited", _("Edited")
    MOVED = "moved", _("Moved")
    HIDDEN = "hidden", _("Hidden")
    SHOWN = "shown", _("Shown again")
    REMOVED = "removed", _("Removed")


class IssueChange(models.Model):
    """A change to an output's issues made after its rating sheet opened (by organisers)."""

    Action = IssueChangeAction

    output = models.ForeignKey(
        Output, on_delete=models.CASCADE, related_name="issue_changes", verbose_name=_("output")
    )
    issue = models.ForeignKey(
        Issue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("issue"),
    )
    issue_title = models.CharField(_("issue title at the time"), max_length=255)
    action = models.CharField(_("change"), max_length=10, choices=Action.choices)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("issue change")
        verbose_name_plural = _("issue changes")
        ordering = ["output", "-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=IssueChangeAction.values),
                name="issuechange_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issue_title}: {self.get_action_display()}"


class JoinRequestQuerySet(models.QuerySet):
    def for_coalition(self, coalition):
        return self.filter(coalition=coalition)


class JoinRequest(models.Model):
    """Someone asking to join a coalition, from its public page."""

    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("coalition"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    stakeholder_group = models.CharField(
        _("stakeholder group"), max_length=30, choices=StakeholderGroup.choices
    )
    region = models.CharField(_("regional group"), max_length=30, choices=Region.choices)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    consent = models.BooleanField(
        _("agreed to be contacted"),
        default=False,
        help_text=_("Agreed that the coalition's coordinators receive these details."),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["coalition", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["coalition", "created_at"], name="joinrequest_coalition_idx")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="joinrequest_needs_consent"),
            models.CheckConstraint(
                condition=Q(stakeholder_group__in=StakeholderGroup.values),
                name="joinrequest_stakeholder_group_valid",
            ),
            models.CheckConstraint(
                condition=Q(region__in=Region.values), name="joinrequest_region_valid"
            ),
        ]

    def __str__(self) -> str:
        # A label (the admin's titles): the typed name without bidirectional controls.
        return f"{without_bidi_controls(self.name)} → {self.coalition.short_name}"
