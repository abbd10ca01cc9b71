"""Issue 14, ballot stuffing: the burst rule (feedback.integrity.find_bursts) at its edges."""

from datetime import UTC, datetime, timedelta

import pytest

from feedback.integrity import Suspect, find_bursts

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
ANSWERS = ((1, "5"), (2, "5"), (3, "4"), (4, "1"))


def _responses(
    count, *, span_seconds, start_pk=1, client="h" * 64, family="python", answers=ANSWERS
):
    step = span_seconds / (count - 1) if count > 1 else 0
    return [
        Suspect(
            pk=start_pk + n,
            created_at=T0 + timedelta(seconds=step * n),
            client_hash=client,
            agent_family=family,
            answers=answers,
        )
        for n in range(count)
    ]


def _bursts(responses, *, issue_count=4):
    return find_bursts(responses, size=20, seconds=60, issue_count=issue_count, min_issues=4)


def test_twenty_identical_within_sixty_seconds_are_a_burst():
    bursts = _bursts(_responses(20, span_seconds=60))
    assert [(burst.size, burst.pks[0], burst.pks[-1]) for burst in bursts] == [(20, 1, 20)]
    assert bursts[0].answers == ANSWERS
    assert bursts[0].agent_family == "python"


def test_nineteen_are_not():
    assert _bursts(_responses(19, span_seconds=10)) == []


def test_twenty_over_sixty_one_seconds_are_not():
    assert _bursts(_responses(20, span_seconds=61)) == []


@pytest.mark.parametrize(("issues", "found"), [(3, 0), (4, 1)])
def test_only_on_sheets_of_four_issues_or_more(issues, found):
    assert len(_bursts(_responses(25, span_seconds=5), issue_count=issues)) == found


def test_a_long_run_is_one_burst_and_the_slow_tail_is_left_out():
    fast = _responses(30, span_seconds=29)  # one a second
    slow = [  # then one every two minutes: no 20 of them within 60 s
        Suspect(100 + n, T0 + timedelta(minutes=2 * (n + 1)), "h" * 64, "python", ANSWERS)
        for n in range(25)
    ]
    bursts = _bursts(fast + slow)
    assert [(burst.size, burst.pks[0], burst.pks[-1]) for burst in bursts] == [(30, 1, 30)]


def test_other_answers_hash_or_family_split_the_run():
    mixed = (
        _responses(10, span_seconds=5)
        + _responses(10, span_seconds=5, start_pk=11, family="curl")
        + _responses(10, span_seconds=5, start_pk=21, client="g" * 64)
        + _responses(10, span_seconds=5, start_pk=31, answers=((1, "1"), (2, "1")))
    )
    assert _bursts(mixed) == []


def test_two_families_each_bursting_are_two_bursts():
    bursts = _bursts(
        _responses(20, span_seconds=5) + _responses(21, span_seconds=5, start_pk=50, family="curl")
    )
    assert sorted((burst.agent_family, burst.size) for burst in bursts) == [
        ("curl", 21),
        ("python", 20),
    ]


def test_responses_without_a_hash_or_without_marks_are_never_a_burst():
    assert _bursts(_responses(25, span_seconds=5, client="")) == []
    assert _bursts(_responses(25, span_seconds=5, answers=())) == []
