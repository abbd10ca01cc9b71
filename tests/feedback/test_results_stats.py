"""The statistics on hand-made counts: the method's test vectors and every edge."""

import pytest

from feedback.results.stats import (
    MarkCounts,
    balance,
    consensus,
    controversy,
    irs_enough_marks,
    irs_score,
    issue_statistics,
    mean,
    median,
    wilson_pct,
)


def counts(**marks) -> MarkCounts:
    return MarkCounts(**marks)


def rounded(value, places=4):
    return None if value is None else round(value, places)


# --- Consensus: Tastle & Wierman's test vectors --------------------------------------------


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (counts(strong_agreement=7), 1.0),
        (counts(strong_disagreement=5, strong_agreement=5), 0.0),
        (
            counts(
                strong_disagreement=1,
                disagreement=1,
                neutral=1,
                agreement=1,
                strong_agreement=1,
            ),
            0.4340,
        ),
        (counts(agreement=3, strong_agreement=1), 0.8553),
    ],
    ids=["all 5s", "five 1s and five 5s", "one of each", "three 4s and one 5"],
)
def test_consensus_test_vectors(marks, expected):
    assert rounded(consensus(marks)) == expected


def test_consensus_ignores_confusion_and_is_empty_without_agreement_marks():
    assert rounded(consensus(counts(agreement=3, strong_agreement=1, confusion=9))) == 0.8553
    assert consensus(counts(confusion=4)) is None


# --- The Wilson interval --------------------------------------------------------------------


def test_wilson_eight_of_ten():
    low, high = wilson_pct(8, 10)

    assert (round(low, 1), round(high, 1)) == (49.0, 94.3)


@pytest.mark.parametrize(
    ("successes", "trials", "expected"),
    [
        (0, 10, (0.0, 27.8)),
        (10, 10, (72.2, 100.0)),
        (1, 1, (20.7, 100.0)),
        (0, 0, (None, None)),
    ],
)
def test_wilson_edges_clamped_to_0_100_and_empty_without_trials(successes, trials, expected):
    low, high = wilson_pct(successes, trials)

    assert (rounded(low, 1), rounded(high, 1)) == expected


# --- Mean, median, controversy, IRS -------------------------------------------------------


def test_mean_and_median_over_agreement_marks_only():
    marks = counts(strong_agreement=2, agreement=1, strong_disagreement=1, confusion=5)

    # 5, 5, 4, 1: mean 15/4; an even count: the mean of the two middle marks, 4 and 5.
    assert (mean(marks), median(marks)) == (3.75, 4.5)


def test_median_odd_count_is_the_middle_mark():
    assert median(counts(strong_disagreement=2, neutral=1, agreement=2)) == 3.0


def test_mean_median_empty_when_only_confusion():
    assert (mean(counts(confusion=3)), median(counts(confusion=3))) == (None, None)


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (counts(strong_agreement=4, agreement=2, neutral=4), 0.0),
        (counts(agreement=5, disagreement=5), 1.0),
        (counts(strong_agreement=3, strong_disagreement=1), 0.5),
        (counts(agreement=2, neutral=1, strong_disagreement=1), 0.5),
        (counts(confusion=2), None),
    ],
)
def test_controversy(marks, expected):
    assert controversy(marks) == expected


def test_irs_score_from_minus_ten_to_ten():
    assert irs_score(counts(strong_agreement=3)) == 10.0
    assert irs_score(counts(strong_disagreement=3)) == -10.0
    # (10·2 + 5·1 - 5·1 - 10·0) / (2 + 1 + 1 + 1 neutral) = 20 / 5
    assert irs_score(counts(strong_agreement=2, agreement=1, disagreement=1, neutral=1)) == 4.0
    assert irs_score(counts(confusion=1)) is None


