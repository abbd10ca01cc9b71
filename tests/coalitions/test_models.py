import pytest
from django.db import IntegrityError, transaction

from coalitions.models import CoalitionMembership, Output
from tests.factories import (
    make_coalition,
    make_issue,
    make_output,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_coalition_slug_must_be_unique():
    make_coalition(slug="irpc")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_coalition(slug="irpc")


def test_coalition_name_must_be_unique():
    make_coalition(name="Internet Rights and Principles Coalition")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_coalition(name="Internet Rights and Principles Coalition")


def test_membership_is_unique_per_user_and_coalition():
    coalition = make_coalition()
    user = make_user()
    CoalitionMembership.objects.create(user=user, coalition=coalition)

    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitionMembership.objects.create(user=user, coalition=coalition)


def test_output_slug_must_be_unique_within_a_coalition():
    coalition = make_coalition()
    make_output(coalition=coalition, slug="charter")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_output(coalition=coalition, slug="charter")


def test_output_slug_may_repeat_across_coalitions():
    make_output(slug="statement")
    make_output(slug="statement")

    assert Output.objects.filter(slug="statement").count() == 2


def test_output_one_per_coalition_and_session():
    coalition = make_coalition()
    session = make_session()
    make_output(coalition=coalition, session=session)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_output(coalition=coalition, session=session)


def test_output_unknown_status_is_rejected_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_output(status="published")


def test_issues_are_ordered_by_position():
    output = make_output()
    third = make_issue(output=output, position=3, title="Third")
    first = make_issue(output=output, position=1, title="First")
    second = make_issue(output=output, position=2, title="Second")

    assert list(output.issues.all()) == [first, second, third]


def test_issue_visible_leaves_out_hidden_ones():
    output = make_output()
    shown = make_issue(output=output, position=1)
    make_issue(output=output, position=2, is_hidden=True)

    assert list(output.issues.visible()) == [shown]
