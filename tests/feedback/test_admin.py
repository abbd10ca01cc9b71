import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages

from coalitions.models import Output
from feedback.models import Rating, RatingSheet, Response
from tests.admin_helpers import admin_url
from tests.factories import (
    make_issue,
    make_output,
    make_rating,
    make_response,
    make_session,
    make_sheet,
)

NOW = datetime(2015, 11, 12, 19, 30, tzinfo=UTC)
BEFORE = datetime(2015, 11, 1, tzinfo=UTC)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def times(sheet):
    sheet.refresh_from_db()
    return (sheet.opens_at, sheet.closes_at)


# --- Rating sheets: the list ---------------------------------------------------------------


@pytest.mark.django_db
def test_sheet_changelist_counts_responses_not_withdrawn(organiser_client):
    sheet = make_sheet()
    make_response(sheet=sheet)
    make_response(sheet=sheet)
    make_response(sheet=sheet, withdrawn_at=BEFORE)
    empty = make_sheet()

    response = organiser_client.get(admin_url(RatingSheet, "changelist"))

    counts = {row.pk: row.response_count for row in response.context["cl"].result_list}
    assert counts == {sheet.pk: 2, empty.pk: 0}


@pytest.mark.django_db
def test_sheet_changelist_shows_times_in_venue_time_and_open_state(organiser_client):
    make_sheet(opens_at=NOW, closes_at=NOW + timedelta(hours=2))

    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        html = organiser_client.get(admin_url(RatingSheet, "changelist")).content.decode()

    # One column for the window (the list fits a 1,280-px screen), one for the state.
    assert "Thu 12 Nov 2015 16:30 \u2013 18:30 (America/Fortaleza)" in html
    assert '<td class="field-state">Open now</td>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "expected"),
    [("open", {"open"}), ("not_yet_open", {"unscheduled", "later"}), ("closed", {"closed"})],
)
def test_sheet_changelist_state_filter_selects_sheets_in_that_state(
    organiser_client, state, expected
):
    make_sheet(code="open", opens_at=BEFORE)
    make_sheet(code="unscheduled", opens_at=None)
    make_sheet(code="later", opens_at=NOW + timedelta(hours=1))
    make_sheet(code="closed", opens_at=BEFORE, closes_at=NOW - timedelta(hours=1))

    with time_machine.travel(NOW, tick=False):
        response = organiser_client.get(admin_url(RatingSheet, "changelist"), {"state": state})

    assert {sheet.code for sheet in response.context["cl"].result_list} == expected


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_sheet_changelist_queries_same_for_any_number_of_rows(
    organiser_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        make_response(sheet=make_sheet())
    url = admin_url(RatingSheet, "changelist")
    organiser_client.get(url)  # warm any per-process caches

    with django_assert_num_queries(6):
        response = organiser_client.get(url)

    assert len(response.context["cl"].result_list) == rows


# --- Rating sheets: open and close actions -------------------------------------------------


@pytest.mark.django_db
def test_sheet_action_open_now_opens_exactly_selected_sheets(organiser_client):
    unscheduled = make_sheet(opens_at=None)
    later = make_sheet(opens_at=NOW + timedelta(hours=1), closes_at=NOW + timedelta(hours=3))
    closed = make_sheet(opens_at=BEFORE, closes_at=NOW - timedelta(hours=1))
    already_open = make_sheet(opens_at=BEFORE)
    not_selected = make_sheet(opens_at=None)
    selected = [unscheduled, later, closed, already_open]

    with time_machine.travel(NOW, tick=False):
        response = organiser_client.post(
            admin_url(RatingSheet, "changelist"),
            {"action": "open_now_action", "_selected_action": [s.pk for s in selected]},
        )

    assert response.status_code == 302
    assert times(unscheduled) == (NOW, None)
    assert times(later) == (NOW, NOW + timedelta(hours=3))
    assert times(closed) == (BEFORE, None)
    assert times(already_open) == (BEFORE, None)
    assert times(not_selected) == (None, None)
    assert messages_of(response) == [
        "3 rating sheets are open now.",
        "1 selected sheet was open already and was left as it was.",
    ]


@pytest.mark.django_db
def test_sheet_action_close_now_closes_exactly_selected_open_sheets(organiser_client):
    open_for_good = make_sheet(opens_at=BEFORE)
    open_until_later = make_sheet(opens_at=BEFORE, closes_at=NOW + timedelta(hours=2))
    unscheduled = make_sheet(opens_at=None)
    closed = make_sheet(opens_at=BEFORE, closes_at=NOW - timedelta(hours=1))
    not_selected = make_sheet(opens_at=BEFORE)
    selected = [open_for_good, open_until_later, unscheduled, closed]

    with time_machine.travel(NOW, tick=False):
        response = organiser_client.post(
            admin_url(RatingSheet, "changelist"),
            {"action": "close_now_action", "_selected_action": [s.pk for s in selected]},
        )

    assert response.status_code == 302
    assert times(open_for_good) == (BEFORE, NOW)
    assert times(open_until_later) == (BEFORE, NOW)
    assert times(unscheduled) == (None, None)
    assert times(closed) == (BEFORE, NOW - timedelta(hours=1))
    assert times(not_selected) == (BEFORE, None)
    assert messages_of(response) == [
        "2 rating sheets are closed now.",
        "2 selected sheets were not open (not open yet, or closed already) and were left as "
        "they were.",
    ]


@pytest.mark.django_db
def test_sheet_action_open_now_single_sheet_message_singular(organiser_client):
    sheet = make_sheet(opens_at=None)

    with time_machine.travel(NOW, tick=False):
        response = organiser_client.post(
            admin_url(RatingSheet, "changelist"),
            {"action": "open_now_action", "_selected_action": [sheet.pk]},
        )

    assert times(sheet) == (NOW, None)
    assert messages_of(response) == ["1 rating sheet is open now."]


# --- Rating sheets: the form ---------------------------------------------------------------


def sheet_form_data(output, **changes):
    data = {
        "output": output.pk,
        "code": "pal",
        "results_visibility": RatingSheet.ResultsVisibility.AFTER_SUBMIT,
        "opens_at_0": "",
        "opens_at_1": "",
        "closes_at_0": "",
        "closes_at_1": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_sheet_form_closing_before_opening_rejected_beside_closes(organiser_client):
    data = sheet_form_data(
        make_output(),
        opens_at_0="2015-11-12",
        opens_at_1="19:30:00",
        closes_at_0="2015-11-12",
        closes_at_1="19:00:00",
    )

    response = organiser_client.post(admin_url(RatingSheet, "add"), data)

    assert response.context["adminform"].form.errors == {
        "closes_at": ["A sheet must close after it opens."]
    }
    assert RatingSheet.objects.count() == 0


@pytest.mark.django_db
def test_sheet_form_output_not_final_rejected_beside_output(organiser_client):
    output = make_output(title="Charter draft", status=Output.Status.DRAFT)

    response = organiser_client.post(admin_url(RatingSheet, "add"), sheet_form_data(output))

    assert response.context["adminform"].form.errors == {
        "output": ["Only final outputs get a rating sheet; “Charter draft” is declared “Draft”."]
    }


@pytest.mark.django_db
def test_sheet_form_valid_sheet_saved(organiser_client):
    output = make_output()
    # Typed in the venue's time (America/Fortaleza, UTC-3): 16:30 there is NOW, 19:30 UTC.
    data = sheet_form_data(output, opens_at_0="2015-11-12", opens_at_1="16:30:00")

    response = organiser_client.post(admin_url(RatingSheet, "add"), data)

    assert response.status_code == 302
    sheet = RatingSheet.objects.get()
    assert (sheet.output, sheet.code, sheet.opens_at, sheet.closes_at) == (
        output,
        "pal",
        NOW,
        None,
    )
    # Saved through the service, which tells the output when its issues freeze.
    output.refresh_from_db()
    assert output.rating_opens_at == NOW


@pytest.mark.django_db
def test_sheet_form_moving_a_sheet_frees_the_first_outputs_issues(organiser_client):
    sheet = make_sheet(code="pal", opens_at=NOW)
    first, second = sheet.output, make_output()

    response = organiser_client.post(
        admin_url(RatingSheet, "change", sheet.pk),
        sheet_form_data(second, opens_at_0="2015-11-12", opens_at_1="16:30:00"),
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert response.status_code == 302
    assert (first.rating_opens_at, second.rating_opens_at) == (None, NOW)


# --- Responses and ratings -----------------------------------------------------------------


@pytest.mark.django_db
def test_response_changelist_filters_withdrawn(organiser_client):
    counted = make_response()
    make_response(withdrawn_at=BEFORE)

    response = organiser_client.get(admin_url(Response, "changelist"), {"withdrawn": "no"})

    assert list(response.context["cl"].result_list) == [counted]


@pytest.mark.django_db
def test_response_change_page_shows_everything_read_only(organiser_client):
    answer = make_response(respondent_hash="ab" * 32, stakeholder_group="academia")
    make_rating(
        response=answer,
        issue=make_issue(output=answer.sheet.output, title="Libraries as access points"),
        comment="Agreed.",
    )

    response = organiser_client.get(admin_url(Response, "change", answer.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "ab" * 32 in html
    assert ("Libraries as access points" in html, "Agreed." in html) == (True, True)
    # What the participant answered is never changed here: no field, no save button.
    visible_field = r'<(?:input(?![^>]*type="hidden")|select|textarea)[^>]*name="([^"]+)"'
    fields = re.findall(visible_field, html)
    assert fields == []
    assert 'name="_save"' not in html


@pytest.mark.django_db
def test_response_change_post_changes_nothing(organiser_client):
    answer = make_response(stakeholder_group="academia", overall_comment="As sent.")

    response = organiser_client.post(
        admin_url(Response, "change", answer.pk),
        {"stakeholder_group": "media", "overall_comment": "Rewritten."},
    )

    answer.refresh_from_db()
    assert response.status_code == 403
    assert (answer.stakeholder_group, answer.overall_comment) == ("academia", "As sent.")


@pytest.mark.django_db
def test_response_paper_one_links_to_its_correction_page(organiser_client, organiser):
    answer = make_response(channel="paper", respondent_hash=None, entered_by=organiser)

    response = organiser_client.get(admin_url(Response, "change", answer.pk))

    url = f"/feedback/{answer.sheet.code}/enter/{answer.pk}/"
    assert f'<a href="{url}">Correct this paper sheet</a>' in response.content.decode()


@pytest.mark.django_db
def test_response_delete_page_refused(organiser_client):
    answer = make_response()

    response = organiser_client.get(admin_url(Response, "delete", answer.pk))

    assert response.status_code == 403


@pytest.mark.django_db
def test_rating_changelist_filters_by_session(organiser_client):
    session = make_session()
    rating = make_rating(
        response=make_response(sheet=make_sheet(output=make_output(session=session)))
    )
    make_rating()

    response = organiser_client.get(
        admin_url(Rating, "changelist"), {"issue__output__session__id__exact": session.pk}
    )

    assert list(response.context["cl"].result_list) == [rating]


def test_response_admin_withdraw_and_restore_actions(organiser_client):
    from feedback.models import Response
    from tests.factories import make_response, make_sheet

    sheet = make_sheet()
    chosen = make_response(sheet=sheet)
    other = make_response(sheet=sheet)

    organiser_client.post(
        "/admin/feedback/response/",
        {"action": "withdraw_action", "_selected_action": [chosen.pk]},
    )
    withdrawn = set(
        Response.objects.filter(withdrawn_at__isnull=False).values_list("pk", flat=True)
    )
    organiser_client.post(
        "/admin/feedback/response/",
        {"action": "restore_action", "_selected_action": [chosen.pk]},
    )

    assert withdrawn == {chosen.pk}
    assert Response.objects.counted().count() == 2
    assert other.pk not in withdrawn
