"""The rating sheet as a form: one mark and one comment per issue, then the overall part.

Forms only validate; saving goes through feedback.services.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from igfsession.choices import Attendance, Region, StakeholderGroup
from igfsession.validators import validate_single_line

from .form_widgets import remembered_widgets
from .models import COMMENT_MAX_LENGTH, CONTACT_FIELDS, PROFILE_FIELDS, Mark

ISSUE_FIELD = re.compile(r"^(mark|comment)_(.+)$")
NOT_SAID = [("", _("Prefer not to say"))]


class OneValueRadioSelect(forms.RadioSelect):
    """A radio group that notices when a request sends the same name twice."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        if len(values) > 1:
            return list(values)
        return values[0] if values else None


class MarkField(forms.ChoiceField):
    widget = OneValueRadioSelect
    default_error_messages = {
        "invalid_choice": _("Choose one of the marks on the scale."),
        "several": _("Choose only one mark for this issue."),
    }

    def __init__(self, **kwargs):
        super().__init__(choices=Mark.choices, required=False, **kwargs)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["several"], code="several")
        return super().to_python(value)


def mark_field_name(issue) -> str:
    return f"mark_{issue.pk}"


def comment_field_name(issue) -> str:
    return f"comment_{issue.pk}"


def bootstrap_classes(form: forms.Form) -> None:
    """Bootstrap's classes on every widget, and errors tied to their fields for screen readers."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        existing = widget.attrs.get("class", "")
        if css not in existing.split():
            widget.attrs["class"] = f"{existing} {css}".strip()


class ErrorsDescribedMixin:
    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"
                attrs["aria-invalid"] = "true"


class ProfileFieldsMixin(ErrorsDescribedMixin, forms.Form):
    stakeholder_group = forms.ChoiceField(
        label=_("Your stakeholder group"),
        choices=NOT_SAID + list(StakeholderGroup.choices),
        required=False,
    )
    region = forms.ChoiceField(
        label=_("Your UN regional group"), choices=NOT_SAID + list(Region.choices), required=False
    )
    attendance = forms.ChoiceField(
        label=_("You are taking part"),
        choices=NOT_SAID + list(Attendance.choices),
        required=False,
    )
    overall_comment = forms.CharField(
        label=_("Overall comment on the output"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def profile(self) -> dict:
        """What the services take as ``profile``: the profile answers and the overall comment."""
        return {name: self.cleaned_data[name] for name in (*PROFILE_FIELDS, "overall_comment")}


class IssueFieldsMixin:
    """Adds a mark and a comment field per issue, and refuses fields for other issues."""

    def add_issue_fields(self, issues, mark_field_factory):
        self.issues = list(issues)
        for issue in self.issues:
            self.fields[mark_field_name(issue)] = mark_field_factory(issue)
            self.fields[comment_field_name(issue)] = forms.CharField(
                label=_("Comment on “%(issue)s” (optional)") % {"issue": issue.title},
                max_length=COMMENT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def check_no_foreign_issues(self):
        known = {str(issue.pk) for issue in self.issues}
        for key in self.data:
            match = ISSUE_FIELD.match(key)
            if match and match.group(2) not in known:
                raise ValidationError(
                    _("This sheet has no issue “%(issue)s”; nothing was saved."),
                    code="foreign_issue",
                    params={"issue": match.group(2)},
                )

    def issue_rows(self):
        """(issue, mark field, comment field) for the template, in the sheet's order."""
        return [
            (issue, self[mark_field_name(issue)], self[comment_field_name(issue)])
            for issue in self.issues
        ]

    def answers(self) -> dict[int, tuple[str, str]]:
        """{issue id: (mark, comment)} for the issues that got a mark."""
        result = {}
        for issue in self.issues:
            mark = self.cleaned_data.get(mark_field_name(issue)) or ""
            comment = self.cleaned_data.get(comment_field_name(issue)) or ""
            if mark:
                result[issue.pk] = (mark, comment)
        return result

    def refuse_blank(self, message) -> None:
        """A sheet with no mark and no comment at all is not a response: the message goes beside
        the first issue. Only when nothing else is wrong with the issues (a mark refused for its
        value was typed, so the sheet is not blank)."""
        names = [
            name
            for issue in self.issues
            for name in (mark_field_name(issue), comment_field_name(issue))
        ]
        if any(name in self.errors for name in names):
            return
        if any(self.cleaned_data.get(name) for name in (*names, "overall_comment")):
            return
        self.add_error(mark_field_name(self.issues[0]) if self.issues else None, message)

    def unmarked_comments(self) -> list[str]:
        return [
            mark_field_name(issue)
            for issue in self.issues
            if not self.cleaned_data.get(mark_field_name(issue))
            and self.cleaned_data.get(comment_field_name(issue))
        ]


