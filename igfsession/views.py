from django.db.models import Prefetch
from django.views.generic import TemplateView

from .models import Part, Session, Slot


class HomeView(TemplateView):
    """The current session: what it is and its parts with their slots."""

    template_name = "igfsession/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = (
            Session.objects.filter(is_current=True)
            .prefetch_related(
                Prefetch(
                    "parts",
                    queryset=Part.objects.prefetch_related(
                        Prefetch(
                            "slots",
                            queryset=Slot.objects.select_related("coalition", "output"),
                        )
                    ),
                )
            )
            .first()
        )
        context["session"] = session
        return context
