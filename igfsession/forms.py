"""Form rules shared by every app."""

from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db import models

ASSUMED_LINK_SCHEME = "https"


def with_link_scheme(db_field, kwargs: dict) -> dict:
    """The form field options for a model field: a link typed without a scheme
    ("igf.org/live") is taken as https. The one place where that rule lives."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", ASSUMED_LINK_SCHEME)
    return kwargs


def https_links(db_field, **kwargs):
    """A ModelForm's ``formfield_callback``: form fields with ``with_link_scheme``'s rule."""
    return db_field.formfield(**with_link_scheme(db_field, kwargs))


class HttpsLinksAdminMixin:
    """For a ModelAdmin, whose own ``formfield_callback`` replaces a form's: the same rule."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return super().formfield_for_dbfield(
            db_field, request, **with_link_scheme(db_field, kwargs)
        )


class UsernameLengthMixin:
    """For a log-in form: the user name's length is checked. Django's AuthenticationForm sets
    ``max_length`` after the field is built, so no validator enforces it: a 1,000-character
    name reached ``authenticate()`` and django-axes, whose record of the failed attempt holds
    255 characters (a 500 on PostgreSQL). Used by the site's log-in and the admin's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class LoginForm(UsernameLengthMixin, AuthenticationForm):
    """Django's log-in form, its user name's length checked."""
