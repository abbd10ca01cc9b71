"""The organisers' admin for coalitions, outputs, issues and join requests."""

from . import coalitions, issues, joining, outputs  # noqa: F401  (registers the model admins)
