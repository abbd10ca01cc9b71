"""Feedback's pages inside a coalition's portal (the root URLconf mounts them under
/coalitions/<slug>/): the rating sheet's preview."""

from django.views.generic import TemplateView

from coalitions.views.portal import PortalMixin

from ..models import Mark


class SheetPreviewView(PortalMixin, TemplateView):
    """The rating sheet as participants will see it: read-only, nothing can be sent."""

    template_name = "feedback/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["issues"] = [issue for issue in self.output.issues.all() if not issue.is_hidden]
        context["marks"] = Mark.choices
        return context