@pytest.mark.parametrize(
    ("marks", "respondents", "expected"),
    [
        (12, 100, True),  # 12 marks are always enough
        (11, 100, False),
        (11, 18, False),  # 18 respondents is not a small sheet
        (12, 17, True),
        (10, 15, True),  # a small sheet: two thirds of 15
        (9, 15, False),
        (2, 3, True),
        (1, 3, False),
        (0, 0, False),
    ],
)
def test_irs_enough_marks_rule(marks, respondents, expected):
    assert irs_enough_marks(marks, respondents) is expected


# --- Balance and broad support -----------------------------------------------------------


def test_balanced_agreement_is_the_mean_of_groups_with_five_marks():
    groups = {
        "government": counts(strong_agreement=5),  # 100 %
        "civil_society": counts(agreement=2, disagreement=3),  # 40 %
        "academia": counts(strong_agreement=4, confusion=20),  # 4 agreement marks: left out
    }

    balanced, used, broad = balance(groups)

    assert (balanced, used, broad) == (70.0, 2, False)


def test_balanced_agreement_empty_with_one_group():
    assert balance({"media": counts(agreement=9), "other": counts(agreement=1)}) == (
        None,
        1,
        False,
    )


def test_broad_support_needs_three_groups_each_above_fifty_at_the_lower_bound():
    strong = counts(strong_agreement=9, agreement=1)  # 10 of 10: lower bound 72.2
    eight_of_ten = counts(agreement=8, disagreement=2)  # lower bound 49.0
    nine_of_ten = counts(agreement=9, disagreement=1)  # lower bound 59.6

    assert balance({"a": strong, "b": strong})[2] is False  # two groups only
    assert balance({"a": strong, "b": strong, "c": nine_of_ten})[2] is True
    assert balance({"a": strong, "b": strong, "c": eight_of_ten})[2] is False


# --- All together ----------------------------------------------------------------------------


def test_issue_statistics_every_figure():
    marks = counts(strong_agreement=3, agreement=5, neutral=1, disagreement=1, confusion=2)
    groups = {
        "government": counts(strong_agreement=2, agreement=3),
        "civil_society": counts(strong_agreement=1, agreement=2, neutral=1, disagreement=1),
    }

    stats = issue_statistics(marks, respondents=15, groups=groups)

    assert {name: rounded(value) for name, value in stats.items()} == {
        "marks": 12,
        "strong_agreement": 3,
        "agreement": 5,
        "neutral": 1,
        "disagreement": 1,
        "strong_disagreement": 0,
        "confusion": 2,
        "skipped": 3,
        "mean": 4.0,
        "median": 4.0,
        "agreement_pct": 80.0,
        "agreement_pct_low": 49.0157,
        "agreement_pct_high": 94.3319,
        "disagreement_pct": 10.0,
        "confusion_pct": 16.6667,
        "confusion_pct_low": 4.6964,
        "confusion_pct_high": 44.8036,
        "consensus": 0.734,
        "controversy": 0.2,
        "irs_score": 5.0,
        "irs_enough_marks": True,
        "balanced_agreement_pct": 80.0,
        "groups_for_balance": 2,
        "broad_support": False,
    }


def test_issue_statistics_undefined_values_are_empty_never_zero():
    stats = issue_statistics(MarkCounts(), respondents=4)

    empty = [name for name, value in stats.items() if value is None]
    assert empty == [
        "mean",
        "median",
        "agreement_pct",
        "agreement_pct_low",
        "agreement_pct_high",
        "disagreement_pct",
        "confusion_pct",
        "confusion_pct_low",
        "confusion_pct_high",
        "consensus",
        "controversy",
        "irs_score",
        "balanced_agreement_pct",
    ]
    assert (stats["marks"], stats["skipped"], stats["irs_enough_marks"]) == (0, 4, False)


def test_issue_statistics_only_confusion_has_confusion_figures():
    stats = issue_statistics(counts(confusion=4), respondents=4)

    assert (stats["confusion_pct"], stats["mean"], stats["agreement_pct"]) == (100.0, None, None)
