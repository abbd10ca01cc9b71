"""Languages: the switcher on every page, right-to-left Arabic, per-language dates and caching.

Whether the strings are translated is .ci/check_translations.py's job; these tests check the
machinery, so they hold before and after the translators fill in locale/*/django.po.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import check_for_language

from tests.igfsession.helpers import make_agenda

pytestmark = pytest.mark.django_db

MAIN_PAGES = ["/", "/agenda/", "/coalitions/", "/feedback/"]
LANGUAGE_CODES = ["en", "pt-br", "es", "fr", "ar"]


@pytest.fixture(autouse=True)
def _back_to_english():
    # LocaleMiddleware activates a request's language in the thread and leaves it there.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def agenda():
    return make_agenda(slots=2)


def in_language(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def switcher(html: str) -> str:
    match = re.search(r'<form class="language-switcher[^"]*"[^>]*>.*?</form>', html, re.S)
    assert match, "no language switcher on the page"
    return match.group(0)


def day_headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="day-\d+" class="mt-4">(.*?)</h2>', html)


def test_languages_are_the_five_each_named_in_itself():
    assert settings.LANGUAGES == [
        ("en", "English"),
        ("pt-br", "Português (Brasil)"),
        ("es", "Español"),
        ("fr", "Français"),
        ("ar", "العربية"),
    ]


def test_locale_middleware_runs_after_sessions_and_before_common():
    middleware = settings.MIDDLEWARE
    locale = middleware.index("django.middleware.locale.LocaleMiddleware")

    assert middleware.index("django.contrib.sessions.middleware.SessionMiddleware") < locale
    assert locale < middleware.index("django.middleware.common.CommonMiddleware")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_has_a_catalog(code):
    assert check_for_language(code) is True


@pytest.mark.parametrize("folder", ["pt_BR", "es", "fr", "ar"])
def test_compiled_catalog_is_in_the_repository(folder):
    # `make run` works without gettext: Django reads the committed .mo files with Python alone.
    mo_file = Path(settings.BASE_DIR, "locale", folder, "LC_MESSAGES", "django.mo")

    assert mo_file.is_file()


@pytest.mark.parametrize("url", MAIN_PAGES)
def test_main_page_has_the_language_switcher_with_a_label(client, agenda, url):
    html = client.get(url).content.decode()

    form = switcher(html)
    assert 'action="/i18n/setlang/" method="post"' in form
    assert f'<input type="hidden" name="next" value="{url}">' in form
    assert '<label class="small" for="language-switcher-select">Language</label>' in form
    assert '<select class="form-select form-select-sm w-auto" id="language-switcher-select" ' in (
        form
    )
    assert re.findall(r'<option value="([^"]+)"', form) == LANGUAGE_CODES
    assert '<button type="submit" class="btn btn-sm btn-outline-secondary">Change language' in (
        form
    )


def test_switcher_names_each_language_in_itself_and_selects_the_current_one(client, agenda):
    html = in_language(client, "fr").get("/agenda/").content.decode()

    options = re.findall(r"<option [^>]*>[^<]*</option>", switcher(html))
    assert options == [
        '<option value="en" lang="en">English</option>',
        '<option value="pt-br" lang="pt-br">Português (Brasil)</option>',
        '<option value="es" lang="es">Español</option>',
        '<option value="fr" lang="fr" selected>Français</option>',
        '<option value="ar" lang="ar">العربية</option>',
    ]


def test_switcher_keeps_the_query_string_in_next(client, agenda):
    html = client.get("/coalitions/?q=libraries").content.decode()

    assert '<input type="hidden" name="next" value="/coalitions/?q=libraries">' in switcher(html)


def test_set_language_post_redirects_to_next_and_sets_the_cookie():
    # No CSRF token in the switcher: the pages that carry it are cached publicly.
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/agenda/"})

    assert response.status_code == 302
    assert response["Location"] == "/agenda/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_set_language_refuses_a_next_on_another_site(client):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "https://elsewhere.example/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_set_language_then_the_page_is_in_that_language(client, agenda):
    client.post("/i18n/setlang/", {"language": "pt-br", "next": "/agenda/"})

    response = client.get("/agenda/")

    assert response["Content-Language"] == "pt-br"
    assert response.context["LANGUAGE_CODE"] == "pt-br"
    assert '<html lang="pt-br" dir="ltr">' in response.content.decode()


def test_english_page_is_left_to_right_with_the_ltr_stylesheet(client, agenda):
    html = client.get("/").content.decode()

    assert '<html lang="en" dir="ltr">' in html
    assert "/static/bootstrap/css/bootstrap.min.css" in html
    assert "bootstrap.rtl.min.css" not in html


def test_arabic_from_accept_language_is_right_to_left_with_the_rtl_stylesheet(client, agenda):
    html = client.get("/", headers={"accept-language": "ar"}).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert '<link rel="stylesheet" href="/static/bootstrap/css/bootstrap.rtl.min.css">' in html
    assert "bootstrap/css/bootstrap.min.css" not in html


@pytest.mark.parametrize("url", MAIN_PAGES)
def test_arabic_from_the_cookie_is_right_to_left_on_every_main_page(client, agenda, url):
    html = in_language(client, "ar").get(url).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert '<link rel="stylesheet" href="/static/bootstrap/css/bootstrap.rtl.min.css">' in html


def test_cookie_wins_over_accept_language(client, agenda):
    response = in_language(client, "es").get("/", headers={"accept-language": "ar"})

    assert response.context["LANGUAGE_CODE"] == "es"
    assert '<html lang="es" dir="ltr">' in response.content.decode()


def test_unknown_language_falls_back_to_english(client, agenda):
    html = client.get("/", headers={"accept-language": "de"}).content.decode()

    assert '<html lang="en" dir="ltr">' in html


def test_translation_override_activates_brazilian_portuguese():
    with translation.override("pt-br"):
        assert translation.get_language() == "pt-br"
        assert translation.get_language_bidi() is False
    with translation.override("ar"):
        assert translation.get_language_bidi() is True


def test_agenda_days_in_english_keep_the_igf_order(client, agenda):
    html = client.get("/agenda/").content.decode()

    assert day_headings(html) == ["Thursday 12 November 2015", "Friday 13 November 2015"]


@pytest.mark.parametrize(
    ("code", "date"),
    [
        ("pt-br", "12 de novembro de 2015"),
        ("es", "12 de noviembre de 2015"),
        ("fr", "12 novembre 2015"),
        ("ar", "12 نوفمبر، 2015"),
    ],
)
def test_agenda_days_are_dated_in_the_language_format(client, agenda, code, date):
    html = in_language(client, code).get("/agenda/").content.decode()

    first_day = day_headings(html)[0]
    # Month names are case-folded: Django's Portuguese capitalises them until ours say otherwise.
    assert date.casefold() in first_day.casefold()


def test_sheet_closing_time_is_in_the_language_format(client, agenda):
    _session, _day3, _day4, slots = agenda
    sheet = slots[0].output.rating_sheet
    sheet.opens_at = None
    sheet.closes_at = slots[0].starts_at  # 16:30 at the venue on 12 Nov 2015: closed by now
    sheet.save()

    html = in_language(client, "es").get("/feedback/pal/").content.decode()

    assert "12 de noviembre de 2015 a las 16:30 (America/Fortaleza)" in html


def test_public_page_validators_differ_per_language(client, agenda):
    english = client.get("/agenda/")

    french = in_language(client, "fr").get("/agenda/", headers={"if-none-match": english["ETag"]})

    assert french.status_code == 200
    assert french["ETag"] != english["ETag"]


@pytest.mark.parametrize("url", ["/", "/agenda/", "/agenda/now/", "/agenda/now.json"])
def test_public_page_varies_on_the_language_cookie_and_header(client, agenda, url):
    response = client.get(url)

    assert {"Accept-Language", "Cookie"} <= {part.strip() for part in response["Vary"].split(",")}


@pytest.mark.django_db
def test_agenda_day_heading_starts_with_a_capital_in_spanish(client):
    from tests.igfsession.helpers import make_agenda

    make_agenda(slots=1)

    response = client.get("/agenda/", headers={"accept-language": "es"})

    assert '<h2 id="day-1" class="mt-4">Jueves, 12 de noviembre de 2015</h2>' in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_arabic_pages_separate_with_the_arabic_comma(client):
    from tests.igfsession.helpers import make_agenda

    make_agenda(slots=1)

    html = client.get("/", headers={"accept-language": "ar"}).content.decode()

    assert '2015، <time datetime="2015-11-12T16:30:00-03:00">' in html
