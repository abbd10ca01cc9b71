"""The organisers' admin for rating sheets, the responses people filled in and their ratings."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from coalitions.models import Output
from igfsession.admin import UTC_NOTE, GuidedAddMixin, venue_time

from .models import Rating, RatingSheet, Response
from .services import response_restore, response_withdraw, sheet_close_now, sheet_open_now

# --- Rating sheets -------------------------------------------------------------------------


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
class RatingSheetAdmin(admin.ModelAdmin):
    form = RatingSheetAdminForm
    list_display = (
        "code",
        "output",
        "coalition",
        "opens_at_venue",
        "closes_at_venue",
        "open_now",
        "response_count",
    )
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
                response_count=Count("responses", filter=Q(responses__withdrawn_at__isnull=True))
            )
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

    @admin.display(description=_("open now?"), boolean=True)
    def open_now(self, sheet):
        return sheet.is_open()

    @admin.display(description=_("responses"), ordering="response_count")
    def response_count(self, sheet):
        return sheet.response_count

    @admin.action(description=_("Open the selected sheets now"))
    def open_now_action(self, request, queryset):
        selected = queryset.count()
        changed = sheet_open_now(sheets=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d rating sheet is open now.",
                "%(count)d rating sheets are open now.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )
        unchanged = selected - changed
        if unchanged:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected sheet was open already and was left as it was.",
                    "%(count)d selected sheets were open already and were left as they were.",
                    unchanged,
                )
                % {"count": unchanged},
                messages.INFO,
            )

    @admin.action(description=_("Close the selected sheets now"))
    def close_now_action(self, request, queryset):
        selected = queryset.count()
        changed = sheet_close_now(sheets=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d rating sheet is closed now.",
                "%(count)d rating sheets are closed now.",
                changed,
            )
            % {"count": changed},
            messages.SUCCESS,
        )
        unchanged = selected - changed
        if unchanged:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected sheet was not open (not open yet, or closed already) "
                    "and was left as it was.",
                    "%(count)d selected sheets were not open (not open yet, or closed already) "
                    "and were left as they were.",
                    unchanged,
                )
                % {"count": unchanged},
                messages.INFO,
            )


# --- Responses and ratings -----------------------------------------------------------------


class WithdrawnFilter(admin.SimpleListFilter):
    title = _("withdrawn")
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("no", _("No: counted in results")), ("yes", _("Yes: left out of results"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(withdrawn_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(withdrawn_at__isnull=False)
        return queryset


class ResponseAdminForm(forms.ModelForm):
    class Meta:
        model = Response
        fields = (
            "stakeholder_group",
            "region",
            "attendance",
            "overall_comment",
            "contact_consent",
            "contact_name",
            "contact_organisation",
            "contact_email",
        )

    def clean(self):
        cleaned = super().clean()
        contact = [
            cleaned.get(name) for name in ("contact_name", "contact_organisation", "contact_email")
        ]
        if not cleaned.get("contact_consent") and any(contact):
            self.add_error(
                "contact_consent",
                _(
                    "Without the respondent's agreement the contact details must stay empty: "
                    "tick this box or clear the name, organisation and e-mail."
                ),
            )
        return cleaned


class RatingInline(admin.TabularInline):
    """The response's marks. Only comments can be edited (to moderate them)."""

    model = Rating
    fields = ("issue", "mark", "score", "comment")
    readonly_fields = ("issue", "mark", "score")
    ordering = ("issue__position", "issue_id")
    can_delete = False
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issue")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(GuidedAddMixin, admin.ModelAdmin):
    """Responses come from the sheet pages (online) and from paper-sheet entry.

    Here organisers read them and moderate what people wrote; marks are not changed here, and a
    response is never deleted (it is withdrawn: kept, but left out of the results).
    """

    form = ResponseAdminForm
    list_display = (
        "__str__",
        "sheet",
        "channel",
        "stakeholder_group",
        "region",
        "attendance",
        "rating_count",
        "created_at",
        "is_withdrawn",
    )
    list_filter = (
        "channel",
        "stakeholder_group",
        "region",
        "attendance",
        WithdrawnFilter,
        ("sheet__output__session", admin.RelatedFieldListFilter),
    )
    search_fields = (
        "sheet__code",
        "overall_comment",
        "contact_name",
        "contact_organisation",
        "contact_email",
    )
    list_select_related = ("sheet__output",)
    ordering = ("sheet", "-created_at", "pk")  # see RatingSheetAdmin.ordering
    readonly_fields = (
        "sheet",
        "channel",
        "respondent_hash",
        "entered_by",
        "created_at",
        "updated_at",
        "withdrawn_at",
        "withdrawn_by",
    )
    inlines = [RatingInline]
    actions = ["withdraw_action", "restore_action"]
    add_guidance = _(
        "Responses come from the online rating sheets and, for paper sheets, from paper-sheet "
        "entry: type a paper sheet in on its sheet's page, one keystroke per mark."
    )

    def add_guidance_links(self, request):
        return paper_entry_links()

    fieldsets = (
        (None, {"fields": ("sheet", "channel", "created_at", "updated_at")}),
        (
            _("Profile"),
            {"fields": ("stakeholder_group", "region", "attendance")},
        ),
        (_("Comment"), {"fields": ("overall_comment",)}),
        (
            _("Contact details"),
            {
                "fields": (
                    "contact_consent",
                    "contact_name",
                    "contact_organisation",
                    "contact_email",
                )
            },
        ),
        (
            _("Where it came from"),
            {
                "fields": ("respondent_hash", "entered_by"),
                "description": _(
                    "Online responses carry a hash of the visitor's random token (never an IP "
                    "address); paper responses, who typed them in."
                ),
            },
        ),
        (_("Withdrawal"), {"fields": ("withdrawn_at", "withdrawn_by")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rating_count=Count("ratings"))

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("ratings"), ordering="rating_count")
    def rating_count(self, response):
        return response.rating_count

    @admin.display(description=_("withdrawn"), boolean=True, ordering="withdrawn_at")
    def is_withdrawn(self, response):
        return response.is_withdrawn

    @admin.action(description=_("Withdraw the selected responses (kept, but not counted)"))
    def withdraw_action(self, request, queryset):
        responses = list(queryset.filter(withdrawn_at__isnull=True))
        for response in responses:
            response_withdraw(response=response, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d response withdrawn.", "%(count)d responses withdrawn.", len(responses)
            )
            % {"count": len(responses)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Count the selected responses again"))
    def restore_action(self, request, queryset):
        responses = list(queryset.filter(withdrawn_at__isnull=False))
        for response in responses:
            response_restore(response=response)
        self.message_user(
            request,
            ngettext(
                "%(count)d response counts again.",
                "%(count)d responses count again.",
                len(responses),
            )
            % {"count": len(responses)},
            messages.SUCCESS,
        )


@admin.register(Rating)
class RatingAdmin(GuidedAddMixin, admin.ModelAdmin):
    """Ratings, to look through and to moderate comments; marks are never edited here."""

    list_display = ("response", "issue", "mark", "score", "short_comment")
    list_filter = (
        "mark",
        "response__channel",
        ("issue__output__session", admin.RelatedFieldListFilter),
    )
    search_fields = ("comment", "issue__title", "response__sheet__code")
    list_select_related = ("response__sheet", "issue")
    fields = ("response", "issue", "mark", "score", "comment")
    readonly_fields = ("response", "issue", "mark", "score")
    add_guidance = _(
        "Ratings are stored with their response: online from the rating sheets, and for paper "
        "sheets from paper-sheet entry. Type a paper sheet in on its sheet's page:"
    )

    def add_guidance_links(self, request):
        return paper_entry_links()

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("comment"))
    def short_comment(self, rating):
        return Truncator(rating.comment).chars(80)
