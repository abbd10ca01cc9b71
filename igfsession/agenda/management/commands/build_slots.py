"""manage.py build_slots [SESSION] [--opening-minutes N] [--closing-minutes N]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from igfsession.agenda import services
from igfsession.models import Session


class Command(BaseCommand):
    help = (
        "Build the agenda's slots from the coalitions' declarations: a presentation slot per "
        "final output in the output presentations part, an introduction slot per work in "
        "progress in the coalition introductions part, after an opening and before a closing "
        "slot, the time split evenly in whole minutes (the first slots take the leftover "
        "minutes). Running it again updates those slots; slots made by hand are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "session", nargs="?", help="The session's short name (slug); default: the current one."
        )
        parser.add_argument(
            "--opening-minutes",
            type=int,
            default=services.DEFAULT_OPENING_MINUTES,
            help=f"Length of each part's opening slot; 0 for none "
            f"(default {services.DEFAULT_OPENING_MINUTES}).",
        )
        parser.add_argument(
            "--closing-minutes",
            type=int,
            default=services.DEFAULT_CLOSING_MINUTES,
            help=f"Length of each part's closing slot; 0 for none "
            f"(default {services.DEFAULT_CLOSING_MINUTES}).",
        )

    def handle(self, *args, session=None, opening_minutes, closing_minutes, **options):
        if session:
            found = Session.objects.filter(slug=session).first()
            if found is None:
                raise CommandError(f"No session has the short name “{session}”.")
        else:
            found = Session.objects.current()
            if found is None:
                raise CommandError("No session is current: name one (its short name).")
        try:
            built = services.slots_build_from_declarations(
                session=found, opening_minutes=opening_minutes, closing_minutes=closing_minutes
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"{found}: {built.total} generated slots "
            f"({built.created} new, {built.updated} updated, {built.unchanged} unchanged, "
            f"{built.deleted} removed)."
        )