def initial_from_response(response, *, mark_value=str, contact: bool = False) -> dict:
    """A form's initial values from a stored response: its profile, comment and ratings
    (``mark_value`` turns a stored mark into the form's value), and its contact details."""
    names = (*PROFILE_FIELDS, "overall_comment")
    if contact:
        names += ("contact_consent", *CONTACT_FIELDS)
    initial = {name: getattr(response, name) for name in names}
    for rating in response.ratings.all():
        initial[f"mark_{rating.issue_id}"] = mark_value(rating.mark)
        initial[f"comment_{rating.issue_id}"] = rating.comment
    return initial


class SheetForm(IssueFieldsMixin, ProfileFieldsMixin):
    """What a participant fills in online (its widgets' HTML remembered: ``form_widgets``)."""

    default_renderer = remembered_widgets

    def contact(self) -> dict:
        """What ``response_submit`` takes as ``contact``."""
        return {name: self.cleaned_data[name] for name in ("contact_consent", *CONTACT_FIELDS)}

    def contact_has_errors(self) -> bool:
        """The contact section opens by itself when it holds an error."""
        return any(self.errors.get(name) for name in ("contact_consent", *CONTACT_FIELDS))

    def rated_count(self) -> int:
        """How many issues have a mark, as the form stands (sent data, or what was stored)."""
        return sum(1 for _issue, mark, _comment in self.issue_rows() if mark.value())

    contact_consent = forms.BooleanField(
        label=_(
            "I agree that the organisers may keep my name, organisation and e-mail with this "
            "response, to contact me about it. They are never shown publicly."
        ),
        required=False,
    )
    contact_name = forms.CharField(
        label=_("Name"), max_length=200, required=False, validators=[validate_single_line]
    )
    contact_organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False, validators=[validate_single_line]
    )
    contact_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(self, *args, issues, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_issue_fields(issues, lambda issue: MarkField(label=issue.title))
        bootstrap_classes(self)

    def clean(self):
        cleaned = super().clean()
        self.check_no_foreign_issues()
        for name in self.unmarked_comments():
            self.add_error(name, _("Choose a mark for this issue, or leave its comment empty."))
        self.refuse_blank(_("Mark at least one issue or write a comment."))
        if not cleaned.get("contact_consent"):
            for name in CONTACT_FIELDS:
                if cleaned.get(name):
                    self.add_error(
                        name,
                        _("Tick the consent box to leave contact details, or leave this empty."),
                    )
        return cleaned


# What each digit means, echoed beside its box ("5 = Strong agreement").
PAPER_MEANINGS = {
    "5": _("Strong agreement"),
    "4": _("Agreement"),
    "3": _("Neutral"),
    "2": _("Disagreement"),
    "1": _("Strong disagreement"),
    "0": _("Confusion"),
}

PAPER_DIGITS = {
    "5": Mark.STRONG_AGREEMENT,
    "4": Mark.AGREEMENT,
    "3": Mark.NEUTRAL,
    "2": Mark.DISAGREEMENT,
    "1": Mark.STRONG_DISAGREEMENT,
    "0": Mark.CONFUSION,
}


def paper_meaning(digit: str) -> str:
    return _("%(digit)s = %(meaning)s") % {"digit": digit, "meaning": PAPER_MEANINGS[digit]}


class PaperMarkField(forms.CharField):
    """One keystroke per issue: 5..1 for the agreement marks, 0 for Confusion, empty to skip."""

    default_error_messages = {
        "invalid": _("Type 5, 4, 3, 2 or 1 for agreement, 0 for Confusion, or leave it empty."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            max_length=1,
            required=False,
            widget=forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "pattern": "[0-5]",
                    "autocomplete": "off",
                    "size": 2,
                    "class": "form-control paper-mark",
                }
            ),
            **kwargs,
        )
        # max_length's own message would hide ours; the digit check covers length too.
        self.validators = []

    def widget_attrs(self, widget):
        # No maxlength: a full box would swallow the next keystroke; the script keeps the last
        # digit typed and the server refuses anything but one digit.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        if value == "":
            return ""
        if value not in PAPER_DIGITS:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return PAPER_DIGITS[value]


