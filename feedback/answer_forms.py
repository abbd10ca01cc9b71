"""The coalition's answers as one form: per issue a decision and a reply. Only the issues whose
answer changed are saved, all together or none (``AnswersForm.changed_answers``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import ErrorsDescribedMixin, bootstrap_classes
from .models import ANSWER_REPLY_MAX_LENGTH, AnswerDecision

NOT_ANSWERED = [("", _("Not answered yet"))]


def decision_field_name(issue) -> str:
    return f"decision_{issue.pk}"


def reply_field_name(issue) -> str:
    return f"reply_{issue.pk}"


class AnswersForm(ErrorsDescribedMixin, forms.Form):
    """``issues``: the output's issues to answer; ``current``: {issue id: its draft, or else its
    latest published version} — what the form starts from and what a change is measured from."""

    def __init__(self, *args, issues, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.issues = list(issues)
        self.current = current
        for issue in self.issues:
            answer = current.get(issue.pk)
            self.fields[decision_field_name(issue)] = forms.ChoiceField(
                label=_("Decision"),
                choices=NOT_ANSWERED + list(AnswerDecision.choices),
                required=False,
                initial=answer.decision if answer else "",
                error_messages={"invalid_choice": _("Choose one of the decisions.")},
            )
            self.fields[reply_field_name(issue)] = forms.CharField(
                label=_("Reply in the coalition's own words"),
                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
                required=False,
                max_length=ANSWER_REPLY_MAX_LENGTH,
                initial=answer.reply if answer else "",
                error_messages={
                    "max_length": _("The reply can be at most %(limit_value)d characters long.")
                },
            )
        bootstrap_classes(self)

    def clean(self):
        cleaned = super().clean()
        for issue in self.issues:
            decision = cleaned.get(decision_field_name(issue))
            reply = (cleaned.get(reply_field_name(issue)) or "").strip()
            if reply_field_name(issue) in cleaned:
                cleaned[reply_field_name(issue)] = reply
            if decision is None or reply_field_name(issue) in self.errors:
                continue
            if not decision and reply:
                self.add_error(decision_field_name(issue), _("Choose a decision for this reply."))
            elif decision and decision != AnswerDecision.KEEP and not reply:
                self.add_error(
                    reply_field_name(issue),
                    _("Say in your own words what the coalition will do about this issue."),
                )
        return cleaned

    def rows(self):
        """(issue, its decision field, its reply field, its current answer) for the template."""
        return [
            (
                issue,
                self[decision_field_name(issue)],
                self[reply_field_name(issue)],
                self.current.get(issue.pk),
            )
            for issue in self.issues
        ]

    def changed_answers(self) -> list[tuple]:
        """(issue, decision, reply) of the issues whose answer differs from the current one."""
        changed = []
        for issue in self.issues:
            decision = self.cleaned_data.get(decision_field_name(issue), "")
            reply = self.cleaned_data.get(reply_field_name(issue), "")
            if not decision:
                continue
            answer = self.current.get(issue.pk)
            if answer is not None and (answer.decision, answer.reply) == (decision, reply):
                continue
            changed.append((issue, decision, reply))
        return changed
