"""Rating-sheet submission limits.

A whole venue often sits behind one public address, so the per-address ceiling is generous
and configurable; the tight limit is per respondent token.
"""

from django.conf import settings

from igfsession.client_address import client_address
from igfsession.ratelimit import Limit, Verdict, hit


def per_respondent() -> Limit:
    return Limit(
        "feedback-respondent",
        settings.FEEDBACK_RATE_PER_RESPONDENT,
        settings.FEEDBACK_RATE_WINDOW_SECONDS,
    )


def per_address() -> Limit:
    return Limit(
        "feedback-address",
        settings.FEEDBACK_RATE_PER_ADDRESS,
        settings.FEEDBACK_RATE_WINDOW_SECONDS,
    )


def allow_submission(request, respondent_token: str) -> Verdict:
    """Allowed if this submission is within both limits (and counts it); if not, how long to
    wait."""
    within_respondent = hit(per_respondent(), respondent_token)
    within_address = hit(per_address(), client_address(request) or "")
    return _both(within_respondent, within_address)


def allow_question(request, respondent_token: str) -> Verdict:
    """The same limits for a debate question (counted apart: rating sheets do not use up a
    participant's questions, nor questions their sheets)."""
    within_respondent = hit(_question(per_respondent()), respondent_token)
    within_address = hit(_question(per_address()), client_address(request) or "")
    return _both(within_respondent, within_address)


def _both(first: Verdict, second: Verdict) -> Verdict:
    refused = [verdict.retry_after for verdict in (first, second) if not verdict]
    return Verdict(not refused, retry_after=max(refused, default=0))


def _question(limit: Limit) -> Limit:
    return Limit(f"debate-question-{limit.scope}", limit.count, limit.window_seconds)