class PaperEntryForm(IssueFieldsMixin, ProfileFieldsMixin):
    """Staff type in a paper sheet: the marks first, then the rest.

    Its times are the venue's: the view validates and shows it in the session's time zone.
    """

    filled_in_at = forms.DateTimeField(
        label=_("Filled in (venue time)"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_(
            "When the sheet was filled in. Sheets handed in at the session keep the end of the "
            "output presentations; change it for sheets filled in at another time."
        ),
    )

    # Staff type in somebody else's sheet: the labels say what the sheet says, not "your".
    PAPER_LABELS = {
        "stakeholder_group": _("Stakeholder group"),
        "region": _("UN regional group"),
        "attendance": _("Taking part"),
        "overall_comment": _("Overall comment"),
    }

    def __init__(self, *args, issues, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_issue_fields(issues, lambda issue: PaperMarkField(label=issue.title))
        for name, label in self.PAPER_LABELS.items():
            self.fields[name].label = label
        bootstrap_classes(self)
        for issue in self.issues:
            name = mark_field_name(issue)
            self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-meaning"

    def full_clean(self):
        super().full_clean()
        # Each box is described by its digit's meaning, and by its error when it has one.
        for issue in self.issues:
            name = mark_field_name(issue)
            attrs = self.fields[name].widget.attrs
            described = [f"{self[name].auto_id}-meaning"]
            if name in self.errors:
                described.append(f"{self[name].auto_id}-error")
            attrs["aria-describedby"] = " ".join(described)

    def paper_rows(self):
        """(issue, mark field, comment field, the typed digit's meaning or "") for the template."""
        rows = []
        for issue, mark, comment in self.issue_rows():
            digit = mark.value() or ""
            meaning = paper_meaning(digit) if digit in PAPER_MEANINGS else ""
            rows.append((issue, mark, comment, meaning))
        return rows

    def paper_meanings(self):
        """[(digit, "5 = Strong agreement"), …] for the script that echoes them as staff type."""
        return [(digit, paper_meaning(digit)) for digit in PAPER_MEANINGS]

    @staticmethod
    def paper_refused():
        """What the script says beside a box when a key other than 0 to 5 is typed."""
        return _("Only 5, 4, 3, 2, 1 or 0: “%(typed)s” was not taken.") % {"typed": "{typed}"}

    def clean_filled_in_at(self):
        moment = self.cleaned_data["filled_in_at"]
        if moment is not None and moment > timezone.now():
            raise ValidationError(
                _("This moment is still to come: type when the sheet was filled in."),
                code="future",
            )
        return moment

    def clean(self):
        cleaned = super().clean()
        self.check_no_foreign_issues()
        for name in self.unmarked_comments():
            self.add_error(name, _("Type a mark for this issue, or leave its comment empty."))
        self.refuse_blank(
            _("Type a mark for at least one issue, or a comment: a blank sheet is not stored.")
        )
        return cleaned

    @staticmethod
    def initial_from(response) -> dict:
        digits = {mark: digit for digit, mark in PAPER_DIGITS.items()}
        initial = initial_from_response(response, mark_value=digits.__getitem__)
        initial["filled_in_at"] = response.filled_in_at
        return initial
