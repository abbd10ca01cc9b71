"""The organisers' admin for rating sheets, responses and ratings."""

from . import moderation, responses, sheets  # noqa: F401  (registers the model admins)
