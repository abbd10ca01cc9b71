"""The organisers' admin for sessions, with their parts inline."""

import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from igfsession.admin_helpers import (
    VENUE_NOTE,
    VenueTimeAdminMixin,
    VenueTimeFieldsMixin,
    venue_time,
)
from igfsession.forms import HttpsLinksAdminMixin, https_links
from igfsession.models import Session
from igfsession.services import session_make_current

from ..admin_actions import build_slots_from_declarations
from ..models import Part


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        # For the form class itself; in the admin, HttpsLinksAdminMixin applies the same rule.
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


class PartInline(VenueTimeFieldsMixin, admin.TabularInline):
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
class SessionAdmin(VenueTimeAdminMixin, HttpsLinksAdminMixin, admin.ModelAdmin):
    form = SessionAdminForm
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
                    VENUE_NOTE,
                ),
            },
        ),
    )

    def venue_session(self, request, obj):
        if obj is not None:
            return obj
        # A new session: its times are in the zone typed in the same form, when it is a real one.
        zone = request.POST.get("time_zone", "")
        if zone in zoneinfo.available_timezones():
            return Session(time_zone=zone)
        return super().venue_session(request, obj)

    def view_on_site(self, session):
        """The public pages show the current session only."""
        return reverse("igfsession:home") if session.is_current else None

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
        session = session_make_current(session=sessions[0])
        self.message_user(
            request,
            _("“%(session)s” is now the current session.") % {"session": session},
            messages.SUCCESS,
        )
