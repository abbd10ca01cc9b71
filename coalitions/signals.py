from django.dispatch import Signal

# Sent (with output=..., previous_status=...) when an output's declared status changes, from the
# portal or the admin alike (coalitions.services.output_status_declare). The apps above
# coalitions listen: feedback makes a final output's rating sheet, the agenda rebuilds the slots
# it generated from the declarations. coalitions itself imports neither.
output_status_declared = Signal()

# Sent (with output=...) when an output's issues change: added, edited, moved, hidden, shown or
# removed (coalitions.services.issues). feedback listens: its cached results show the issues.
issues_changed = Signal()

# Sent (with output=...) when the organisers accept an output's declaration, and when they send
# it back (coalitions.services.declaration_accept, declaration_send_back). Only an accepted
# declaration counts: feedback makes a final output's rating sheet on acceptance, the agenda
# rebuilds its generated slots on both.
output_declaration_accepted = Signal()
output_declaration_sent_back = Signal()
