"""The integrity page's one form: withdraw a flagged group, once its box is ticked. The form
only validates; the withdrawal goes through ``feedback.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import ErrorsDescribedMixin, bootstrap_classes


class GroupWithdrawForm(ErrorsDescribedMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("I have reviewed these responses: withdraw them all"),
        error_messages={"required": _("Tick the box to confirm; nothing was withdrawn.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_classes(self)
