"""The organisers' admin for sessions, their parts and slots, and the live state.

Django shows and takes every date and time in UTC (settings.TIME_ZONE). The lists and forms
here also show the same moments in the session's own time zone, so that nobody has to convert
between UTC and the venue's clock in their head.
"""

from datetime import UTC, datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Max, Min
from django.template.response import TemplateResponse
from django.utils import dateformat, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .admin_actions import build_slots_from_declarations
from .models import LiveState, Part, Session, Slot

DAY_AND_TIME = "D j M Y H:i"  # Thu 12 Nov 2015 16:30
TIME_ONLY = "H:i"
RANGE = " \u2013 "  # an en dash between the start and the end

UTC_NOTE = _(
    "Dates and times typed in this form are in UTC, not in the venue's time zone. "
    "The lists show each time at the venue too."
)


def _window(start: datetime, end: datetime | None) -> str:
    text = dateformat.format(start, DAY_AND_TIME)
    if end is not None:
        same_day = end.date() == start.date()
        text += RANGE + dateformat.format(end, TIME_ONLY if same_day else DAY_AND_TIME)
    return text


def venue_time(session: Session, start: datetime | None, end: datetime | None = None) -> str:
    """A moment, or a window from start to end, in the session's own zone.

    For example "Thu 12 Nov 2015 16:30 to 18:00 (America/Fortaleza)", with an en dash for "to".
    Empty when there is no start.
    """
    if start is None:
        return ""
    text = _window(session.local(start), session.local(end) if end is not None else None)
    return gettext("%(time)s (%(zone)s)") % {"time": text, "zone": session.time_zone}


def utc_time(start: datetime | None, end: datetime | None = None) -> str:
    """The same window in UTC, said explicitly: "Thu 12 Nov 2015 19:30 to 21:00 UTC"."""
    if start is None:
        return ""
    text = _window(
        timezone.localtime(start, UTC),
        timezone.localtime(end, UTC) if end is not None else None,
    )
    return gettext("%(time)s UTC") % {"time": text}


# --- Sessions ------------------------------------------------------------------------------


