"""The suggested reading: each at its edges, checked in the rule's order."""

import pytest

from feedback.readings import Reading, Thresholds, suggested_reading


def stats(**values) -> dict:
    base = {
        "irs_enough_marks": True,
        "confusion_pct": 0.0,
        "controversy": 0.0,
        "agreement_pct_low": 30.0,
        "disagreement_pct": 10.0,
        "broad_support": False,
    }
    return {**base, **values}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"irs_enough_marks": False, "confusion_pct": 90.0}, Reading.NOT_ENOUGH),
        ({"confusion_pct": 20.0, "controversy": 1.0}, Reading.UNCLEAR),
        ({"confusion_pct": 19.99}, Reading.MIXED),
        ({"controversy": 0.5, "agreement_pct_low": 80.0}, Reading.DIVIDED),
        ({"controversy": 0.4999}, Reading.MIXED),
        ({"agreement_pct_low": 50.0, "disagreement_pct": 50.0}, Reading.SUPPORTED),
        ({"agreement_pct_low": 49.99}, Reading.MIXED),
        ({"disagreement_pct": 50.0}, Reading.OPPOSED),
        ({"disagreement_pct": 49.99}, Reading.MIXED),
        (
            {"confusion_pct": None, "agreement_pct_low": None, "disagreement_pct": None},
            Reading.MIXED,
        ),
    ],
)
def test_suggested_reading_at_its_edges_in_order(values, expected):
    assert suggested_reading(stats(**values)).code == expected


def test_supported_names_broad_support_when_true():
    plain = suggested_reading(stats(agreement_pct_low=60.0))
    broad = suggested_reading(stats(agreement_pct_low=60.0, broad_support=True))

    assert (plain.broad_support, broad.broad_support) == (False, True)
    assert (plain.label, broad.label) == ("supported", "supported")


def test_thresholds_change_the_edges():
    strict = Thresholds(confusion_pct=10.0, controversy=0.3, agreement_pct_low=70.0)

    assert [
        suggested_reading(stats(confusion_pct=10.0), strict).code,
        suggested_reading(stats(controversy=0.3), strict).code,
        suggested_reading(stats(agreement_pct_low=69.0), strict).code,
    ] == [Reading.UNCLEAR, Reading.DIVIDED, Reading.MIXED]
