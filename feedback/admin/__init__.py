"""The organisers' admin for rating sheets, responses and ratings."""

from . import guidance, moderation, responses, sheets  # noqa: F401  (registers the admins)
