"""The demo's second, smaller session (IGF 2016, sample data): coalitions that came back, their
outputs started from their 2015 issues, a closed sheet each with public results, published
answers, the 2015 debate; 2015 stays current unless ``load_demo --current 2016``."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from coalitions.models import Issue, Output
from feedback.models import DebateItem, IssueAnswer, RatingSheet, Response
from feedback.results import session_results
from igfsession.models import Session
from tests.feedback.results_helpers import page, text
from tests.igfsession.demo_helpers import snapshot


@pytest.fixture(autouse=True)
def demo_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DEBUG = True


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(db):
    load()
    return Session.objects.get(slug="igf2016")


def test_2016_is_loaded_marked_as_sample_and_2015_stays_current(loaded):
    assert (loaded.year, loaded.is_current) == (2016, False)
    assert "(sample data)" in loaded.name
    assert loaded.description.startswith("Sample data, not a record")
    assert Session.objects.current().slug == "igf2015"


def test_three_coalitions_came_back_with_outputs_started_from_2015(loaded):
    outputs = Output.objects.filter(session=loaded).order_by("coalition__slug")
    assert [(o.coalition.slug, o.status) for o in outputs] == [
        ("dc-pal", "final"),
        ("dcnn", "final"),
        ("irpc", "final"),
    ]
    for output in outputs:
        earlier = Output.objects.get(session__slug="igf2015", coalition=output.coalition)
        copies = list(output.issues.exclude(derived_from=None).order_by("position"))
        originals = list(earlier.issues.visible().order_by("position"))
        # Each visible 2015 issue copied once, in order, linked to the one it comes from.
        assert [issue.derived_from_id for issue in copies] == [issue.pk for issue in originals]
        assert all(issue.derived_from.output_id == earlier.pk for issue in copies)


def test_some_issues_are_redrafted_and_some_added(loaded):
    irpc = Output.objects.get(session=loaded, coalition__slug="irpc")
    first = irpc.issues.get(position=1)
    assert first.title == "Universality and equality of human rights online (redrafted sample)"
    assert first.derived_from.title == "Universality and equality"
    kept = irpc.issues.get(position=3)
    assert kept.title == kept.derived_from.title == "Accessibility"
    dcnn = Output.objects.get(session=loaded, coalition__slug="dcnn")
    added = dcnn.issues.order_by("position").last()
    assert (added.title, added.derived_from) == (
        "Zero-rating offers and network neutrality (sample)",
        None,
    )


def test_about_sixty_online_responses_on_closed_sheets(loaded):
    sheets = RatingSheet.objects.filter(output__session=loaded)
    assert sheets.count() == 3
    assert all(sheet.has_closed() for sheet in sheets)
    responses = Response.objects.filter(sheet__in=sheets)
    assert responses.count() == 60
    assert set(responses.values_list("channel", flat=True)) == {"online"}
    assert all(
        sheet.opens_at <= r.created_at <= sheet.closes_at
        for sheet in sheets
        for r in responses.filter(sheet=sheet)
    )


def test_published_answers_on_2015_and_2016_issues_and_the_2015_debate(loaded):
    answers = IssueAnswer.objects.published().order_by(
        "issue__output__session__year", "issue__output__coalition__slug", "issue__position"
    )
    assert [
        (a.issue.output.session.year, a.issue.output.coalition.slug, a.issue.position, a.decision)
        for a in answers
    ] == [
        (2015, "dc-pal", 2, "clarify"),
        (2015, "irpc", 1, "clarify"),
        (2015, "irpc", 6, "rework"),
        (2016, "dc-pal", 1, "keep"),
        (2016, "irpc", 2, "debate"),
    ]
    debate = DebateItem.objects.filter(session__slug="igf2015").order_by("position")
    assert [(d.issue.output.coalition.slug, d.issue.position, d.minutes) for d in debate] == [
        ("irpc", 6, 10),
        ("irpc", 1, 5),
        ("dcnn", 2, 8),
    ]
    assert all(d.outcome_note.startswith("Sample note:") for d in debate)


def test_a_second_run_changes_nothing(loaded):
    before = snapshot()

    output = load()

    assert "0 new responses this run" in output
    assert snapshot() == before


def test_current_2016_makes_it_current_and_back(db):
    load("--current", "2016")
    assert Session.objects.current().slug == "igf2016"

    load()
    assert Session.objects.current().slug == "igf2015"


def test_current_must_be_a_demo_year(db):
    with pytest.raises(CommandError):
        load("--current", "2014")
    assert Session.objects.count() == 0


def test_the_report_of_2016_shows_its_outputs_public(db, client):
    load("--current", "2016")

    response = client.get("/feedback/report/")

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="report-section report-output"') == 3
    assert 'class="report-withheld"' not in body
    assert "60 responses counted across the outputs shown here." in body


def test_the_portal_links_copies_to_last_years_issues(db, client):
    load("--current", "2016")
    client.force_login(get_user_model().objects.get(username="coordinator"))
    output = Output.objects.get(session__slug="igf2016", coalition__slug="dc-pal")

    response = client.get(f"/coalitions/dc-pal/manage/outputs/{output.slug}/")

    assert response.content.decode().count('class="small issue-derived-from"') == 4
    assert Issue.objects.filter(output=output).count() == 5


def test_the_2016_output_page_shows_2015s_figures_beside_this_years(loaded, client):
    irpc = Output.objects.get(session=loaded, coalition__slug="irpc")
    first = irpc.issues.get(position=1)
    before = {
        item.issue.pk: item.stats
        for result in session_results(first.derived_from.output.session)
        for item in result.issues
    }[first.derived_from_id]
    after = {
        item.issue.pk: item.stats for result in session_results(loaded) for item in result.issues
    }[first.pk]

    response = client.get(irpc.get_absolute_url())

    assert response.status_code == 200
    shown = [
        text(each) for each in page(response).xpath("//*[contains(@class, 'year-to-year-figures')]")
    ]
    expected = (
        f"agreement {before['agreement_pct']:.0f}% → {after['agreement_pct']:.0f}%, "
        f"confusion {before['confusion_pct']:.0f}% → {after['confusion_pct']:.0f}%"
    )
    assert expected in shown
