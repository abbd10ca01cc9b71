import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertFormError, assertRedirects

from coalitions.models import Coalition
from tests.factories import make_coalition

pytestmark = pytest.mark.django_db

URL = "/coalitions/dc-pal/manage/profile/"

VALID = {
    "name": "Dynamic Coalition on Public Access in Libraries",
    "acronym": "DC-PAL",
    "summary": "Libraries connect people.",
    "description": "We gather librarians.",
    "website": "https://www.ifla.org/",
    "mailing_list": "https://mail.example.org/listinfo/dc-pal",
    "contact_email": "dc-pal@example.org",
    "year_formed": "2013",
}


def _profile(coalition):
    coalition.refresh_from_db()
    return {name: getattr(coalition, name) for name in VALID}


def test_profile_edit_saves_every_field(coordinator_client, coalition):
    response = coordinator_client.post(URL, VALID)

    assertRedirects(response, "/coalitions/dc-pal/manage/")
    assert _profile(coalition) == {**VALID, "year_formed": 2013}


def test_profile_edit_form_shows_current_values(coordinator_client, coalition):
    coalition.summary = "Current summary"
    coalition.save()

    response = coordinator_client.get(URL)

    assert response.context["form"]["summary"].value() == "Current summary"
    assertContains(response, 'value="Current summary"', count=1)


def test_profile_edit_by_organiser_saves(client, organiser, coalition):
    client.force_login(organiser)

    client.post(URL, {**VALID, "summary": "Set by the secretariat"})

    assert _profile(coalition)["summary"] == "Set by the secretariat"


def test_profile_edit_html_payload_is_stored_as_text_and_escaped(coordinator_client, coalition):
    payload = "<script>alert(document.cookie)</script>"

    coordinator_client.post(URL, {**VALID, "description": payload, "summary": payload})
    page = coordinator_client.get("/coalitions/dc-pal/")

    assert _profile(coalition)["description"] == payload
    assertContains(page, "&lt;script&gt;alert(document.cookie)&lt;/script&gt;", count=2)
    assert payload not in page.content.decode()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("name", "n" * 201, "Ensure this value has at most 200 characters (it has 201)."),
        ("name", "", "This field is required."),
        ("acronym", "a" * 31, "Ensure this value has at most 30 characters (it has 31)."),
        ("summary", "s" * 301, "Ensure this value has at most 300 characters (it has 301)."),
        ("website", "javascript:alert(1)", "Enter a valid URL."),
        ("mailing_list", "not a link", "Enter a valid URL."),
        ("contact_email", "dc-pal-at-example", "Enter a valid email address."),
        ("year_formed", "1999", "Enter a year between 2006 and {this_year}."),
        ("year_formed", "3000", "Enter a year between 2006 and {this_year}."),
        ("year_formed", "soon", "Enter a whole number."),
    ],
)
def test_profile_bad_input_is_refused_beside_the_field(
    coordinator_client, coalition, field, value, message
):
    before = _profile(coalition)

    response = coordinator_client.post(URL, {**VALID, field: value})

    assert response.status_code == 200
    assertFormError(
        response.context["form"], field, [message.format(this_year=timezone.now().year)]
    )
    form = response.context["form"]
    kept = {name: form[name].value() for name in VALID}
    assert kept == {**VALID, field: value}
    assert _profile(coalition) == before


def test_profile_name_of_another_coalition_is_refused(coordinator_client, coalition):
    make_coalition(name="Internet Rights and Principles Coalition")

    response = coordinator_client.post(
        URL, {**VALID, "name": "Internet Rights and Principles Coalition"}
    )

    assertFormError(response.context["form"], "name", ["Coalition with this Name already exists."])
    assert list(Coalition.objects.order_by("name").values_list("name", flat=True)) == [
        "Dynamic Coalition on Public Access in Libraries",
        "Internet Rights and Principles Coalition",
    ]


def test_profile_bad_input_does_not_leak_into_the_page_heading(coordinator_client, coalition):
    response = coordinator_client.post(URL, {**VALID, "name": "", "acronym": "HIJACK"})

    assert response.context["coalition"].short_name == "DC-PAL"
    assertContains(response, '<a href="/coalitions/dc-pal/" dir="auto">DC-PAL</a>', count=1)


def test_profile_form_fields_are_labelled(coordinator_client, coalition):
    response = coordinator_client.get(URL)

    html = response.content.decode()
    for field in VALID:
        assert html.count(f'for="id_{field}"') == 1
