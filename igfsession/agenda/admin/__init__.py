"""The agenda's admin: sessions with their parts, parts with their slots, the live state."""

from . import parts, sessions  # noqa: F401  (registers the model admins)
