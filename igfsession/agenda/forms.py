from django import forms
from django.utils.translation import gettext_lazy as _

from igfsession.models import Session

from .models import Slot


class StartSlotForm(forms.Form):
    """Which slot organisers start on the live agenda: any slot of the session."""

    slot = forms.ModelChoiceField(
        queryset=Slot.objects.none(),
        label=_("Slot"),
        error_messages={"invalid_choice": _("Choose a slot of this session.")},
    )

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = Slot.objects.for_session(session).select_related("part")
