import pytest
from django.core import mail
from django.test import Client
from pytest_django.asserts import assertContains, assertFormError, assertRedirects

from coalitions.models import JoinRequest
from tests.factories import make_coordinator

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Ana Souza",
    "email": "ana@example.org",
    "stakeholder_group": "civil_society",
    "region": "grulac",
    "message": "I run a public library in Recife.",
    "consent": "on",
}


def _post(client, **changes):
    data = {**VALID, **changes}
    return client.post("/coalitions/dc-pal/join/", {k: v for k, v in data.items() if v is not None})


def test_join_request_is_stored(client, coalition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client)

    assertRedirects(response, "/coalitions/dc-pal/#join")
    assert list(
        JoinRequest.objects.values_list(
            "coalition__slug", "name", "email", "stakeholder_group", "region", "message", "consent"
        )
    ) == [
        (
            "dc-pal",
            "Ana Souza",
            "ana@example.org",
            "civil_society",
            "grulac",
            "I run a public library in Recife.",
            True,
        )
    ]


def test_join_request_thanks_the_visitor(client, coalition, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client)

    page = client.get(response["Location"])
    assertContains(
        page,
        "Thank you: your request to join was sent to the coalition&#x27;s coordinators.",
        count=1,
    )


def test_join_request_is_emailed_to_the_contact_address(
    client, coalition, django_capture_on_commit_callbacks
):
    coalition.contact_email = "dc-pal@example.org"
    coalition.save()

    with django_capture_on_commit_callbacks(execute=True):
        _post(client)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["dc-pal@example.org"]
    assert message.reply_to == ["ana@example.org"]
    assert message.subject == "Ana Souza asks to join DC-PAL"
    assert "Name: Ana Souza\nE-mail: ana@example.org\n" in message.body
    assert "Stakeholder group: Civil society\n" in message.body
    assert "Regional group: Latin American and Caribbean Group (GRULAC)\n" in message.body
    assert "I run a public library in Recife." in message.body


def test_join_request_without_contact_address_goes_to_coordinators(
    client, coalition, django_capture_on_commit_callbacks
):
    make_coordinator(coalition, username="one")
    make_coordinator(coalition, username="two")

    with django_capture_on_commit_callbacks(execute=True):
        _post(client)

    assert [message.to for message in mail.outbox] == [["one@example.org", "two@example.org"]]


def test_join_request_is_kept_when_mail_fails(
    client, coalition, settings, django_capture_on_commit_callbacks, caplog
):
    coalition.contact_email = "dc-pal@example.org"
    coalition.save()
    settings.EMAIL_BACKEND = "tests.coalitions.test_join.BrokenBackend"

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client)

    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1
    assert f"Join request {JoinRequest.objects.get().pk} could not be e-mailed." in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_join_request_is_shown_to_coordinators(
    client, coalition, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client)
    client.force_login(coordinator)

    response = client.get("/coalitions/dc-pal/manage/")

    assert [r.name for r in response.context["join_requests"]] == ["Ana Souza"]
    assertContains(response, '<td data-label="Name"><bdi>Ana Souza</bdi></td>', count=1)
    assertContains(response, '<td data-label="Stakeholder group">Civil society</td>', count=1)


def test_join_request_is_shown_to_organisers(
    client, coalition, organiser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client)
    client.force_login(organiser)

    response = client.get("/coalitions/dc-pal/manage/")

    assertContains(response, '<td data-label="Name"><bdi>Ana Souza</bdi></td>', count=1)


def test_join_request_html_payload_is_stored_as_text_and_escaped(
    client, coalition, coordinator, django_capture_on_commit_callbacks
):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, name=payload, message=payload)
    client.force_login(coordinator)

    response = client.get("/coalitions/dc-pal/manage/")

    assert JoinRequest.objects.get().name == payload
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    assertContains(response, f'<td data-label="Name"><bdi>{escaped}</bdi></td>', count=1)
    assertContains(response, f'<td data-label="Message"><bdi>{escaped}</bdi></td>', count=1)
    assert payload not in response.content.decode()


def test_join_request_without_consent_is_refused_and_keeps_the_input(client, coalition):
    response = _post(client, consent=None)

    assert response.status_code == 200
    assertFormError(
        response.context["form"],
        "consent",
        ["Tick this box to agree that the coalition may contact you."],
    )
    form = response.context["form"]
    assert form["name"].value() == "Ana Souza"
    assert form["email"].value() == "ana@example.org"
    assert form["stakeholder_group"].value() == "civil_society"
    assert form["region"].value() == "grulac"
    assert form["message"].value() == "I run a public library in Recife."
    assertContains(response, 'value="Ana Souza"', count=1)
    assert JoinRequest.objects.count() == 0
    assert mail.outbox == []


def test_join_request_error_is_tied_to_its_field(client, coalition):
    response = _post(client, consent=None)

    assertContains(
        response,
        '<input type="checkbox" name="consent" class="checkboxinput form-check-input is-invalid"'
        ' required aria-invalid="true" aria-describedby="id_consent_error" id="id_consent">',
        count=1,
    )
    assertContains(
        response,
        '<div id="id_consent_error" class="invalid-feedback"> <span id="error_1_id_consent">'
        "<strong>Tick this box to agree that the coalition may contact you.</strong></span>",
        count=1,
    )


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("email", "ana-at-example.org", "Enter a valid email address."),
        ("email", "", "This field is required."),
        ("name", "", "This field is required."),
        ("name", "x" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        (
            "stakeholder_group",
            "alien",
            "Select a valid choice. alien is not one of the available choices.",
        ),
        ("region", "", "This field is required."),
        ("message", "m" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
    ],
)
def test_join_request_bad_input_is_refused_beside_the_field(
    client, coalition, field, value, message
):
    response = _post(client, **{field: value})

    assert response.status_code == 200
    assertFormError(response.context["form"], field, [message])
    kept = {name: response.context["form"][name].value() for name in VALID if name != field}
    assert kept == {name: VALID[name] for name in VALID if name != field} | (
        {"consent": True} if field != "consent" else {}
    )
    assert JoinRequest.objects.count() == 0


def test_join_request_without_csrf_token_is_refused(coalition):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/coalitions/dc-pal/join/", VALID)

    assert response.status_code == 403
    assert JoinRequest.objects.count() == 0


def test_join_page_shows_the_form(client, coalition):
    response = client.get("/coalitions/dc-pal/join/")

    assertContains(
        response, "<h1>Join <bdi>Dynamic Coalition on Public Access in Libraries</bdi></h1>"
    )
    assert response.context["form"].is_bound is False


def test_join_requests_from_one_address_are_capped(
    client, coalition, settings, django_capture_on_commit_callbacks
):
    settings.JOIN_RATE_PER_ADDRESS = 2
    coalition.contact_email = "dc-pal@example.org"
    coalition.save()

    with django_capture_on_commit_callbacks(execute=True):
        codes = [_post(client, name=f"Person {n}").status_code for n in range(3)]

    assert codes == [302, 302, 429]
    assert JoinRequest.objects.count() == 2
    assert len(mail.outbox) == 2


def test_join_request_over_the_cap_keeps_what_was_typed(client, coalition, settings):
    settings.JOIN_RATE_PER_ADDRESS = 0

    response = _post(client, message="Please add me")

    assert response.status_code == 429
    assert response.context["form"].non_field_errors() == [
        "Too many join requests from your network in the last hour; nothing was sent. Please "
        "try again in 60 minutes, or write to the coalition's mailing list."
    ]
    assert response["Retry-After"] == "3600"
    assert response.context["form"]["message"].value() == "Please add me"
    assert JoinRequest.objects.count() == 0
