"""Form rules shared by every app."""

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
