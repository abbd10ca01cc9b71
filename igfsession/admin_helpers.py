"""The admin site (for organisers) and tools every app's admin shares: venue times beside UTC
ones and guided Add pages.

Django shows and takes every date and time in UTC (settings.TIME_ZONE). The lists and forms of
the admin also show the same moments in the session's own time zone, so that nobody has to convert
between UTC and the venue's clock in their head.
"""

from datetime import UTC, datetime
from functools import wraps

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import UsernameLengthMixin
from .models import Session
from .permissions import is_organiser

DAY_AND_TIME = "D j M Y H:i"  # Thu 12 Nov 2015 16:30
TIME_ONLY = "H:i"
RANGE = " \u2013 "  # an en dash between the start and the end

VENUE_NOTE = _(
    "Dates and times typed in this form are the venue's, in the session's time zone (named "
    "beside each one). The lists show each time at the venue too."
)


class VenueTimeFieldsMixin:
    """Each date-time field of the form (inlines' too) names the venue's zone it is typed in."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        session = getattr(request, "venue_session", None)
        if session is not None and isinstance(field, forms.SplitDateTimeField):
            zone = gettext("In the venue's time zone: %(zone)s.") % {"zone": session.time_zone}
            field.help_text = f"{field.help_text} {zone}".strip() if field.help_text else zone
        return field


class VenueTimeAdminMixin(VenueTimeFieldsMixin):
    """The change form takes and shows its dates and times in the session's own time zone.

    ``venue_session(request, obj)`` names the session: the object's, else the one the posted
    form points to, else the current one. Each date-time field says which zone it is in.
    """

    def venue_session(self, request, obj) -> Session | None:
        return Session.objects.current()

    @staticmethod
    def posted_pk(request, name: str) -> str | None:
        value = request.POST.get(name, "")
        return value if value.isdigit() else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        session = self.venue_session(request, obj)
        if session is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        request.venue_session = session
        with timezone.override(session.tz):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Rendered here, so that the fields show their values in the venue's zone too.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response


def _window(start: datetime, end: datetime | None) -> str:
    text = dateformat.format(start, DAY_AND_TIME)
    if end is not None:
        same_day = end.date() == start.date()
        text += RANGE + dateformat.format(end, TIME_ONLY if same_day else DAY_AND_TIME)
    return text


def venue_time(session: Session, start: datetime | None, end: datetime | None = None) -> str:
    """A moment, or a window from start to end, in the session's own zone.

    For example "Thu 12 Nov 2015 16:30 to 18:00 (America/Fortaleza)", with an en dash for "to".
    Empty when there is no start.
    """
    if start is None:
        return ""
    text = _window(session.local(start), session.local(end) if end is not None else None)
    return gettext("%(time)s (%(zone)s)") % {"time": text, "zone": session.time_zone}


def utc_time(start: datetime | None, end: datetime | None = None) -> str:
    """The same window in UTC, said explicitly: "Thu 12 Nov 2015 19:30 to 21:00 UTC"."""
    if start is None:
        return ""
    text = _window(
        timezone.localtime(start, UTC),
        timezone.localtime(end, UTC) if end is not None else None,
    )
    return gettext("%(time)s UTC") % {"time": text}


class GuidedAddMixin:
    """For rows that are made elsewhere: the admin's Add page says where, instead of a form.

    An organiser who clicks "Add" on, say, responses is sent on to the page that makes them
    (paper-sheet entry) rather than meeting a refusal or a form that bypasses its checks.
    """

    add_guidance = ""

    def add_guidance_links(self, request) -> list[tuple[str, str]]:
        """(label, URL) pairs of the pages where such rows are made."""
        return []

    def has_add_permission(self, request):
        return self.has_view_permission(request)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Add %(name)s") % {"name": opts.verbose_name},
            "opts": opts,
            "guidance": self.add_guidance,
            "links": self.add_guidance_links(request),
        }
        return TemplateResponse(request, "admin/guided_add.html", context)


class OrganisersAuthenticationForm(UsernameLengthMixin, AdminAuthenticationForm):
    """The admin's log-in, for organisers as ``is_organiser`` says (not Django's is_staff)."""

    def confirm_login_allowed(self, user):
        if not is_organiser(user):
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class TechnicalRecordsMixin:
    """A model admin of records kept for checking, not for running the session (e.g. the issue
    changes, the live states): the admin's index lists it apart, under "Technical records"."""

    technical_record = True


# Apps whose every model is a technical record (django-axes: the access attempts).
TECHNICAL_APPS = {"axes"}


class OrganisersAdminSite(admin.AdminSite):
    """Django's admin, open to organisers as every other page decides it (``is_organiser``).

    Its index is "Run the session" (templates/admin/index.html) above the models' lists, with the
    technical records grouped apart at the end.
    """

    login_form = OrganisersAuthenticationForm
    # The admin's search splits its query into words, each an OR over every search field: a long
    # query is thousands of clauses (20,000 words took over a minute on PostgreSQL). A search
    # reads at most this many characters.
    search_max_length = 200

    def has_permission(self, request):
        return is_organiser(request.user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def search_capped(request, *args, **kwargs):
            query = request.GET.get(SEARCH_VAR, "")
            if len(query) > self.search_max_length:
                request.GET = request.GET.copy()
                request.GET[SEARCH_VAR] = query[: self.search_max_length]
            return inner(request, *args, **kwargs)

        return search_capped

    def _is_technical(self, app_label: str, model) -> bool:
        model_admin = self._registry.get(model)
        return app_label in TECHNICAL_APPS or getattr(model_admin, "technical_record", False)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        if app_label is not None:
            return apps
        technical = []
        kept = []
        for app in apps:
            models = []
            for model in app["models"]:
                if self._is_technical(app["app_label"], model["model"]):
                    technical.append(model)
                else:
                    models.append(model)
            if models:
                kept.append({**app, "models": models})
        if technical:
            technical.sort(key=lambda model: str(model["name"]).lower())
            kept.append(
                {
                    "name": gettext("Technical records"),
                    "app_label": "technical",
                    "app_url": "",
                    "has_module_perms": True,
                    "models": technical,
                }
            )
        return kept


def isolated(text: str):
    """What a stranger wrote (a name, a comment), shown isolated (``<bdi>``): bidirectional
    control characters in it (U+202A to U+202E, U+2066 to U+2069) cannot reorder the page
    around it."""
    return format_html("<bdi>{}</bdi>", text)


def isolated_field(name: str, description):
    """A read-only admin column or field showing ``name`` isolated; on a ModelAdmin or inline:
    ``contact_name_text = isolated_field("contact_name", _("name"))``."""

    @admin.display(description=description, ordering=name)
    def show(model_admin, obj):
        return isolated(getattr(obj, name))

    return show


class IsolatedTextsMixin:
    """An admin whose list and read-only page show what strangers typed isolated: name the
    fields in ``isolated_texts``; ``<field>_isolated`` is the column to put in list_display."""

    isolated_texts: tuple[str, ...] = ()

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        for name in self.isolated_texts:
            label = model._meta.get_field(name).verbose_name
            show = admin.display(description=label, ordering=name)(
                lambda obj, name=name: isolated(getattr(obj, name))
            )
            setattr(self, f"{name}_isolated", show)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fields
        return [f"{f}_isolated" if f in self.isolated_texts else f for f in fields]
