"""The organisers' admin for parts and their slots, and for the live state."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from igfsession.admin_helpers import (
    VENUE_NOTE,
    TechnicalRecordsMixin,
    VenueTimeAdminMixin,
    VenueTimeFieldsMixin,
    utc_time,
    venue_time,
)
from igfsession.forms import HttpsLinksAdminMixin, https_links
from igfsession.models import Session

from ..models import LiveState, Part, Slot


class PartAdminForm(forms.ModelForm):
    class Meta:
        model = Part
        # For the form class itself; in the admin, HttpsLinksAdminMixin applies the same rule.
        formfield_callback = https_links
        fields = (
            "session",
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "room",
            "webcast_url",
            "transcript_url",
            "remote_participation_url",
        )

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


class SlotInline(VenueTimeFieldsMixin, admin.TabularInline):
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
class PartAdmin(VenueTimeAdminMixin, HttpsLinksAdminMixin, admin.ModelAdmin):
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
            {"fields": ("starts_at", "ends_at", "venue_window"), "description": VENUE_NOTE},
        ),
        (
            _("Watch live"),
            {
                "fields": ("webcast_url", "transcript_url", "remote_participation_url"),
                "description": _(
                    "This part's own links, shown on the agenda and on the now page while it "
                    "is on. Each one left empty shows the session's."
                ),
            },
        ),
    )

    def venue_session(self, request, obj):
        if obj is not None:
            return obj.session
        pk = self.posted_pk(request, "session")
        chosen = Session.objects.filter(pk=pk).first() if pk else None
        return chosen or super().venue_session(request, obj)

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
class SlotAdmin(VenueTimeAdminMixin, admin.ModelAdmin):
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
            {"fields": ("starts_at", "ends_at", "venue_window"), "description": VENUE_NOTE},
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

    def venue_session(self, request, obj):
        if obj is not None:
            return obj.part.session
        pk = self.posted_pk(request, "part")
        chosen = Part.objects.select_related("session").filter(pk=pk).first() if pk else None
        return chosen.session if chosen else super().venue_session(request, obj)

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
class LiveStateAdmin(TechnicalRecordsMixin, admin.ModelAdmin):
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
