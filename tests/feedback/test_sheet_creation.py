"""A rating sheet is made when an output is declared final (portal or admin)."""

import pytest

from coalitions.models import Output
from coalitions.services import output_status_declare
from feedback.models import RatingSheet
from feedback.services import sheet_create_for_output
from tests.factories import make_coalition, make_output, make_session, make_sheet

pytestmark = pytest.mark.django_db


def test_declaring_final_creates_a_closed_sheet_with_a_readable_code(organiser):
    output = make_output(
        coalition=make_coalition(slug="dc-pal"), session=make_session(year=2015), status="wip"
    )

    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)

    sheet = RatingSheet.objects.get(output=output)
    assert (sheet.code, sheet.opens_at, sheet.closes_at) == ("dc-pal-2015", None, None)
    assert sheet.is_open() is False


def test_declaring_final_twice_keeps_one_sheet(organiser):
    output = make_output(status="wip")

    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)
    output_status_declare(output=output, user=organiser, status=Output.Status.WORK_IN_PROGRESS)
    output_status_declare(output=output, user=organiser, status=Output.Status.FINAL)

    assert RatingSheet.objects.filter(output=output).count() == 1


def test_declaring_work_in_progress_creates_no_sheet(organiser):
    output = make_output(status="draft")

    output_status_declare(output=output, user=organiser, status=Output.Status.WORK_IN_PROGRESS)

    assert RatingSheet.objects.count() == 0


def test_portal_declaration_creates_the_sheet(client, coalition, coordinator):
    output = make_output(coalition=coalition, status="wip")
    client.force_login(coordinator)

    client.post(
        f"/coalitions/{coalition.slug}/manage/outputs/{output.slug}/status/", {"status": "final"}
    )

    assert RatingSheet.objects.filter(output=output).count() == 1


def test_admin_status_change_to_final_creates_the_sheet(organiser_client):
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

    assert response.status_code == 302
    assert RatingSheet.objects.get(output=output).code == f"irpc-{output.session.year}"


def test_sheet_code_is_made_unique():
    session = make_session(year=2015)
    make_sheet(code="dc-pal-2015")
    output = make_output(coalition=make_coalition(slug="dc-pal"), session=session)

    sheet = sheet_create_for_output(output=output)

    assert sheet.code == "dc-pal-2015-2"
