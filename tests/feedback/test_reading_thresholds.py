"""Organisers change the suggested reading's thresholds per session in the admin; every page that
shows a reading follows them at once, and a threshold out of its range is refused beside its
field with nothing stored."""

import pytest

from feedback.models import ReadingThresholds
from tests.factories import make_organiser
from tests.feedback.results_helpers import rate, results_sheet
from tests.feedback.test_session_report import REPORT, issue_rows, output_section

ADD = "/admin/feedback/readingthresholds/add/"


@pytest.fixture
def organiser_client(db, client):
    client.force_login(make_organiser())
    return client


def form(session, **changes):
    values = {
        "session": session.pk,
        "confusion_pct": "20",
        "controversy": "0.5",
        "agreement_pct_low": "50",
        "disagreement_pct": "50",
    }
    return {**values, **changes}


def readings(client):
    rows = issue_rows(output_section(client.get(REPORT), "PAL"))
    return {title: cells[-1] for title, cells in rows.items()}


def test_a_changed_threshold_changes_the_readings_at_once(organiser_client, session):
    sheet = results_sheet(
        session, code="pal", titles=("Access", "Skills"), closed=True, title="PAL"
    )
    rate(sheet, "Access", (10, 4, 0, 0, 0, 0))  # agreement 100 %, lower bound 78 %
    rate(sheet, "Skills", (7, 0, 0, 0, 7, 0))  # controversy 1
    assert readings(organiser_client) == {"Access": "supported", "Skills": "divided — debate it"}

    response = organiser_client.post(ADD, form(session, agreement_pct_low="80"))

    assert response.status_code == 302
    assert readings(organiser_client) == {"Access": "mixed", "Skills": "divided — debate it"}
    assert "is at least 80 %;" in organiser_client.get(REPORT).content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("controversy", "1.5"),
        ("confusion_pct", "-1"),
        ("agreement_pct_low", "101"),
        ("disagreement_pct", "many"),
    ],
)
def test_a_threshold_out_of_range_is_refused_and_nothing_stored(
    organiser_client, session, field, value
):
    response = organiser_client.post(ADD, form(session, **{field: value}))

    assert response.status_code == 200
    assert ReadingThresholds.objects.count() == 0
    errors = response.context["adminform"].form.errors
    assert list(errors) in ([field], ["__all__"])
    assert f'value="{value}"' in response.content.decode()
