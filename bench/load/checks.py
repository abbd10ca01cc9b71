"""The lost-data check: what locust saw accepted against what the database holds."""

from __future__ import annotations

from dataclasses import dataclass

from seed import ISSUES_PER_SHEET, Stored


@dataclass
class Check:
    accepted: int
    stored_new: int
    ratings_new: int
    lost: int  # accepted, but not stored complete
    unacknowledged: int  # stored, but locust never saw it accepted

    def exact(self) -> bool:
        return (
            self.lost == 0
            and self.unacknowledged == 0
            and self.ratings_new == ISSUES_PER_SHEET * self.accepted
        )


def compare(accepted: list[tuple[str, str]], before: Stored, after: Stored) -> Check:
    new = {pair: marks for pair, marks in after.pairs.items() if pair not in before.pairs}
    complete = {pair for pair, marks in new.items() if marks == ISSUES_PER_SHEET}
    accepted_pairs = set(accepted)
    lost = len(accepted) - len(accepted_pairs & complete)
    return Check(
        accepted=len(accepted),
        stored_new=after.responses - before.responses,
        ratings_new=after.ratings - before.ratings,
        lost=lost,
        unacknowledged=len(set(new) - accepted_pairs),
    )


def report(check: Check, *, allow_unacknowledged: bool) -> bool:
    """Print the check; True when it holds (exactly, unless a fault may leave answers unsent)."""
    print(
        f"stored: {check.stored_new} responses, {check.ratings_new} marks; "
        f"accepted (2xx/302 seen by locust): {check.accepted}, "
        f"x {ISSUES_PER_SHEET} = {ISSUES_PER_SHEET * check.accepted} marks"
    )
    print(f"lost: {check.lost}")
    if check.unacknowledged:
        print(f"stored without an answer reaching the client: {check.unacknowledged}")
    if allow_unacknowledged:
        return check.lost == 0
    if not check.exact():
        print(
            "DIFFERENCE: responses "
            f"{check.stored_new - check.accepted:+d}, marks "
            f"{check.ratings_new - ISSUES_PER_SHEET * check.accepted:+d}"
        )
    return check.exact()
