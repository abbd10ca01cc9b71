"""The organisers' admin for the guidance loop: the reading thresholds of each session (changed
here), and, to look through, the coalitions' answers, the debate's items and its questions
(written on their own pages: the portal, the debate page, the live control)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from igfsession.admin_helpers import GuidedAddMixin, IsolatedTextsMixin

from ..models import DebateItem, DebateQuestion, IssueAnswer, ReadingThresholds


@admin.register(ReadingThresholds)
class ReadingThresholdsAdmin(admin.ModelAdmin):
    """Where the suggested reading's thresholds differ from the published defaults."""

    list_display = (
        "session",
        "confusion_pct",
        "controversy",
        "agreement_pct_low",
        "disagreement_pct",
    )
    list_select_related = ("session",)
    fields = ("session", "confusion_pct", "controversy", "agreement_pct_low", "disagreement_pct")


class ReadOnlyAdmin(GuidedAddMixin, admin.ModelAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssueAnswer)
class IssueAnswerAdmin(ReadOnlyAdmin):
    list_display = ("issue", "version", "decision", "published_at", "written_by", "written_at")
    list_filter = ("decision", ("issue__output__session", admin.RelatedFieldListFilter))
    list_select_related = ("issue", "written_by")
    search_fields = ("issue__title", "reply", "issue__output__coalition__name")
    add_guidance = _(
        "A coalition's coordinators answer the feedback on each issue in their portal, on the "
        "output's page; organisers can do so there too."
    )


@admin.register(DebateItem)
class DebateItemAdmin(ReadOnlyAdmin):
    list_display = ("position", "issue", "session", "minutes", "is_current")
    list_filter = (("session", admin.RelatedFieldListFilter),)
    list_select_related = ("issue", "session")
    add_guidance = _(
        "The debate's running order is built and arranged on the debate page, from the results."
    )


@admin.register(DebateQuestion)
class DebateQuestionAdmin(IsolatedTextsMixin, ReadOnlyAdmin):
    list_display = ("text_isolated", "item", "status", "sent_at", "moderated_by")
    isolated_texts = ("text",)
    list_filter = ("status",)
    list_select_related = ("item__issue", "moderated_by")
    search_fields = ("text",)
    add_guidance = _(
        "Remote participants send questions from the now page while an item is discussed; "
        "organisers accept or dismiss them on the live control page."
    )
