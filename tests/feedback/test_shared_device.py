"""Issue 14: a shared phone or a kiosk. "I am someone else — start a new sheet" on every sheet
and thank-you page forgets the participant; contact details are never pre-filled;
FEEDBACK_KIOSK forgets the participant after each submission."""

import lxml.html
import pytest
from django.test import Client

from feedback.models import Response
from feedback.respondent import COOKIE_NAME
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db

BUTTON = "I am someone else — start a new sheet"
CONTACT = {
    "contact_consent": "on",
    "contact_name": "Ana Souza",
    "contact_organisation": "Biblioteca Pública",
    "contact_email": "ana@example.org",
}


def _someone_else_forms(response):
    tree = lxml.html.fromstring(response.content)
    return [
        (form.get("action"), form.get("method"), " ".join(form.text_content().split()))
        for form in tree.xpath("//form[contains(@class, 'someone-else')]")
    ]


def test_sheet_and_thanks_offer_to_start_a_new_sheet(client, session):
    _sheet, issues = sheet_with_issues(session, count=1)

    blank = client.get("/feedback/irpc/")
    client.post("/feedback/irpc/", post_data(issues, ["5"]))
    editing = client.get("/feedback/irpc/")
    thanks = client.get("/feedback/irpc/thanks/")

    expected = [("/feedback/irpc/someone-else/", "post", BUTTON)]
    assert _someone_else_forms(blank) == expected
    assert _someone_else_forms(editing) == expected
    assert _someone_else_forms(thanks) == expected


def test_someone_else_forgets_the_participant_and_shows_a_fresh_sheet(client, session):
    _sheet, issues = sheet_with_issues(session, count=1)
    client.post(
        "/feedback/irpc/", post_data(issues, ["5"], stakeholder_group="academia", **CONTACT)
    )

    forgotten = client.post("/feedback/irpc/someone-else/")
    fresh = client.get("/feedback/irpc/")

    assert (forgotten.status_code, forgotten["Location"]) == (302, "/feedback/irpc/")
    cookie = forgotten.cookies[COOKIE_NAME]
    assert (cookie.value, cookie["max-age"]) == ("", 0)
    assert fresh.context["editing"] is False
    assert fresh.context["form"].initial == {}
    assert [str(m) for m in fresh.context["messages"]] == [
        "A new sheet: answers sent before from this device are no longer shown here."
    ]
    assert Response.objects.count() == 1


def test_after_someone_else_the_next_person_adds_a_response(client, session):
    _sheet, issues = sheet_with_issues(session, count=1)
    client.post("/feedback/irpc/", post_data(issues, ["5"]))

    client.post("/feedback/irpc/someone-else/")
    client.post("/feedback/irpc/", post_data(issues, ["1"]))

    assert sorted(Response.objects.values_list("ratings__mark", flat=True)) == ["1", "5"]


def test_someone_else_forgets_the_profile_for_the_next_sheets(client, session):
    _first, first_issues = sheet_with_issues(session, count=1, code="first")
    sheet_with_issues(session, count=1, code="second")
    client.post("/feedback/first/", post_data(first_issues, ["4"], stakeholder_group="academia"))

    client.post("/feedback/first/someone-else/")
    second = client.get("/feedback/second/")

    assert second.context["form"].initial == {}


def test_someone_else_page_without_the_form_explains_and_offers_the_button(client, session):
    sheet_with_issues(session, count=1)

    page = client.get("/feedback/irpc/someone-else/")

    assert page.status_code == 200
    assert _someone_else_forms(page) == [("/feedback/irpc/someone-else/", "post", BUTTON)]
    assert COOKIE_NAME not in page.cookies


def test_someone_else_needs_the_csrf_token(session):
    sheet_with_issues(session, count=1)

    response = Client(enforce_csrf_checks=True).post("/feedback/irpc/someone-else/")

    assert response.status_code == 403


def test_someone_else_unknown_sheet_is_404(client, session):
    assert client.post("/feedback/nope/someone-else/").status_code == 404


def test_own_sheet_never_prefills_contact_details(client, session):
    _sheet, issues = sheet_with_issues(session, count=1)
    client.post("/feedback/irpc/", post_data(issues, ["5"], **CONTACT))

    again = client.get("/feedback/irpc/")

    form = again.context["form"]
    assert [form[name].value() for name in CONTACT] == [None, None, None, None]
    assert form["mark_" + str(issues[0].pk)].value() == "5"
    tree = lxml.html.fromstring(again.content)
    assert [
        " ".join(p.text_content().split()) for p in tree.xpath("//*[@id='contact-not-shown']")
    ] == [
        "Contact details are never shown again on a sheet, so that the next person on a shared "
        "device cannot read them. To keep yours with your updated answers, tick the box and type "
        "them again; otherwise those you left before are removed."
    ]
    assert b"Ana Souza" not in again.content
    assert b"ana@example.org" not in again.content
    assert Response.objects.get().contact_name == "Ana Souza"


def test_kiosk_forgets_the_participant_after_each_submission(client, session, settings):
    settings.FEEDBACK_KIOSK = True
    _sheet, issues = sheet_with_issues(session, count=1)

    sent = client.post("/feedback/irpc/", post_data(issues, ["5"], **CONTACT))
    thanks = client.get(sent["Location"])
    next_person = client.get("/feedback/irpc/")
    client.post("/feedback/irpc/", post_data(issues, ["2"]))

    assert thanks.context["submitted"] is True
    assert (thanks.cookies[COOKIE_NAME].value, thanks.cookies[COOKIE_NAME]["max-age"]) == ("", 0)
    tree = lxml.html.fromstring(thanks.content)
    assert [a.text_content() for a in tree.xpath("//a[contains(@class, 'btn')]")] == [
        "All rating sheets"
    ]
    assert tree.xpath("//*[contains(@class, 'thanks-results')]") == []
    assert [" ".join(p.text_content().split()) for p in tree.xpath("//main//p")][-1] == (
        "This device has forgotten your answers: the next person starts from a blank sheet."
    )
    assert (next_person.context["editing"], next_person.context["form"].initial) == (False, {})
    assert b"Ana Souza" not in next_person.content
    assert sorted(Response.objects.values_list("ratings__mark", flat=True)) == ["2", "5"]


def test_without_kiosk_thanks_keeps_the_participant(client, session):
    _sheet, issues = sheet_with_issues(session, count=1)
    client.post("/feedback/irpc/", post_data(issues, ["5"]))

    thanks = client.get("/feedback/irpc/thanks/")

    assert COOKIE_NAME not in thanks.cookies
    assert client.get("/feedback/irpc/").context["editing"] is True
