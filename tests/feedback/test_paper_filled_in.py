"""When a paper sheet was filled in: the typist says it (venue time), by default the end of the
output presentations; the results' periods read it."""

from datetime import UTC, datetime

import pytest
import time_machine

from feedback.models import Response
from tests.factories import make_issue, make_output, make_part, make_session, make_sheet, make_user

pytestmark = pytest.mark.django_db

PART_ENDS = datetime(2015, 11, 12, 21, 0, tzinfo=UTC)  # 18:00 in João Pessoa
TYPING = datetime(2015, 11, 13, 14, 0, tzinfo=UTC)


@pytest.fixture
def sheet():
    session = make_session(is_current=True)
    make_part(session=session, ends_at=PART_ENDS)
    output = make_output(session=session)
    make_issue(output=output, title="Principle 1")
    return make_sheet(output=output, code="pal")


@pytest.fixture
def staff_client(client):
    client.force_login(make_user(username="typist", is_staff=True))
    return client


def mark_field(sheet):
    return f"mark_{sheet.output.issues.get().pk}"


def test_paper_filled_in_defaults_to_the_end_of_the_presentations(staff_client, sheet):
    with time_machine.travel(TYPING, tick=False):
        page = staff_client.get("/feedback/pal/enter/")
        staff_client.post("/feedback/pal/enter/", {mark_field(sheet): "5"})

    stored = Response.objects.get()
    assert 'value="2015-11-12T18:00"' in page.content.decode()  # shown in venue time
    assert (stored.filled_in_at, stored.created_at) == (PART_ENDS, TYPING)


def test_paper_filled_in_typed_in_venue_time_is_stored_and_kept_for_the_next(staff_client, sheet):
    with time_machine.travel(TYPING, tick=False):
        response = staff_client.post(
            "/feedback/pal/enter/",
            {mark_field(sheet): "4", "filled_in_at": "2015-11-13T09:30"},
        )
        following = staff_client.get(response["Location"])

    stored = Response.objects.get()
    assert stored.filled_in_at == datetime(2015, 11, 13, 12, 30, tzinfo=UTC)
    assert response["Location"] == "/feedback/pal/enter/?filled_in=2015-11-13T09%3A30%3A00-03%3A00"
    assert 'value="2015-11-13T09:30"' in following.content.decode()


def test_paper_filled_in_in_the_future_is_refused_beside_the_field(staff_client, sheet):
    with time_machine.travel(TYPING, tick=False):
        response = staff_client.post(
            "/feedback/pal/enter/",
            {mark_field(sheet): "4", "filled_in_at": "2015-11-14T09:30"},
        )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "filled_in_at": ["This moment is still to come: type when the sheet was filled in."]
    }
    assert 'value="2015-11-14T09:30"' in response.content.decode()  # what was typed is kept
    assert Response.objects.count() == 0


@pytest.mark.parametrize("value", ["yesterday", "2015-13-45T10:00", "12/11/2015 18h"])
def test_paper_filled_in_malformed_is_refused_and_nothing_stored(staff_client, sheet, value):
    with time_machine.travel(TYPING, tick=False):
        response = staff_client.post(
            "/feedback/pal/enter/", {mark_field(sheet): "4", "filled_in_at": value}
        )

    assert response.status_code == 400
    assert response.context["form"].errors == {"filled_in_at": ["Enter a valid date/time."]}
    assert Response.objects.count() == 0


@pytest.mark.parametrize("value", ["not-a-moment", "2015-02-31T10:00:00-03:00", "2015-11-13T09:30"])
def test_paper_filled_in_bad_batch_moment_in_the_link_falls_back_to_the_default(
    staff_client, sheet, value
):
    with time_machine.travel(TYPING, tick=False):
        page = staff_client.get("/feedback/pal/enter/", {"filled_in": value})

    assert page.status_code == 200
    assert 'value="2015-11-12T18:00"' in page.content.decode()


def test_paper_correction_keeps_the_moment_unless_retyped(staff_client, sheet):
    with time_machine.travel(TYPING, tick=False):
        staff_client.post("/feedback/pal/enter/", {mark_field(sheet): "5"})
        stored = Response.objects.get()
        page = staff_client.get(f"/feedback/pal/enter/{stored.pk}/")
        staff_client.post(
            f"/feedback/pal/enter/{stored.pk}/",
            {mark_field(sheet): "3", "filled_in_at": "2015-11-12T18:00"},
        )

    stored.refresh_from_db()
    assert 'value="2015-11-12T18:00"' in page.content.decode()
    assert stored.filled_in_at == PART_ENDS


def test_paper_filled_in_while_the_part_runs_is_the_moment_of_typing(staff_client, sheet):
    during = datetime(2015, 11, 12, 20, 15, tzinfo=UTC)

    with time_machine.travel(during, tick=False):
        staff_client.post("/feedback/pal/enter/", {mark_field(sheet): "5"})

    assert Response.objects.get().filled_in_at == during
