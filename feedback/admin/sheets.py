"""The organisers' admin for rating sheets: their times, results setting, opening and closing."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from coalitions.models import Output
from igfsession.admin_helpers import VENUE_NOTE, VenueTimeAdminMixin, venue_time

from ..models import RatingSheet, counted_responses
from ..services import sheet_close_now, sheet_open_now, sheet_save


def paper_entry_links() -> list[tuple[str, str]]:
    """Where paper sheets are typed in: one link per rating sheet of the current session first."""
    sheets = RatingSheet.objects.select_related("output__coalition").order_by(
        "-output__session__is_current", "-output__session__year", "code"
    )
    return [
        (
            gettext("Type in paper sheets: %(sheet)s — %(output)s")
            % {"sheet": sheet.code, "output": sheet.output.title},
            reverse("feedback:enter", kwargs={"code": sheet.code}),
        )
        for sheet in sheets
    ]


class SheetStateFilter(admin.SimpleListFilter):
    """Open now, not open yet, or closed: the same rules as RatingSheet.is_open()."""

    title = _("state")
    parameter_name = "state"

    OPEN = "open"
    NOT_YET_OPEN = "not_yet_open"
    CLOSED = "closed"

    def lookups(self, request, model_admin):
        return [
            (self.OPEN, _("Open now")),
            (self.NOT_YET_OPEN, _("Not open yet")),
            (self.CLOSED, _("Closed")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        closed = Q(closes_at__lte=now)
        if self.value() == self.OPEN:
            return queryset.open_at(now)
        if self.value() == self.CLOSED:
            return queryset.filter(closed)
        if self.value() == self.NOT_YET_OPEN:
            return queryset.filter(Q(opens_at__isnull=True) | Q(opens_at__gt=now)).exclude(closed)
        return queryset


class RatingSheetAdminForm(forms.ModelForm):
    class Meta:
        model = RatingSheet
        fields = ("output", "code", "opens_at", "closes_at", "results_visibility")

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("A sheet must close after it opens."))
        output = cleaned.get("output")
        if (
            output is not None
            and "output" in self.changed_data
            and output.status != Output.Status.FINAL
        ):
            self.add_error(
                "output",
                forms.ValidationError(
                    _(
                        "Only final outputs get a rating sheet; “%(output)s” is declared "
                        "“%(status)s”."
                    ),
                    code="output_not_final",
                    params={"output": output, "status": output.get_status_display()},
                ),
            )
        return cleaned


@admin.register(RatingSheet)
class RatingSheetAdmin(VenueTimeAdminMixin, admin.ModelAdmin):
    form = RatingSheetAdminForm
    # Few, narrow columns whose text wraps: the list fits a 1,280-px screen beside the filters.
    list_display = ("code", "output_and_coalition", "window_at_venue", "state", "response_count")
    list_filter = (SheetStateFilter, ("output__session", admin.RelatedFieldListFilter))
    # Explicit: a model's default ordering does not apply to queries with aggregates (counts).
    ordering = ("code",)
    search_fields = (
        "code",
        "output__title",
        "output__coalition__name",
        "output__coalition__acronym",
    )
    list_select_related = ("output__coalition", "output__session")
    autocomplete_fields = ("output",)
    readonly_fields = ("opens_at_venue", "closes_at_venue", "open_now", "created_at")
    actions = ["open_now_action", "close_now_action"]
    fieldsets = (
        (None, {"fields": ("output", "code", "results_visibility", "created_at")}),
        (
            _("Opening and closing"),
            {
                "fields": (
                    "opens_at",
                    "closes_at",
                    "opens_at_venue",
                    "closes_at_venue",
                    "open_now",
                ),
                # format_lazy: joined when shown, so both halves are in the reader's language.
                "description": format_lazy(
                    "{} {}",
                    _(
                        "Empty opening time: the sheet is not open yet. Empty closing time: it "
                        "stays open until closed. The actions in the list of sheets open or "
                        "close sheets at once."
                    ),
                    VENUE_NOTE,
                ),
            },
        ),
    )

    def venue_session(self, request, obj):
        if obj is not None:
            return obj.output.session
        pk = self.posted_pk(request, "output")
        chosen = Output.objects.select_related("session").filter(pk=pk).first() if pk else None
        return chosen.session if chosen else super().venue_session(request, obj)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(response_count=Count("responses", filter=counted_responses("responses__")))
        )

    @admin.display(description=_("coalition"), ordering="output__coalition__name")
    def coalition(self, sheet):
        return sheet.output.coalition

    @admin.display(description=_("opens (venue time)"), ordering="opens_at")
    def opens_at_venue(self, sheet):
        if sheet.pk is None:
            return None
        return venue_time(sheet.output.session, sheet.opens_at) or None

    @admin.display(description=_("closes (venue time)"), ordering="closes_at")
    def closes_at_venue(self, sheet):
        if sheet.pk is None:
            return None
        return venue_time(sheet.output.session, sheet.closes_at) or None

    @admin.display(description=_("output"), ordering="output__title")
    def output_and_coalition(self, sheet):
        return f"{sheet.output.title} ({sheet.output.coalition.short_name})"

    @admin.display(description=_("open (venue time)"), ordering="opens_at")
    def window_at_venue(self, sheet):
        return venue_time(sheet.output.session, sheet.opens_at, sheet.closes_at) or None

    @admin.display(description=_("state"))
    def state(self, sheet):
        if sheet.is_open():
            return gettext("Open now")
        return gettext("Closed") if sheet.has_closed() else gettext("Not open yet")

    @admin.display(description=_("open now?"), boolean=True)
    def open_now(self, sheet):
        return sheet.is_open()

    @admin.display(description=_("responses"), ordering="response_count")
    def response_count(self, sheet):
        return sheet.response_count

    def _open_or_close(self, request, queryset, service, done, left) -> None:
        """One implementation for both actions: run the service, say what changed and not."""
        selected = queryset.count()
        changed = service(sheets=queryset)
        self.message_user(request, done(changed) % {"count": changed}, messages.SUCCESS)
        if selected - changed:
            unchanged = selected - changed
            self.message_user(request, left(unchanged) % {"count": unchanged}, messages.INFO)

    @admin.action(description=_("Open the selected sheets now"))
    def open_now_action(self, request, queryset):
        self._open_or_close(
            request,
            queryset,
            sheet_open_now,
            lambda n: ngettext(
                "%(count)d rating sheet is open now.", "%(count)d rating sheets are open now.", n
            ),
            lambda n: ngettext(
                "%(count)d selected sheet was open already and was left as it was.",
                "%(count)d selected sheets were open already and were left as they were.",
                n,
            ),
        )

    @admin.action(description=_("Close the selected sheets now"))
    def close_now_action(self, request, queryset):
        self._open_or_close(
            request,
            queryset,
            sheet_close_now,
            lambda n: ngettext(
                "%(count)d rating sheet is closed now.",
                "%(count)d rating sheets are closed now.",
                n,
            ),
            lambda n: ngettext(
                "%(count)d selected sheet was not open (not open yet, or closed already) "
                "and was left as it was.",
                "%(count)d selected sheets were not open (not open yet, or closed already) "
                "and were left as they were.",
                n,
            ),
        )

    def get_urls(self):
        # The "Run the session" page's buttons: one sheet opened or closed now, then back there.
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:pk>/open-now/",
                self.admin_site.admin_view(self.open_now_view),
                name=f"{info}_open_now",
            ),
            path(
                "<int:pk>/close-now/",
                self.admin_site.admin_view(self.close_now_view),
                name=f"{info}_close_now",
            ),
            *super().get_urls(),
        ]

    def _one_sheet_view(self, request, pk, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        get_object_or_404(RatingSheet, pk=pk)
        action(request, RatingSheet.objects.filter(pk=pk))
        return redirect("admin:index")

    def open_now_view(self, request, pk):
        return self._one_sheet_view(request, pk, self.open_now_action)

    def close_now_view(self, request, pk):
        return self._one_sheet_view(request, pk, self.close_now_action)

    def save_model(self, request, obj, form, change):
        # Through the service, which also tells coalitions when the output's rating opens.
        sheet_save(sheet=obj)
