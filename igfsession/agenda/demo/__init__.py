"""The IGF 2015 main session on Dynamic Coalitions as demo data: ``manage.py load_demo``.

The facts (dates, people, coalitions, output titles, IRPC's ten principles, DC-PAL's four points,
and every sample value) are in ``igf2015.toml``, read with ``tomllib`` (``facts.py``). Where the
public record is silent the demo's texts say "sample" rather than invent history. Nothing is read
from outside the project at run time.

The demo is built through the project's services, as organisers, coordinators and participants
would build it, each action at its own moment (``loader.py``, ``outputs.py``, ``responses.py``);
the sample responses come from a seeded generator (``samples.py``); each output's file is a small
generated PDF (``pdf.py``). A sample coalition, with more time to declare than the others, lets a
new user try every step of the portal (``trial.py``).
"""

from .facts import Facts, facts
from .loader import Result, load
from .pdf import make_pdf, output_pdf

FACTS: Facts = facts()
DEFAULT_SEED = FACTS.seed
DEMO_PASSWORD = FACTS.password
ORGANISER = FACTS.organiser
COORDINATOR = FACTS.coordinator
TRIAL_COORDINATOR = FACTS.trial.coordinator
COALITIONS = FACTS.coalitions

__all__ = [
    "COALITIONS",
    "COORDINATOR",
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "FACTS",
    "ORGANISER",
    "TRIAL_COORDINATOR",
    "Facts",
    "Result",
    "facts",
    "load",
    "make_pdf",
    "output_pdf",
]
