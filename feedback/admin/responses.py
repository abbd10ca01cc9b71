"""The organisers' admin for the responses people filled in and their ratings.

Responses come from the sheet pages (online) and from paper-sheet entry; here organisers read
them, moderate what people wrote and withdraw or restore them, through the same services.
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from igfsession.admin_helpers import GuidedAddMixin, isolated, isolated_field

from ..models import PROFILE_FIELDS, Rating, Response, counted_responses
from ..services import response_restore, response_withdraw
from .sheets import paper_entry_links

# The contact details as the change page shows them: names isolated, the e-mail as it is (an
# address cannot hold bidirectional controls).
ISOLATED_CONTACT_FIELDS = ("contact_name_text", "contact_organisation_text", "contact_email")


class WithdrawnFilter(admin.SimpleListFilter):
    title = _("withdrawn")
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("no", _("No: counted in results")), ("yes", _("Yes: left out of results"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(counted_responses())
        if self.value() == "yes":
            return queryset.exclude(counted_responses())
        return queryset


class RatingInline(admin.TabularInline):
    """The response's marks and comments, as the participant gave them."""

    model = Rating
    fields = ("issue", "mark", "score", "comment_text")
    readonly_fields = fields
    comment_text = isolated_field("comment", _("comment"))
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

    Here organisers read them and withdraw or restore them. What a participant answered is never
    changed here: a paper sheet typed in wrongly is corrected on its paper-entry page (the link
    on the response), through the same checks as when it was typed in. A response is never
    deleted: it is withdrawn (kept, but left out of the results).
    """

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
        "carried_sheet_cookie",
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
        "created_at",
        "updated_at",
        *PROFILE_FIELDS,
        "overall_comment_text",
        "contact_consent",
        *ISOLATED_CONTACT_FIELDS,
        "respondent_hash",
        "carried_sheet_cookie",
        "client_hash",
        "agent_family",
        "entered_by",
        "paper_entry_link",
        "withdrawn_at",
        "withdrawn_by",
    )
    inlines = [RatingInline]
    actions = ["withdraw_action", "restore_action"]
    # What participants wrote, shown isolated (igfsession.admin_helpers.isolated).
    overall_comment_text = isolated_field("overall_comment", _("overall comment"))
    contact_name_text = isolated_field("contact_name", _("name"))
    contact_organisation_text = isolated_field("contact_organisation", _("organisation"))
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
            {"fields": PROFILE_FIELDS},
        ),
        (_("Comment"), {"fields": ("overall_comment_text",)}),
        (
            _("Contact details"),
            {"fields": ("contact_consent", *ISOLATED_CONTACT_FIELDS)},
        ),
        (
            _("Where it came from"),
            {
                "fields": (
                    "respondent_hash",
                    "carried_sheet_cookie",
                    "client_hash",
                    "agent_family",
                    "entered_by",
                    "paper_entry_link",
                ),
                "description": _(
                    "Online responses carry a hash of the visitor's random token (never an IP "
                    "address), whether the submission carried the sheet's cookie, a keyed hash "
                    "of the client address and a coarse browser family (both cleared by the daily "
                    "clean-up once the sheet has closed; see the sheet's integrity page); paper "
                    "responses, who typed them in."
                ),
            },
        ),
        (_("Withdrawal"), {"fields": ("withdrawn_at", "withdrawn_by")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(rating_count=Count("ratings"))

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("correct it"))
    def paper_entry_link(self, response):
        if response.channel != Response.Channel.PAPER:
            return "—"
        url = reverse(
            "feedback:enter-edit", kwargs={"code": response.sheet.code, "pk": response.pk}
        )
        return format_html('<a href="{}">{}</a>', url, gettext("Correct this paper sheet"))

    @admin.display(description=_("ratings"), ordering="rating_count")
    def rating_count(self, response):
        return response.rating_count

    @admin.display(description=_("withdrawn"), boolean=True, ordering="withdrawn_at")
    def is_withdrawn(self, response):
        return response.is_withdrawn

    @admin.action(description=_("Withdraw the selected responses (kept, but not counted)"))
    def withdraw_action(self, request, queryset):
        responses = list(queryset.filter(counted_responses()))
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
        responses = list(queryset.exclude(counted_responses()))
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
    """Ratings, to look through; what participants marked and wrote is never edited here."""

    list_display = ("response", "issue", "mark", "score", "short_comment")
    list_filter = (
        "mark",
        "response__channel",
        ("issue__output__session", admin.RelatedFieldListFilter),
    )
    search_fields = ("comment", "issue__title", "response__sheet__code")
    list_select_related = ("response__sheet", "issue")
    fields = ("response", "issue", "mark", "score", "comment_text")
    readonly_fields = fields
    comment_text = isolated_field("comment", _("comment"))
    add_guidance = _(
        "Ratings are stored with their response: online from the rating sheets, and for paper "
        "sheets from paper-sheet entry. Type a paper sheet in on its sheet's page:"
    )

    def add_guidance_links(self, request):
        return paper_entry_links()

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("comment"))
    def short_comment(self, rating):
        return isolated(Truncator(rating.comment).chars(80))
