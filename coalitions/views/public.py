"""Public pages: the directory, a coalition, an output, file downloads and the join form."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, FormView, ListView

from coalitions import selectors
from coalitions.forms import JoinRequestForm
from coalitions.models import Coalition
from coalitions.permissions import can_view_output
from igfsession.client_address import client_address
from igfsession.ratelimit import Limit, Verdict, hit, wait_text


class DirectoryView(ListView):
    """Every coalition, active first, filtered by ?q= on name or acronym."""

    template_name = "coalitions/directory.html"
    context_object_name = "coalitions"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "").strip()[:100]
        self.session = selectors.current_session()
        return selectors.directory_coalitions(query=self.query, session=self.session)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["session"] = self.session
        user = self.request.user
        context["my_coalitions"] = (
            Coalition.objects.coordinated_by(user).order_by("name") if user.is_authenticated else []
        )
        return context


class CoalitionDetailView(DetailView):
    template_name = "coalitions/coalition_detail.html"
    context_object_name = "coalition"

    def get_object(self, queryset=None):
        return selectors.coalition_for_page(slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["coordinator_names"] = selectors.coordinator_public_names(self.object)
        context["join_form"] = JoinRequestForm(coalition=self.object)
        return context


def allow_join_request(request) -> Verdict:
    """Join requests send e-mail: a ceiling per client address keeps the form from being a relay."""
    limit = Limit("join-address", settings.JOIN_RATE_PER_ADDRESS, 3600)
    return hit(limit, client_address(request) or "")


class JoinView(FormView):
    """The join form: on the coalition's page, and on its own page when something is wrong."""

    template_name = "coalitions/join.html"
    form_class = JoinRequestForm

    def dispatch(self, request, *args, **kwargs):
        self.coalition = get_object_or_404(Coalition, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "coalition": self.coalition}

    def get_context_data(self, **kwargs):
        return super().get_context_data(coalition=self.coalition, **kwargs)

    def form_valid(self, form):
        verdict = allow_join_request(self.request)
        if not verdict:
            form.add_error(
                None,
                _(
                    "Too many join requests from your network in the last hour; nothing was "
                    "sent. Please try again in %(wait)s, or write to the coalition's mailing "
                    "list."
                )
                % {"wait": wait_text(verdict.retry_after)},
            )
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(verdict.retry_after)
            return response
        try:
            form.save()
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Thank you: your request to join was sent to the coalition's coordinators."),
        )
        return redirect(f"{self.coalition.get_absolute_url()}#join")


class OutputDetailView(DetailView):
    template_name = "coalitions/output_detail.html"
    context_object_name = "output"

    def get_object(self, queryset=None):
        output = selectors.output_for_page(
            slug=self.kwargs["slug"], output_slug=self.kwargs["output_slug"]
        )
        if not can_view_output(self.request.user, output):
            raise Http404("No output here.")  # a draft: as if it did not exist
        return output

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(self.object.versions.all())
        context["current_version"] = versions[0] if versions else None
        context["earlier_versions"] = versions[1:]
        return context


@require_safe
def download(request, slug, output_slug, number=None):
    """An output's file through a view: never straight from the media folder."""
    version = selectors.version_for_download(slug=slug, output_slug=output_slug, number=number)
    if not can_view_output(request.user, version.output):
        raise Http404("No file here.")
    document_type = version.document_type
    try:
        handle = version.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file of this version is missing.") from error
    response = FileResponse(
        handle,
        content_type=version.content_type,
        as_attachment=not (document_type and document_type.inline),
        filename=version.download_name(),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
