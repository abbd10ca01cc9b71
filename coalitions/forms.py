"""Forms of the directory and the portal: they validate, then call a service to write."""

import copy

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from igfsession.client_address import client_address
from igfsession.forms import https_links
from igfsession.ratelimit import Limit, hit
from igfsession.validators import validate_single_line

from . import selectors, services
from .models import Coalition, Issue, JoinRequest, Output
from .validators import validate_output_file, validate_year_formed


def _helper() -> FormHelper:
    """Templates write the <form> tag, the CSRF token and the buttons; crispy the fields."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class CoalitionProfileForm(forms.ModelForm):
    class Meta:
        model = Coalition
        fields = services.COALITION_PROFILE_FIELDS
        formfield_callback = https_links
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, coalition: Coalition, user, **kwargs):
        # The form works on a copy: what was typed never leaks into the page around it.
        super().__init__(*args, instance=copy.copy(coalition), **kwargs)
        self.coalition = coalition
        self.user = user
        self.fields["year_formed"].validators.append(validate_year_formed)
        self.helper = _helper()

    def save(self, commit=True):
        return services.coalition_update(
            coalition=self.coalition, user=self.user, **self.cleaned_data
        )


class EarlierOutputChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(year)s: %(title)s") % {"year": obj.session.year, "title": obj.title}


class OutputForm(forms.ModelForm):
    class Meta:
        model = Output
        fields = services.OUTPUT_DETAIL_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(
        self,
        *args,
        user,
        coalition: Coalition,
        output: Output | None = None,
        session=None,
        **kwargs,
    ):
        instance = copy.copy(output) if output else Output(coalition=coalition)
        super().__init__(*args, instance=instance, **kwargs)
        self.user = user
        self.coalition = coalition
        self.output = output
        self.helper = _helper()
        # One of the site's languages, each named in itself (as the language switcher does).
        self.fields["language"] = forms.ChoiceField(
            choices=settings.LANGUAGES,
            label=_("Language of the document"),
            help_text=_("The language the document is written in."),
        )
        if output is None and session is not None:
            earlier = selectors.earlier_outputs(coalition=coalition, session=session)
            if earlier.exists():
                # Coalitions come back every year: last year's issues, copied and editable.
                self.fields["start_from"] = EarlierOutputChoiceField(
                    queryset=earlier,
                    required=False,
                    label=_("Start from an earlier year's issues"),
                    empty_label=_("No, start with no issues"),
                    help_text=_(
                        "The issues are copied in their order, each linked to the one it comes "
                        "from; edit, move, hide or remove any of them afterwards."
                    ),
                )

    def save(self, commit=True, *, session=None):
        fields = {name: self.cleaned_data[name] for name in services.OUTPUT_DETAIL_FIELDS}
        if self.output is None:
            return services.output_create(
                coalition=self.coalition,
                session=session,
                user=self.user,
                start_from=self.cleaned_data.get("start_from"),
                **fields,
            )
        return services.output_update(output=self.output, user=self.user, **fields)


class OutputStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Declared status"),
        choices=Output.Status.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Final outputs are presented on Day 3 and rated by participants; coalitions with "
            "work in progress introduce themselves on Day 4. The organisers then accept the "
            "declaration, or send it back with a note."
        ),
    )

    def __init__(self, *args, output: Output, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("status", output.status)
        self.output = output
        self.user = user
        self.helper = _helper()

    def save(self):
        return services.output_status_declare(
            output=self.output, user=self.user, status=self.cleaned_data["status"]
        )


class OutputVersionForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        max_length=255,
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.docx,.odt,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.oasis.opendocument.text"
            }
        ),
    )

    def __init__(self, *args, output: Output, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.output = output
        self.user = user
        self.fields["file"].help_text = _(
            "PDF, DOCX or ODT, at most %(limit)s. Each upload becomes a new version; earlier "
            "versions are kept."
        ) % {"limit": filesizeformat(settings.OUTPUT_UPLOAD_MAX_BYTES)}
        self.helper = _helper()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_output_file(upload)
        return upload

    def save(self):
        return services.output_version_upload(
            output=self.output, user=self.user, file=self.cleaned_data["file"]
        )


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = services.ISSUE_FIELDS
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, output: Output, issue: Issue | None = None, **kwargs):
        instance = copy.copy(issue) if issue else Issue(output=output)
        super().__init__(*args, instance=instance, **kwargs)
        self.user = user
        self.output = output
        self.issue = issue
        self.helper = _helper()

    def save(self, commit=True):
        if self.issue is None:
            return services.issue_create(output=self.output, user=self.user, **self.cleaned_data)
        return services.issue_update(issue=self.issue, user=self.user, **self.cleaned_data)


class JoinRequestForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, e-mail address, groups and message are sent to this "
            "coalition's coordinators so that they can contact me."
        ),
        error_messages={"required": services.CONSENT_REQUIRED_MESSAGE},
    )

    class Meta:
        model = JoinRequest
        fields = ("name", "email", "stakeholder_group", "region", "message", "consent")
        labels = {"name": _("Your name"), "email": _("Your e-mail address")}
        help_texts = {"message": _("Optional: what you would like to work on, for example.")}
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, coalition: Coalition, **kwargs):
        super().__init__(*args, instance=JoinRequest(coalition=coalition), **kwargs)
        self.fields["name"].validators.append(validate_single_line)
        self.coalition = coalition
        self.helper = _helper()

    def save(self, commit=True):
        return services.join_request_submit(coalition=self.coalition, **self.cleaned_data)


class LimitedPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most PASSWORD_RESET_RATE_PER_ADDRESS mails to one address
    and PASSWORD_RESET_RATE_PER_CLIENT from one client an hour. Whatever happens the visitor
    sees the same "check your mail" page, so it tells nobody which addresses have accounts."""

    def save(self, *, request=None, **kwargs):
        email = self.cleaned_data["email"].strip().casefold()
        to_address = hit(
            Limit("password-reset-address", settings.PASSWORD_RESET_RATE_PER_ADDRESS, 3600), email
        )
        from_client = hit(
            Limit("password-reset-client", settings.PASSWORD_RESET_RATE_PER_CLIENT, 3600),
            (client_address(request) if request is not None else None) or "",
        )
        if to_address and from_client:
            super().save(request=request, **kwargs)
