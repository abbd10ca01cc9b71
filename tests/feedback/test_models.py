from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q

from feedback.models import Mark, Rating, RatingSheet, Response
from tests.factories import (
    make_issue,
    make_organiser,
    make_output,
    make_rating,
    make_response,
    make_sheet,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("mark", ["0", "6", "abc", "", "5.0"])
def test_rating_mark_off_the_scale_is_rejected_by_database(mark):
    response = make_response()
    issue = make_issue(output=response.sheet.output)

    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(response=response, issue=issue, mark=mark)

    assert Rating.objects.count() == 0


@pytest.mark.parametrize("mark", ["5", "4", "3", "2", "1", "confusion"])
def test_rating_every_mark_of_the_scale_is_stored(mark):
    rating = make_rating(mark=mark)

    assert Rating.objects.get(pk=rating.pk).mark == mark


def test_rating_one_per_issue_per_response():
    response = make_response()
    issue = make_issue(output=response.sheet.output)
    make_rating(response=response, issue=issue, mark="5")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_rating(response=response, issue=issue, mark="3")


def test_rating_score_is_the_number_and_confusion_has_none():
    response = make_response()
    output = response.sheet.output
    marks = {"5": 5, "4": 4, "3": 3, "2": 2, "1": 1, "confusion": None}
    for position, mark in enumerate(marks):
        make_rating(
            response=response, issue=make_issue(output=output, position=position), mark=mark
        )

    scores = dict(Rating.objects.values_list("mark", "score"))

    assert scores == marks


def test_rating_confusion_is_counted_but_never_averaged():
    sheet = make_sheet()
    issue = make_issue(output=sheet.output)
    for mark in ["5", "4", Mark.CONFUSION, Mark.CONFUSION]:
        make_rating(response=make_response(sheet=sheet), issue=issue, mark=mark)

    stats = Rating.objects.filter(issue=issue).aggregate(
        average=Avg("score"),
        confused=Count("pk", filter=Q(mark=Mark.CONFUSION)),
        total=Count("pk"),
    )

    assert stats == {"average": 4.5, "confused": 2, "total": 4}


def test_sheet_one_per_output():
    output = make_output()
    make_sheet(output=output)

    with pytest.raises(IntegrityError), transaction.atomic():
        RatingSheet.objects.create(output=output, code="second")


def test_sheet_code_must_be_unique():
    make_sheet(code="irpc")

    with pytest.raises(IntegrityError), transaction.atomic():
        RatingSheet.objects.create(output=make_output(), code="irpc")


def test_sheet_closing_before_opening_is_rejected_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RatingSheet.objects.create(
            output=make_output(),
            code="backwards",
            opens_at=datetime(2015, 11, 12, tzinfo=UTC),
            closes_at=datetime(2015, 11, 11, tzinfo=UTC),
        )


def test_sheet_open_now_follows_opening_and_closing_times():
    moment = datetime(2015, 11, 12, 20, 0, tzinfo=UTC)
    open_sheet = make_sheet(opens_at=datetime(2015, 11, 1, tzinfo=UTC), closes_at=None)
    make_sheet(opens_at=None)
    make_sheet(opens_at=datetime(2015, 11, 13, tzinfo=UTC))
    make_sheet(
        opens_at=datetime(2015, 11, 1, tzinfo=UTC),
        closes_at=datetime(2015, 11, 12, 20, 0, tzinfo=UTC),
    )

    assert list(RatingSheet.objects.open_at(moment)) == [open_sheet]
    assert open_sheet.is_open(moment) is True


def test_response_one_per_respondent_and_sheet():
    sheet = make_sheet()
    make_response(sheet=sheet, respondent_hash="a" * 64)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_response(sheet=sheet, respondent_hash="a" * 64)


def test_response_paper_without_typist_is_rejected_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_response(channel=Response.Channel.PAPER, respondent_hash=None, entered_by=None)


def test_response_paper_sheets_need_no_respondent_token():
    typist = make_organiser()
    sheet = make_sheet()

    make_response(sheet=sheet, channel="paper", respondent_hash=None, entered_by=typist)
    make_response(sheet=sheet, channel="paper", respondent_hash=None, entered_by=typist)

    assert Response.objects.filter(sheet=sheet, channel="paper").count() == 2


def test_response_online_without_respondent_token_is_rejected_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_response(channel=Response.Channel.ONLINE, respondent_hash=None)


@pytest.mark.parametrize(
    "field,value",
    [
        ("stakeholder_group", "alien"),
        ("region", "mars"),
        ("attendance", "dreaming"),
        ("channel", "fax"),
    ],
)
def test_response_profile_value_outside_the_lists_is_rejected_by_database(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_response(**{field: value})


def test_response_contact_details_without_consent_are_rejected_by_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_response(contact_consent=False, contact_email="someone@example.org")


def test_response_counted_leaves_out_withdrawn():
    sheet = make_sheet()
    kept = make_response(sheet=sheet)
    make_response(sheet=sheet, withdrawn_at=datetime(2015, 11, 13, tzinfo=UTC))

    assert list(Response.objects.counted()) == [kept]


@pytest.mark.parametrize("code", ["results", "Report", "projector"])
def test_sheet_code_reserved_for_site_pages_is_refused(code):
    from django.core.exceptions import ValidationError

    sheet = RatingSheet(output=make_output(), code=code)

    with pytest.raises(ValidationError) as excinfo:
        sheet.full_clean()

    assert excinfo.value.message_dict["code"] == [
        f"“{code}” is used by the site's own pages; choose another sheet code."
    ]
