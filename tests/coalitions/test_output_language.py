"""An output's language is a choice of the site's languages, in the portal and in any write."""

import pytest
from django.core.exceptions import ValidationError

from coalitions import services

pytestmark = pytest.mark.django_db

BASE = "/coalitions/dc-pal/manage/outputs/principles/"


def test_the_edit_form_offers_the_sites_languages_as_a_select(coordinator_client, output):
    response = coordinator_client.get(f"{BASE}edit/")

    field = response.context["form"]["language"]
    assert field.field.choices == [
        ("en", "English"),
        ("pt-br", "Português (Brasil)"),
        ("es", "Español"),
        ("fr", "Français"),
        ("ar", "العربية"),
    ]
    assert field.label == "Language of the document"
    assert '<select name="language"' in response.content.decode()
    assert '<option value="en" selected>English</option>' in response.content.decode()


def test_the_add_form_offers_them_too(coordinator_client, session):
    response = coordinator_client.get("/coalitions/dc-pal/manage/outputs/new/")

    assert '<option value="ar">العربية</option>' in response.content.decode()


def test_choosing_a_site_language_saves_it(coordinator_client, output):
    coordinator_client.post(f"{BASE}edit/", {"title": "T", "summary": "", "language": "ar"})

    output.refresh_from_db()
    assert output.language == "ar"


def test_a_service_write_with_another_language_is_refused(output, coordinator):
    with pytest.raises(ValidationError) as error:
        services.output_update(output=output, user=coordinator, language="de")

    assert error.value.message_dict == {"language": ["Choose one of the site's languages."]}
    output.refresh_from_db()
    assert output.language == "en"
