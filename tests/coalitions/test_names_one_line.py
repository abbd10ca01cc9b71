"""Issue 14: names a stranger types refuse line breaks (the join form, the sheet's contact
details), beside the field, keeping the input, storing nothing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from coalitions.models import JoinRequest
from coalitions.services import join_request_submit
from feedback.models import Response
from tests.factories import make_session
from tests.feedback.sheet_helpers import post_data, sheet_with_issues

pytestmark = pytest.mark.django_db

BREAKS = ["Ana\nSouza", "Ana\r\nSouza", "Ana\rSouza", "Ana\u2028Souza", "Ana\x85Souza"]
ONE_LINE = "Write this on one line, without line breaks."
VALID = {
    "name": "Ana Souza",
    "email": "ana@example.org",
    "stakeholder_group": "civil_society",
    "region": "grulac",
    "message": "A message\nmay have lines.",
    "consent": "on",
}


@pytest.mark.parametrize("name", BREAKS)
def test_join_name_with_a_line_break_is_refused(client, coalition, name):
    response = client.post("/coalitions/dc-pal/join/", {**VALID, "name": name})

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {"name": [ONE_LINE]}
    assert form["name"].value() == name
    assert form["message"].value() == "A message\nmay have lines."
    assert JoinRequest.objects.count() == 0
    assert mail.outbox == []


def test_join_service_refuses_a_name_with_a_line_break(coalition):
    data = {k: v for k, v in VALID.items() if k != "consent"}

    with pytest.raises(ValidationError) as refused:
        join_request_submit(coalition=coalition, **{**data, "name": "Ana\nSouza"}, consent=True)

    assert refused.value.message_dict == {"name": [ONE_LINE]}
    assert JoinRequest.objects.count() == 0


def test_join_name_with_bidi_controls_but_no_break_is_kept(client, coalition):
    name = "Ana \u202eazuoS\u202c"

    client.post("/coalitions/dc-pal/join/", {**VALID, "name": name})

    assert JoinRequest.objects.get().name == name


@pytest.mark.parametrize("field", ["contact_name", "contact_organisation"])
def test_sheet_contact_name_with_a_line_break_is_refused(client, field):
    sheet, issues = sheet_with_issues(make_session(is_current=True), count=1)
    data = post_data(
        issues,
        ["5"],
        contact_consent="on",
        contact_name="Ana Souza",
        contact_organisation="Biblioteca",
        contact_email="ana@example.org",
    )
    data[field] = "Line one\nBcc: someone@example.org"

    response = client.post(f"/feedback/{sheet.code}/", data)

    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors == {field: [ONE_LINE]}
    assert form[field].value() == "Line one\nBcc: someone@example.org"
    assert Response.objects.count() == 0
