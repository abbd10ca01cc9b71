"""The organisers' moderation lists: every comment on an issue and every overall comment, to hide
one that must not be shown (with a reason; who and when are recorded) or show it again.

Hiding goes through ``feedback.services.comment_hide``; what people wrote is never edited.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from igfsession.admin_helpers import GuidedAddMixin

from ..models import OverallComment, RatingComment
from ..services import comment_hide, comment_show
from ..services.moderation import REASON_MAX_LENGTH


class HideCommentsForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are these comments hidden?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with each comment, for the other organisers. Not shown publicly."),
    )


class HiddenFilter(admin.SimpleListFilter):
    title = pgettext_lazy("a comment", "hidden")
    parameter_name = "hidden"

    def __init__(self, request, params, model, model_admin):
        self.hidden_at_field = model_admin.hidden_at_field
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [("no", _("No: shown")), ("yes", _("Yes: hidden"))]

    def queryset(self, request, queryset):
        hidden = Q(**{f"{self.hidden_at_field}__isnull": False})
        if self.value() == "no":
            return queryset.exclude(hidden)
        if self.value() == "yes":
            return queryset.filter(hidden)
        return queryset


class ModerationAdmin(GuidedAddMixin, admin.ModelAdmin):
    """What both lists share: read-only rows, a hide action asking why, a show-again action."""

    add_guidance = _(
        "Comments come with the responses, from the rating sheets and paper-sheet entry. Here "
        "organisers hide one that must not be shown, or show it again; nothing is added."
    )

    text_field = ""
    hidden_at_field = ""
    hidden_by_field = ""
    hidden_reason_field = ""
    actions = ["hide_action", "show_action"]
    list_filter = (HiddenFilter,)

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(**{self.text_field: ""})

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("comment"))
    def text(self, obj):
        # Shown isolated (dir="auto"): a comment's own direction never reorders the page's text.
        return format_html(
            '<span dir="auto">{}</span>', Truncator(getattr(obj, self.text_field)).chars(160)
        )

    @admin.display(description=pgettext_lazy("a comment", "hidden"), boolean=True)
    def is_hidden(self, obj):
        return getattr(obj, self.hidden_at_field) is not None

    @admin.display(description=_("why hidden"))
    def hidden_reason(self, obj):
        return getattr(obj, self.hidden_reason_field) or "—"

    @admin.display(description=_("hidden by"))
    def hidden_by(self, obj):
        user = getattr(obj, self.hidden_by_field)
        return user.get_username() if user else "—"

    @admin.action(description=_("Hide the selected comments (asks why)"))
    def hide_action(self, request, queryset):
        form = HideCommentsForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            targets = list(queryset)
            try:
                for target in targets:
                    comment_hide(target=target, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error("reason", error.message_dict.get("reason", error.messages))
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d comment hidden.", "%(count)d comments hidden.", len(targets)
                    )
                    % {"count": len(targets)},
                    messages.SUCCESS,
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Hide comments"),
            "opts": self.model._meta,
            "form": form,
            "comments": [getattr(obj, self.text_field) for obj in queryset],
            "selected": queryset.values_list("pk", flat=True),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/feedback/hide_comments.html", context)

    @admin.action(description=_("Show the selected comments again"))
    def show_action(self, request, queryset):
        targets = list(queryset.exclude(**{f"{self.hidden_at_field}__isnull": True}))
        for target in targets:
            comment_show(target=target, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d comment is shown again.",
                "%(count)d comments are shown again.",
                len(targets),
            )
            % {"count": len(targets)},
            messages.SUCCESS,
        )


@admin.register(RatingComment)
class RatingCommentAdmin(ModerationAdmin):
    text_field = "comment"
    hidden_at_field = "comment_hidden_at"
    hidden_by_field = "comment_hidden_by"
    hidden_reason_field = "comment_hidden_reason"
    list_display = ("text", "issue", "mark", "sheet", "is_hidden", "hidden_reason", "hidden_by")
    list_filter = (
        HiddenFilter,
        "mark",
        ("response__sheet__output__session", admin.RelatedFieldListFilter),
    )
    list_select_related = ("issue", "response__sheet", "comment_hidden_by")
    search_fields = ("comment", "issue__title", "response__sheet__code")

    @admin.display(description=_("sheet"), ordering="response__sheet__code")
    def sheet(self, rating):
        return rating.response.sheet.code


@admin.register(OverallComment)
class OverallCommentAdmin(ModerationAdmin):
    text_field = "overall_comment"
    hidden_at_field = "overall_comment_hidden_at"
    hidden_by_field = "overall_comment_hidden_by"
    hidden_reason_field = "overall_comment_hidden_reason"
    list_display = ("text", "sheet", "channel", "is_hidden", "hidden_reason", "hidden_by")
    list_filter = (
        HiddenFilter,
        "channel",
        ("sheet__output__session", admin.RelatedFieldListFilter),
    )
    list_select_related = ("sheet__output", "overall_comment_hidden_by")
    search_fields = ("overall_comment", "sheet__code")
