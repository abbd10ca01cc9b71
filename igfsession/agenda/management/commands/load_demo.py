"""manage.py load_demo [--today] [--seed N] [--current 2016]: load the IGF 2015 main session,
and a smaller 2016 one (sample data), as demo data."""

from django.conf import settings
from django.core.management.base import BaseCommand

from igfsession.agenda import demo


class Command(BaseCommand):
    help = (
        "Load the IGF 2015 main session on Dynamic Coalitions (João Pessoa) with its coalitions, "
        "outputs, issues, rating sheets and sample responses (before, during and after the "
        "session), built through the project's services from igfsession/agenda/demo/"
        "igf2015.toml. Running it again changes nothing; running it without --today after "
        "--today puts the 2015 dates back. Sample responses are identified by the seed: another "
        "--seed adds another set of them. A second, smaller session (IGF 2016, sample data: "
        "three coalitions that came back, their outputs started from their 2015 issues) is "
        "loaded too; 2015 stays the current session unless --current 2016 is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            action="store_true",
            help=(
                "Move the session to today (Day 3) and tomorrow (Day 4), keeping local times. "
                "Only the sample responses whose moment has already passed exist then: running "
                "it again later the same day adds those that have come due since (on another "
                "day it moves the session to that day)."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=demo.DEFAULT_SEED,
            help=f"Seed of the sample responses (default {demo.DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--current",
            type=int,
            choices=(2015, 2016),
            default=2015,
            help="Which of the demo's sessions is the current one (default 2015).",
        )

    def handle(self, *args, today: bool, seed: int, current: int, **options):
        debug = bool(settings.DEBUG)
        result = demo.load(seed=seed, today=today, debug=debug, current=current)
        session = result.session

        day3 = session.local(session.parts.order_by("starts_at").first().starts_at)
        self.stdout.write(
            self.style.SUCCESS(f"Loaded “{session.name}”")
            + f" — Day 3 starts {day3:%a %d %b %Y %H:%M} {session.time_zone}."
        )
        for name, count in result.counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(
            f"  new this run: {result.responses_created} responses (seed {seed}), "
            f"{result.files_written} files, {len(result.accounts_created)} accounts"
        )
        if result.session_2016 is not None:
            self.stdout.write(
                f"Loaded “{result.session_2016.name}”: "
                f"{result.responses_created_2016} new responses this run."
            )
        self.stdout.write(f"Current session: {current}.")
        self._accounts(result, debug)

    def _accounts(self, result: demo.Result, debug: bool) -> None:
        names = [demo.ORGANISER, demo.COORDINATOR, demo.TRIAL_COORDINATOR]
        if debug:
            self.stdout.write(
                f"Demo accounts (shown because DEBUG is on): {demo.ORGANISER} (organiser), "
                f"{demo.COORDINATOR} (coordinator of DC-PAL) and {demo.TRIAL_COORDINATOR} "
                f"(coordinator of the sample coalition, which can still declare), "
                f"password: {demo.DEMO_PASSWORD}"
            )
            if result.accounts_existing:
                self.stdout.write(
                    "  Already existed, password left as it was: "
                    + ", ".join(result.accounts_existing)
                )
            return
        if result.accounts_created:
            self.stdout.write(
                self.style.WARNING(
                    "Created the accounts "
                    + ", ".join(result.accounts_created)
                    + " without a usable password (DEBUG is off)."
                )
            )
        self.stdout.write(
            "Set their passwords with: "
            + "; ".join(f"manage.py changepassword {name}" for name in names)
        )
