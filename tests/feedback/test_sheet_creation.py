"""A rating sheet is made when an output declared final (portal or admin) is accepted by the
organisers."""

import pytest

from coalitions.models import Output
from coalitions.services import declaration_accept, declaration_send_back, output_status_declare
from feedback.models import RatingSheet
from feedback.services import sheet_create_for_output
from tests.factories import (
    make_coalition,
    make_output,
    make_response,
    make_session,
    make_sheet,
)

pytestmark = pytest.mark.django_db


def test_declaring_final_makes_no_sheet_until_accepted(organiser):
    output = make_output(status="wip")

    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)

    assert (output.review_state, RatingSheet.objects.count()) == ("waiting", 0)


def test_accepting_a_final_declaration_creates_a_closed_sheet_with_a_readable_code(organiser):
    output = make_output(
        coalition=make_coalition(slug="dc-pal"), session=make_session(year=2015), status="wip"
    )
    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)

    declaration_accept(output=output, user=organiser)

    sheet = RatingSheet.objects.get(output=output)
    assert (sheet.code, sheet.opens_at, sheet.closes_at) == ("dc-pal-2015", None, None)
    assert sheet.is_open() is False


def test_declaring_final_twice_keeps_one_sheet(organiser):
    output = make_output(status="wip")

    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)
    declaration_accept(output=output, user=organiser)
    output_status_declare(output=output, user=organiser, status=Output.Status.WORK_IN_PROGRESS)
    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)
    declaration_accept(output=output, user=organiser)

    assert RatingSheet.objects.filter(output=output).count() == 1


def test_sending_back_or_declaring_again_keeps_a_sheet_with_its_responses(organiser):
    output = make_output(status="final")
    sheet = make_sheet(output=output)
    make_response(sheet=sheet)

    declaration_send_back(output=output, user=organiser, note="Shorten the issues.")
    output_status_declare(output=output, user=organiser, status=Output.Status.WORK_IN_PROGRESS)

    assert list(RatingSheet.objects.values_list("pk", flat=True)) == [sheet.pk]
    assert sheet.responses.count() == 1


def test_declaring_work_in_progress_creates_no_sheet(organiser):
    output = make_output(status="draft")

    output_status_declare(output=output, user=organiser, status=Output.Status.WORK_IN_PROGRESS)
    declaration_accept(output=output, user=organiser)

    assert RatingSheet.objects.count() == 0


def test_portal_declaration_waits_then_acceptance_creates_the_sheet(
    client, coalition, coordinator, organiser
):
    output = make_output(coalition=coalition, status="wip")
    client.force_login(coordinator)

    client.post(
        f"/coalitions/{coalition.slug}/manage/outputs/{output.slug}/status/", {"status": "final"}
    )
    output.refresh_from_db()
    waiting = (output.review_state, RatingSheet.objects.filter(output=output).count())
    declaration_accept(output=output, user=organiser)

    assert waiting == ("waiting", 0)
    assert RatingSheet.objects.filter(output=output).count() == 1


def test_admin_status_change_to_final_then_acceptance_creates_the_sheet(organiser_client):
    output = make_output(status="wip", coalition=make_coalition(slug="irpc"))
    page = organiser_client.get(f"/admin/coalitions/output/{output.pk}/change/")
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None
    }
    data.update(
        status="final",
        coalition=output.coalition_id,
        session=output.session_id,
        **{
            "issues-TOTAL_FORMS": "0",
            "issues-INITIAL_FORMS": "0",
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
        },
    )

    response = organiser_client.post(f"/admin/coalitions/output/{output.pk}/change/", data)
    sheets_before = RatingSheet.objects.count()
    accepted = organiser_client.post(f"/admin/coalitions/output/{output.pk}/accept-declaration/")

    assert (response.status_code, sheets_before, accepted.status_code) == (302, 0, 302)
    assert RatingSheet.objects.get(output=output).code == f"irpc-{output.session.year}"


def test_sheet_code_is_made_unique():
    session = make_session(year=2015)
    make_sheet(code="dc-pal-2015")
    output = make_output(coalition=make_coalition(slug="dc-pal"), session=session)

    sheet = sheet_create_for_output(output=output)

    assert sheet.code == "dc-pal-2015-2"
