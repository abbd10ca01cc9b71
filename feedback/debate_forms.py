"""The Day 4 debate's forms: a remote participant's question, and the organisers' edits of the
running order. Forms only validate; saving goes through ``feedback.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.models import Issue

from .forms import ErrorsDescribedMixin, bootstrap_classes
from .models import NOTE_MAX_LENGTH, QUESTION_MAX_LENGTH


class DebateQuestionForm(ErrorsDescribedMixin, forms.Form):
    text = forms.CharField(
        label=_("Your question or comment on the item being discussed"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_MAX_LENGTH}),
        help_text=_(
            "At most 500 characters. An organiser reads it first: it is shown once accepted."
        ),
        error_messages={
            "required": _("Write your question or comment."),
            "max_length": _("A question can be at most %(limit)d characters long.")
            % {"limit": QUESTION_MAX_LENGTH},
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_classes(self)


class DebateAddForm(ErrorsDescribedMixin, forms.Form):
    issue = forms.ModelChoiceField(
        label=_("Issue to add"),
        queryset=None,
        empty_label=_("Choose an issue"),
        error_messages={
            "required": _("Choose an issue to add."),
            "invalid_choice": _("That issue cannot be added: choose one from the list."),
        },
    )

    def __init__(self, *args, issues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = Issue.objects.filter(pk__in=[i.pk for i in issues])
        self.fields["issue"].choices = [("", _("Choose an issue"))] + [
            (issue.pk, f"{issue.output.coalition.short_name} — {issue.title}") for issue in issues
        ]
        bootstrap_classes(self)


class DebateItemForm(ErrorsDescribedMixin, forms.Form):
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=120,
        error_messages={
            "required": _("Give the minutes for this item."),
            "invalid": _("Give the minutes as a whole number."),
            "min_value": _("Give at least 1 minute."),
            "max_value": _("Give at most 120 minutes."),
        },
    )
    outcome_note = forms.CharField(
        label=_("Outcome note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the debate came to, for the session report."),
        error_messages={"max_length": _("The note is too long.")},
    )

    def __init__(self, *args, item, **kwargs):
        kwargs.setdefault("prefix", f"item-{item.pk}")
        kwargs.setdefault("initial", {"minutes": item.minutes, "outcome_note": item.outcome_note})
        super().__init__(*args, **kwargs)
        bootstrap_classes(self)
