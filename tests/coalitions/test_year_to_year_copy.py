"""Year to year: a coalition that comes back may start its new output from the issues of its
output for an earlier session; the copies are ordinary, editable issues linked to the ones they
come from, written through the issue services."""

import re
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertRedirects

from coalitions import services
from coalitions.models import Issue, IssueChange, Output
from tests.factories import make_issue, make_organiser, make_output, make_session, make_sheet

pytestmark = pytest.mark.django_db

NEW = "/coalitions/dc-pal/manage/outputs/new/"


@pytest.fixture
def last_year(coalition):
    earlier = make_session(name="IGF 2014", year=2014, is_current=False)
    output = make_output(coalition=coalition, session=earlier, title="Principles", slug="p-2014")
    make_issue(output=output, position=2, title="Skills", summary="Train staff.", reference="§ 2")
    make_issue(output=output, position=1, title="Access", summary="Free access.", reference="§ 1")
    make_issue(output=output, position=3, title="Dropped", is_hidden=True)
    return output


@pytest.fixture
def session(db):
    return make_session(name="IGF 2015", year=2015, is_current=True)


def copied(output):
    return list(
        Issue.objects.filter(output=output)
        .order_by("position")
        .values_list("position", "title", "summary", "reference", "derived_from__title")
    )


def test_the_form_offers_the_coalitions_earlier_outputs_only(
    coordinator_client, session, last_year, other_coalition
):
    elsewhere = make_output(coalition=other_coalition, session=last_year.session, slug="x")
    make_issue(output=elsewhere, title="Not ours")
    empty = make_output(coalition=last_year.coalition, session=make_session(year=2013), slug="e")

    response = coordinator_client.get(NEW)

    field = response.context["form"].fields["start_from"]
    assert [(value, label) for value, label in field.choices] == [
        ("", "No, start with no issues"),
        (last_year.pk, "2014: Principles"),
    ]
    assert empty.pk not in [value for value, _label in field.choices]
    assert re.search(rb'<label[^>]* for="id_start_from"', response.content)


def test_no_choice_without_an_earlier_output(coordinator_client, session):
    response = coordinator_client.get(NEW)

    assert "start_from" not in response.context["form"].fields


def test_starting_from_last_years_issues_copies_them_in_order_linked(
    coordinator_client, session, last_year
):
    response = coordinator_client.post(
        NEW, {"title": "Principles 2015", "language": "en", "start_from": last_year.pk}
    )

    new = Output.objects.get(session=session)
    assertRedirects(response, f"/coalitions/dc-pal/manage/outputs/{new.slug}/")
    assert copied(new) == [
        (1, "Access", "Free access.", "§ 1", "Access"),
        (2, "Skills", "Train staff.", "§ 2", "Skills"),
    ]
    assert copied(last_year)[0][1:4] == ("Access", "Free access.", "§ 1")  # left as it was
    # Written like any issue before rating opens: nothing to record.
    assert IssueChange.objects.count() == 0


def test_without_a_choice_the_output_starts_empty(coordinator_client, session, last_year):
    coordinator_client.post(NEW, {"title": "Fresh", "language": "en", "start_from": ""})

    assert copied(Output.objects.get(session=session)) == []


@pytest.mark.parametrize("bad", ["not-a-number", "999999", "other-coalition", "this-year"])
def test_a_bad_choice_is_refused_beside_the_field_and_nothing_stored(
    coordinator_client, session, last_year, other_coalition, bad
):
    if bad == "other-coalition":
        theirs = make_output(coalition=other_coalition, session=last_year.session, slug="t")
        make_issue(output=theirs, title="Theirs")
        bad = theirs.pk
    elif bad == "this-year":
        other = make_output(coalition=other_coalition, session=session, slug="now")
        make_issue(output=other, title="Now")
        bad = other.pk

    response = coordinator_client.post(
        NEW, {"title": "Kept title", "language": "en", "start_from": bad}
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "start_from": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert form["title"].value() == "Kept title"
    assert Output.objects.filter(session=session, coalition=last_year.coalition).count() == 0
    assert Issue.objects.count() == 3 + (1 if bad not in ("not-a-number", "999999") else 0)


def test_copied_issues_are_editable_as_any(coordinator_client, session, last_year):
    coordinator_client.post(NEW, {"title": "P", "language": "en", "start_from": last_year.pk})
    new = Output.objects.get(session=session)
    access = new.issues.get(title="Access")

    response = coordinator_client.post(
        f"/coalitions/dc-pal/manage/outputs/{new.slug}/issues/{access.pk}/edit/",
        {"title": "Access for all", "summary": "Redrafted.", "reference": "§ 1"},
    )

    assert response.status_code == 302
    access.refresh_from_db()
    assert (access.title, access.summary, access.derived_from.title) == (
        "Access for all",
        "Redrafted.",
        "Access",
    )


def test_the_service_refuses_a_later_or_foreign_source(coalition, session, last_year):
    organiser = make_organiser()
    new = make_output(coalition=coalition, session=session, slug="new")

    with pytest.raises(ValidationError) as refused:
        services.issues_copy_from(output=last_year, source=new, user=organiser)
    assert refused.value.messages == [
        "Issues can only be copied from this coalition's output for an earlier session."
    ]
    assert copied(last_year)[0][4] is None


def test_the_service_records_changes_once_rating_started(coalition, session, last_year):
    organiser = make_organiser()
    new = make_output(coalition=coalition, session=session, slug="new")
    make_sheet(output=new, code="new", opens_at=datetime(2015, 1, 1, tzinfo=UTC))
    new.refresh_from_db()

    made = services.issues_copy_from(output=new, source=last_year, user=organiser)

    assert [issue.derived_from_id for issue in made] == list(
        last_year.issues.visible().order_by("position").values_list("pk", flat=True)
    )
    assert list(
        IssueChange.objects.filter(output=new).order_by("pk").values_list("action", "issue_title")
    ) == [("added", "Access"), ("added", "Skills")]


def test_the_portal_output_page_links_each_copy_to_its_earlier_issue(
    coordinator_client, session, last_year
):
    coordinator_client.post(NEW, {"title": "P", "language": "en", "start_from": last_year.pk})
    new = Output.objects.get(session=session)
    access, skills = last_year.issues.visible().order_by("position")
    url = f"/coalitions/dc-pal/manage/outputs/{new.slug}/"
    coordinator_client.get(url)
    with CaptureQueriesContext(connection) as two:
        response = coordinator_client.get(url)
    services.issues_copy_from(output=new, source=last_year, user=make_organiser())
    with CaptureQueriesContext(connection) as four:
        coordinator_client.get(url)

    links = re.findall(rb'issue-derived-from">From <a href="([^"]+)">', response.content)
    assert links == [
        f"/coalitions/dc-pal/outputs/p-2014/#issue-{access.pk}".encode(),
        f"/coalitions/dc-pal/outputs/p-2014/#issue-{skills.pk}".encode(),
    ]
    assert len(two) == len(four)  # the earlier issues come with the page's issues