def https_links(db_field, **kwargs):
    """Form fields for a model's fields, taking links typed without a scheme as https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class GuidedAddMixin:
    """For rows that are made elsewhere: the admin's Add page says where, instead of a form.

    An organiser who clicks "Add" on, say, responses is sent on to the page that makes them
    (paper-sheet entry) rather than meeting a refusal or a form that bypasses its checks.
    """

    add_guidance = ""

    def add_guidance_links(self, request) -> list[tuple[str, str]]:
        """(label, URL) pairs of the pages where such rows are made."""
        return []

    def has_add_permission(self, request):
        return self.has_view_permission(request)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Add %(name)s") % {"name": opts.verbose_name},
            "opts": opts,
            "guidance": self.add_guidance,
            "links": self.add_guidance_links(request),
        }
        return TemplateResponse(request, "admin/guided_add.html", context)


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        formfield_callback = https_links
        fields = (
            "name",
            "slug",
            "year",
            "meeting_name",
            "description",
            "city",
            "country",
            "venue",
            "time_zone",
            "webcast_url",
            "transcript_url",
            "remote_participation_url",
            "declaration_deadline",
            "is_current",
        )

    def clean_is_current(self):
        is_current = self.cleaned_data["is_current"]
        if is_current:
            other = Session.objects.filter(is_current=True).exclude(pk=self.instance.pk).first()
            if other is not None:
                raise forms.ValidationError(
                    _(
                        "“%(other)s” is the current session. Only one session can be current: "
                        "untick it there first, or use the action “Make the selected session "
                        "the current one” in the list of sessions."
                    ),
                    code="another_current",
                    params={"other": other},
                )
        return is_current


class PartInline(admin.TabularInline):
    model = Part
    fields = ("kind", "title", "starts_at", "ends_at", "room", "venue_window")
    readonly_fields = ("venue_window",)
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session")

    @admin.display(description=_("at the venue"))
    def venue_window(self, part):
        if part is None or part.pk is None:
            return ""
        return venue_time(part.session, part.starts_at, part.ends_at)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    # Links typed without a scheme ("igf.org/live") are taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "name",
        "year",
        "city",
        "time_zone",
        "is_current",
        "deadline_at_venue",
        "dates_at_venue",
        "part_count",
    )
    list_display_links = ("name",)
    list_filter = ("is_current", "year", "city")
    # Explicit: a model's default ordering does not apply to queries with aggregates (counts).
    ordering = ("-year", "name")
    search_fields = ("name", "slug", "meeting_name", "city", "country", "venue")
    prepopulated_fields = {"slug": ("name",)}
    actions = ["make_current", build_slots_from_declarations]
    inlines = [PartInline]
    fieldsets = (
        (
            None,
            {
                "fields": ("name", "slug", "year", "meeting_name", "description", "is_current"),
            },
        ),
        (
            _("Where and when"),
            {
                "fields": ("city", "country", "venue", "time_zone"),
                "description": _(
                    "The time zone is the venue's: every public page shows times in it "
                    "(and remote participants can also see them in their own). The parts "
                    "of the session and their times are listed at the bottom of this page."
                ),
            },
        ),
        (
            _("Links for remote participants"),
            {
                "fields": ("webcast_url", "transcript_url", "remote_participation_url"),
                "description": _(
                    "Shown on the agenda and on the “now” page, so that people who are not in "
                    "the room can follow and take part. Leave empty what is not known yet."
                ),
            },
        ),
        (
            _("Coalitions' declarations"),
            {
                "fields": ("declaration_deadline",),
                # format_lazy: joined when shown, so both halves are in the reader's language.
                "description": format_lazy(
                    "{} {}",
                    _(
                        "Until this moment coordinators can declare how far their coalition's "
                        "output is (final: present on Day 3; work in progress: introduce on "
                        "Day 4). Empty: no deadline."
                    ),
                    UTC_NOTE,
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                first_start=Min("parts__starts_at"),
                last_end=Max("parts__ends_at"),
                part_count=Count("parts"),
            )
        )

    @admin.display(
        description=_("declaration deadline (venue time)"), ordering="declaration_deadline"
    )
    def deadline_at_venue(self, session):
        return venue_time(session, session.declaration_deadline) or None

    @admin.display(description=_("dates (venue time)"), ordering="first_start")
    def dates_at_venue(self, session):
        return venue_time(session, session.first_start, session.last_end) or None

    @admin.display(description=_("parts"), ordering="part_count")
    def part_count(self, session):
        return session.part_count

    @admin.action(description=_("Make the selected session the current one"))
    def make_current(self, request, queryset):
        sessions = list(queryset[:2])
        if len(sessions) != 1:
            self.message_user(
                request,
                _("Select exactly one session to make it the current one."),
                messages.WARNING,
            )
            return
        session = sessions[0]
        with transaction.atomic():
            Session.objects.filter(is_current=True).exclude(pk=session.pk).update(is_current=False)
            Session.objects.filter(pk=session.pk).update(is_current=True)
        self.message_user(
            request,
            _("“%(session)s” is now the current session.") % {"session": session},
            messages.SUCCESS,
        )


# --- Parts and slots -----------------------------------------------------------------------


class PartAdminForm(forms.ModelForm):
    class Meta:
        model = Part
        fields = ("session", "kind", "title", "description", "starts_at", "ends_at", "room")

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The part must end after it starts."))
        return cleaned


class SlotAdminForm(forms.ModelForm):
    """Keeps a slot inside its part's window and its output with its coalition.

    Used on the slot's own page and in the slots of a part's page; in the latter, ``part`` is
    the part being edited on that page, with the times typed there.
    """

    class Meta:
        model = Slot
        fields = (
            "part",
            "kind",
            "title",
            "speakers",
            "description",
            "starts_at",
            "ends_at",
            "coalition",
            "output",
        )
        help_texts = {
            "output": _(
                "One of the coalition's outputs for this session. With the coalition left "
                "empty, the output's coalition is filled in."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        part = cleaned.get("part")
        self._check_times(part, cleaned.get("starts_at"), cleaned.get("ends_at"))
        self._check_output(part, cleaned.get("coalition"), cleaned.get("output"))
        return cleaned

    def _check_times(self, part, starts_at, ends_at):
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The slot must end after it starts."))
            return
        if part is None or None in (part.session_id, part.starts_at, part.ends_at):
            return  # the part itself is not valid yet: its own form says why
        params = {
            "part": part,
            "window": venue_time(part.session, part.starts_at, part.ends_at),
            "utc": utc_time(part.starts_at, part.ends_at),
        }
        if starts_at and not part.starts_at <= starts_at < part.ends_at:
            self.add_error(
                "starts_at",
                forms.ValidationError(
                    _(
                        "The slot must start within its part “%(part)s”, which runs "
                        "%(window)s, that is %(utc)s."
                    ),
                    code="outside_part",
                    params=params,
                ),
            )
        if ends_at and not part.starts_at < ends_at <= part.ends_at:
            self.add_error(
                "ends_at",
                forms.ValidationError(
                    _(
                        "The slot must end within its part “%(part)s”, which runs "
                        "%(window)s, that is %(utc)s."
                    ),
                    code="outside_part",
                    params=params,
                ),
            )

    def _check_output(self, part, coalition, output):
        if output is None:
            return
        if coalition is None:
            self.cleaned_data["coalition"] = output.coalition
        elif output.coalition_id != coalition.pk:
            self.add_error(
                "output",
                forms.ValidationError(
                    _(
                        "“%(output)s” is an output of %(owner)s, not of %(coalition)s. Choose "
                        "an output of %(coalition)s, or change the coalition."
                    ),
                    code="output_of_other_coalition",
                    params={"output": output, "owner": output.coalition, "coalition": coalition},
                ),
            )
            return
        if part is not None and part.session_id and output.session_id != part.session_id:
            self.add_error(
                "output",
                forms.ValidationError(
                    _(
                        "“%(output)s” is an output for %(output_session)s, but this slot is "
                        "part of %(session)s."
                    ),
                    code="output_of_other_session",
                    params={
                        "output": output,
                        "output_session": output.session,
                        "session": part.session,
                    },
                ),
            )


class PartChoiceField(forms.ModelChoiceField):
    """Parts of every session look alike; name the session too."""

    def label_from_instance(self, part):
        return f"{part.session} — {part}"


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, slot):
        return f"{slot.part.session} — {slot.part} — {slot}"


class SlotInline(admin.TabularInline):
    model = Slot
    form = SlotAdminForm
    fields = (
        "kind",
        "title",
        "speakers",
        "starts_at",
        "ends_at",
        "venue_window",
        "coalition",
        "output",
    )
    readonly_fields = ("venue_window",)
    autocomplete_fields = ("coalition", "output")
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("part__session", "coalition", "output")

    @admin.display(description=_("at the venue"))
    def venue_window(self, slot):
        if slot is None or slot.pk is None:
            return ""
        return venue_time(slot.part.session, slot.starts_at, slot.ends_at)


@admin.register(Part)
class PartAdmin(admin.ModelAdmin):
    form = PartAdminForm
    list_display = ("title", "session", "kind", "venue_window", "utc_window", "room", "slot_count")
    list_filter = ("session", "kind")
    ordering = ("starts_at", "pk")  # see SessionAdmin.ordering
    search_fields = ("title", "description", "room", "session__name")
    list_select_related = ("session",)
    readonly_fields = ("venue_window",)
    inlines = [SlotInline]
    fieldsets = (
        (None, {"fields": ("session", "kind", "title", "description", "room")}),
        (
            _("When"),
            {"fields": ("starts_at", "ends_at", "venue_window"), "description": UTC_NOTE},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(slot_count=Count("slots"))

    @admin.display(description=_("at the venue"), ordering="starts_at")
    def venue_window(self, part):
        if part.pk is None:
            return None
        return venue_time(part.session, part.starts_at, part.ends_at)

    @admin.display(description=_("in UTC"), ordering="starts_at")
    def utc_window(self, part):
        return utc_time(part.starts_at, part.ends_at)

    @admin.display(description=_("slots"), ordering="slot_count")
    def slot_count(self, part):
        return part.slot_count


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    form = SlotAdminForm
    list_display = (
        "title",
        "part",
        "venue_window",
        "utc_window",
        "kind",
        "coalition",
        "output",
    )
    list_filter = (("part__session", admin.RelatedFieldListFilter), "kind", "is_generated")
    search_fields = (
        "title",
        "speakers",
        "description",
        "part__title",
        "coalition__name",
        "coalition__acronym",
        "output__title",
    )
    list_select_related = ("part__session", "coalition", "output")
    autocomplete_fields = ("coalition", "output")
    readonly_fields = ("venue_window", "is_generated")
    fieldsets = (
        (None, {"fields": ("part", "kind", "title", "speakers", "description")}),
        (
            _("When"),
            {"fields": ("starts_at", "ends_at", "venue_window"), "description": UTC_NOTE},
        ),
        (
            _("Coalition and output"),
            {
                "fields": ("coalition", "output", "is_generated"),
                "description": _(
                    "For presentations and introductions: the coalition on stage and, for a "
                    "presentation, the output it presents."
                ),
            },
        ),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "part":
            kwargs["queryset"] = Part.objects.select_related("session")
            kwargs["form_class"] = PartChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("at the venue"), ordering="starts_at")
    def venue_window(self, slot):
        if slot.pk is None:
            return None
        return venue_time(slot.part.session, slot.starts_at, slot.ends_at)

    @admin.display(description=_("in UTC"), ordering="starts_at")
    def utc_window(self, slot):
        return utc_time(slot.starts_at, slot.ends_at)


# --- Live state ----------------------------------------------------------------------------


class LiveStateAdminForm(forms.ModelForm):
    class Meta:
        model = LiveState
        fields = ("session", "mode", "slot")

    def clean(self):
        cleaned = super().clean()
        mode, slot = cleaned.get("mode"), cleaned.get("slot")
        session = cleaned.get("session") or (
            self.instance.session if self.instance.session_id else None
        )
        if mode == LiveState.Mode.SLOT and slot is None and "slot" not in self.errors:
            self.add_error("slot", _("Choose the slot that is on now, or choose another mode."))
        if slot is not None and session is not None and slot.part.session_id != session.pk:
            self.add_error(
                "slot",
                forms.ValidationError(
                    _("“%(slot)s” is a slot of %(other)s, not of %(session)s."),
                    code="slot_of_other_session",
                    params={"slot": slot, "other": slot.part.session, "session": session},
                ),
            )
        return cleaned


@admin.register(LiveState)
class LiveStateAdmin(admin.ModelAdmin):
    form = LiveStateAdminForm
    list_display = ("session", "mode", "slot", "changed_at", "changed_by")
    list_filter = ("mode",)
    list_select_related = ("session", "slot", "changed_by")
    readonly_fields = ("changed_at", "changed_by")
    fields = ("session", "mode", "slot", "changed_at", "changed_by")

    def get_readonly_fields(self, request, obj=None):
        # A live state belongs to its session for good (the session is its key).
        if obj is not None:
            return ("session", *self.readonly_fields)
        return self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "slot":
            kwargs["queryset"] = Slot.objects.select_related("part__session")
            kwargs["form_class"] = SlotChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.changed_by = request.user
        super().save_model(request, obj, form, change)
