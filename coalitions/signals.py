from django.dispatch import Signal

# Sent (with output=...) when an output is declared final. coalitions may not import feedback
# (dependencies point feedback -> coalitions), so feedback listens and makes the rating sheet.
output_became_final = Signal()
