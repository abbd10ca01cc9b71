"""Who may do what with the session. Plain predicates, used by views and templates."""


def can_run_live_agenda(user) -> bool:
    """Organisers (staff) start slots, move on, end the session or hand back to the clock."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)
