"""The "Run the session" page lists the coalitions' declarations waiting for the organisers, with
an accept button (POST) and a send-back page whose note the coalition reads in its portal."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from coalitions.models import DeclarationReview, Output
from tests.factories import make_coalition, make_output, make_session

pytestmark = pytest.mark.django_db


def waiting(session, name, **fields):
    return make_output(
        session=session,
        coalition=make_coalition(name=name, acronym=name.split()[-1]),
        title=f"Output of {name}",
        review_state=Output.Review.WAITING,
        **fields,
    )


def test_run_the_session_lists_the_declarations_waiting(organiser_client):
    session = make_session(is_current=True)
    first = waiting(session, "DC Alpha", status=Output.Status.FINAL)
    second = waiting(session, "DC Bravo", status=Output.Status.WORK_IN_PROGRESS)
    make_output(session=session)  # accepted: not listed
    waiting(session, "DC Charlie", status=Output.Status.DRAFT)  # nothing declared
    waiting(make_session(), "DC Delta")  # another session's

    response = organiser_client.get("/admin/")

    assert [o.pk for o in response.context["run"].declarations_waiting] == [first.pk, second.pk]
    page = response.content.decode()
    assert f'action="/admin/coalitions/output/{first.pk}/accept-declaration/"' in page
    assert f'href="/admin/coalitions/output/{second.pk}/review-declaration/"' in page
    assert "Accept the declaration of Alpha" in page
    assert "Charlie" not in page


def test_run_the_session_says_when_nothing_waits(organiser_client):
    make_session(is_current=True)

    page = organiser_client.get("/admin/").content.decode()

    assert "No declaration is waiting: every coalition's declaration has been reviewed." in page


@pytest.mark.parametrize("waiting_count", [1, 4])
def test_run_the_session_queries_are_fixed_whatever_the_declarations_waiting(
    organiser_client, django_assert_num_queries, waiting_count
):
    session = make_session(is_current=True)
    for n in range(waiting_count):
        waiting(session, f"DC Number {n}", status=Output.Status.FINAL)
    organiser_client.get("/admin/")  # warm any per-process caches

    with django_assert_num_queries(11):
        response = organiser_client.get("/admin/")

    assert len(response.context["run"].declarations_waiting) == waiting_count


def test_accept_from_the_dashboard_accepts_and_goes_back(organiser_client, organiser):
    output = waiting(make_session(is_current=True), "DC Alpha", status=Output.Status.FINAL)

    response = organiser_client.post(f"/admin/coalitions/output/{output.pk}/accept-declaration/")

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    output.refresh_from_db()
    assert (output.review_state, output.reviewed_by) == ("accepted", organiser)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The declaration of “Output of DC Alpha” (Alpha) is accepted."
    ]


def test_accept_is_post_only(organiser_client):
    output = waiting(make_session(is_current=True), "DC Alpha", status=Output.Status.FINAL)

    response = organiser_client.get(f"/admin/coalitions/output/{output.pk}/accept-declaration/")

    assert response.status_code == 405
    output.refresh_from_db()
    assert output.review_state == "waiting"


def test_accept_without_the_csrf_token_is_refused(organiser):
    output = waiting(make_session(is_current=True), "DC Alpha", status=Output.Status.FINAL)
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)

    response = client.post(f"/admin/coalitions/output/{output.pk}/accept-declaration/")

    assert response.status_code == 403
    output.refresh_from_db()
    assert output.review_state == "waiting"


def test_review_and_accept_refused_to_a_coordinator(client, coalition, coordinator):
    output = make_output(
        coalition=coalition, status=Output.Status.FINAL, review_state=Output.Review.WAITING
    )
    client.force_login(coordinator)

    posted = client.post(f"/admin/coalitions/output/{output.pk}/accept-declaration/")
    page = client.get(f"/admin/coalitions/output/{output.pk}/review-declaration/")

    assert (posted.status_code, page.status_code) == (302, 302)
    assert posted["Location"].startswith("/admin/login/")
    output.refresh_from_db()
    assert output.review_state == "waiting"


def test_send_back_page_shows_the_declaration_and_a_labelled_note(organiser_client):
    output = waiting(make_session(is_current=True), "DC Alpha", status=Output.Status.FINAL)

    response = organiser_client.get(f"/admin/coalitions/output/{output.pk}/review-declaration/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_note" class="required">Note to the coalition</label>' in page
    assert f'action="/admin/coalitions/output/{output.pk}/accept-declaration/"' in page


def test_send_back_with_a_note_records_it_and_goes_back(organiser_client, organiser):
    output = waiting(make_session(is_current=True), "DC Alpha", status=Output.Status.FINAL)

    response = organiser_client.post(
        f"/admin/coalitions/output/{output.pk}/review-declaration/",
        {"note": "Upload the final file first."},
    )

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    output.refresh_from_db()
    assert (output.review_state, output.review_note) == (
        "sent_back",
        "Upload the final file first.",
    )


@pytest.mark.parametrize("note", ["", "    "])
def test_send_back_without_a_note_shows_the_error_beside_the_field(organiser_client, note):
    output = waiting(make_session(is_current=True), "DC Alpha", status=Output.Status.FINAL)

    response = organiser_client.post(
        f"/admin/coalitions/output/{output.pk}/review-declaration/", {"note": note}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "note": ["Tell the coalition what to change: the note is shown in its portal."]
    }
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert f">{note}</textarea>" in page
    output.refresh_from_db()
    assert (output.review_state, DeclarationReview.objects.count()) == ("waiting", 0)


def test_send_back_note_too_long_is_refused_and_kept(organiser_client):
    output = waiting(make_session(is_current=True), "DC Alpha", status=Output.Status.FINAL)
    note = "x" * 2001

    response = organiser_client.post(
        f"/admin/coalitions/output/{output.pk}/review-declaration/", {"note": note}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "note": ["Ensure this value has at most 2000 characters (it has 2001)."]
    }
    assert f">{note}</textarea>" in response.content.decode()
    assert DeclarationReview.objects.count() == 0


def test_output_admin_action_accepts_the_selected_declarations(organiser_client):
    session = make_session()
    first = waiting(session, "DC Alpha", status=Output.Status.FINAL)
    draft = waiting(session, "DC Bravo", status=Output.Status.DRAFT)

    response = organiser_client.post(
        "/admin/coalitions/output/",
        {"action": "accept_declarations_action", "_selected_action": [first.pk, draft.pk]},
    )

    assert response.status_code == 302
    states = dict(Output.objects.values_list("pk", "review_state"))
    assert (states[first.pk], states[draft.pk]) == ("accepted", "waiting")
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["1 declaration accepted."]
