"""The sample coalition to try the portal with: its coordinator, a draft output, and the later
declaration deadline the organisers granted it (so that, with ``--today``, every step of the
portal can be tried while the other coalitions' deadline has passed).

Made as the rest of the demo: the coalition and the membership as checked rows (the admin), the
output through the portal's service, the extension as organisers set it in the output's admin
page. A coordinator who tried the portal keeps what they did: a later run changes only the
demo's own values (the texts, the extension).
"""

from __future__ import annotations

from coalitions.models import Coalition, CoalitionMembership, Output
from coalitions.services import coalition_update, output_create, output_update
from igfsession.models import Session

from .facts import Clock, Facts
from .rows import create, save_changed


def load_trial(facts: Facts, *, session: Session, organiser, coordinator, clock: Clock) -> Output:
    """The sample coalition's output for the session, a draft until its coordinator declares."""
    data = facts.trial
    profile = {
        "name": data.name,
        "acronym": data.acronym,
        "summary": data.summary,
        "description": data.description,
    }
    coalition = Coalition.objects.filter(slug=data.slug).first()
    if coalition is None:
        coalition = create(Coalition, slug=data.slug, is_active=True, **profile)
    else:
        changed = {k: v for k, v in profile.items() if getattr(coalition, k) != v}
        if changed:
            coalition_update(coalition=coalition, user=organiser, **changed)
    if not CoalitionMembership.objects.filter(user=coordinator, coalition=coalition).exists():
        create(
            CoalitionMembership,
            user=coordinator,
            coalition=coalition,
            role=CoalitionMembership.Role.COORDINATOR,
        )
    details = {
        "title": data.output_title,
        "summary": data.output_summary,
        "language": facts.outputs.language,
    }
    output = Output.objects.filter(coalition=coalition, session=session).first()
    if output is None:
        output = output_create(coalition=coalition, session=session, user=coordinator, **details)
    else:
        changed = {k: v for k, v in details.items() if getattr(output, k) != v}
        if changed:
            output_update(output=output, user=coordinator, **changed)
    # The organisers' extension, typed in the output's admin page (a checked row).
    save_changed(output, {"declaration_deadline_extended_to": clock(data.declaration_extended_to)})
    return output
