"""What a request may carry (igfsession/request_limits.py): NUL in the address is a 400 page,
a body over the cap a 413 page, read no further; the output uploads keep their larger limit."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from coalitions.models import JoinRequest, OutputVersion
from tests.factories import make_coalition, make_coordinator, make_output, make_session

pytestmark = pytest.mark.django_db

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
NUL_PAGE = (
    "The address contains a NUL character (%00), which no page of this site accepts. Remove it, "
    "or follow the link again from the page you came from."
)
JOIN = {
    "name": "Ana Souza",
    "email": "ana@example.org",
    "stakeholder_group": "civil_society",
    "region": "grulac",
    "message": "I run a public library in Recife.",
    "consent": "on",
}
SIXTY_MB = 60 * 1024 * 1024


def _paragraphs(response) -> list[str]:
    html = response.content.decode()
    return [re.sub(r"[ \t\n]+", " ", p).strip() for p in re.findall(r"<p>(.*?)</p>", html, re.S)]


def _too_large(limit: str) -> str:
    return (
        f"What your browser sent is larger than the {limit} this page accepts, so it was not "
        "read and nothing was saved. Go back, shorten what you typed or choose a smaller file, "
        "and send it again."
    )


@pytest.fixture
def coalition_page(db):
    return make_coalition(name="Dynamic Coalition on Public Access in Libraries", slug="dc-pal")


@pytest.mark.parametrize(
    "address",
    [
        "/coalitions/?q=%00",
        "/coalitions/?q=libraries%00",
        "/coalitions/?%00=1",
        "/admin/coalitions/coalition/%00/change/",
        "/feedback/results/?sort=%00",
        "/admin/coalitions/coalition/?q=%00",
    ],
)
def test_nul_in_the_address_is_a_400_page(client, coalition_page, address):
    response = client.get(address)

    assert response.status_code == 400
    assert "<h1>Request not understood</h1>" in response.content.decode()
    assert _paragraphs(response) == [NUL_PAGE, '<a href="/">Back to the home page</a>']


def test_nul_in_an_address_that_leads_nowhere_is_a_404(client, coalition_page):
    response = client.get("/coalitions/dc-pal%00/")

    assert response.status_code == 404


def test_nul_in_a_search_is_refused_before_the_database(
    client, coalition_page, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/coalitions/?q=%00")

    assert response.status_code == 400


def test_search_without_nul_still_answers(client, coalition_page):
    response = client.get("/coalitions/?q=libraries")

    assert response.status_code == 200
    assert [c.slug for c in response.context["coalitions"]] == ["dc-pal"]


def test_nul_in_a_posted_field_is_refused_beside_it_and_nothing_stored(client, coalition_page):
    response = client.post("/coalitions/dc-pal/join/", {**JOIN, "name": "Ana\x00Souza"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["Null characters are not allowed."]}
    assert response.context["form"]["email"].value() == "ana@example.org"
    assert JoinRequest.objects.count() == 0


def _multipart(data: dict) -> bytes:
    return encode_multipart(BOUNDARY, data)


def test_60_mb_to_the_join_form_is_413_unread_and_nothing_stored(client, coalition_page):
    # Content-Length says 60 MB; the body is a small form: the answer comes before reading it.
    body = _multipart(JOIN)

    response = client.generic(
        "POST",
        "/coalitions/dc-pal/join/",
        body,
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(SIXTY_MB),
    )

    assert response.status_code == 413
    assert "<h1>Too much sent</h1>" in response.content.decode()
    assert _paragraphs(response)[0] == _too_large("1.0\xa0MB")
    assert JoinRequest.objects.count() == 0


def test_a_real_body_over_the_cap_is_413_and_nothing_stored(client, coalition_page, settings):
    settings.REQUEST_MAX_BYTES = 2048
    attachment = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n" + b"x" * 4096)

    response = client.post("/coalitions/dc-pal/join/", {**JOIN, "attachment": attachment})

    assert response.status_code == 413
    assert _paragraphs(response)[0] == _too_large("2.0\xa0KB")
    assert JoinRequest.objects.count() == 0


def test_a_body_at_the_cap_is_read(client, coalition_page, settings):
    body = _multipart(JOIN)
    settings.REQUEST_MAX_BYTES = len(body)

    response = client.generic(
        "POST", "/coalitions/dc-pal/join/", body, content_type=MULTIPART_CONTENT
    )

    assert response.status_code == 302
    assert JoinRequest.objects.count() == 1


def test_form_fields_over_django_s_limit_are_413_not_400(client, coalition_page, settings):
    # Under the body cap, but the fields alone are over DATA_UPLOAD_MAX_MEMORY_SIZE: Django's
    # RequestDataTooBig, answered 413 by the root URLconf's handler400.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100

    response = client.post("/coalitions/dc-pal/join/", {**JOIN, "message": "x" * 500})

    assert response.status_code == 413
    assert _paragraphs(response)[0] == _too_large("100\xa0bytes")
    assert JoinRequest.objects.count() == 0


@pytest.fixture
def upload_page(coalition_page):
    session = make_session(name="IGF 2015 main session", is_current=True)
    output = make_output(coalition=coalition_page, session=session, slug="principles")
    coordinator = make_coordinator(coalition_page, username="coordinator")
    return output, coordinator


UPLOAD = "/coalitions/dc-pal/manage/outputs/principles/upload/"


def test_an_upload_over_the_form_cap_is_accepted_by_the_upload_view(
    client, upload_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REQUEST_MAX_BYTES = 1024
    client.force_login(upload_page[1])
    content = (DOCUMENTS / "repetitive.odt").read_bytes()  # 21 KB: over 1 KB, under 20 MB

    response = client.post(UPLOAD, {"file": SimpleUploadedFile("statement.odt", content)})

    assert response.status_code == 302
    assert list(OutputVersion.objects.values_list("number", "size")) == [(1, len(content))]


def test_the_same_body_to_the_join_form_is_413(client, coalition_page, settings):
    settings.REQUEST_MAX_BYTES = 1024
    content = (DOCUMENTS / "repetitive.odt").read_bytes()

    response = client.post(
        "/coalitions/dc-pal/join/", {**JOIN, "file": SimpleUploadedFile("statement.odt", content)}
    )

    assert response.status_code == 413
    assert JoinRequest.objects.count() == 0


def test_an_upload_over_the_file_limit_and_the_form_cap_is_413(client, upload_page, settings):
    client.force_login(upload_page[1])
    limit = settings.OUTPUT_UPLOAD_MAX_BYTES + settings.REQUEST_MAX_BYTES

    response = client.generic(
        "POST",
        UPLOAD,
        _multipart({"file": SimpleUploadedFile("statement.pdf", b"%PDF-1.4\n")}),
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(limit + 1),
    )

    assert response.status_code == 413
    assert _paragraphs(response)[0] == _too_large("21.0\xa0MB")
    assert OutputVersion.objects.count() == 0


def test_the_admin_upload_takes_a_file_over_the_form_cap(client, upload_page, settings, tmp_path):
    from tests.factories import make_organiser

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REQUEST_MAX_BYTES = 1024
    client.force_login(make_organiser(username="organiser"))
    content = (DOCUMENTS / "repetitive.docx").read_bytes()

    response = client.post(
        "/admin/coalitions/outputversion/add/",
        {"output": upload_page[0].pk, "file": SimpleUploadedFile("sent.docx", content)},
    )

    assert response.status_code == 302
    assert list(OutputVersion.objects.values_list("number", "size")) == [(1, len(content))]


HEADER_PAGE = (
    "Your browser sent a header containing a NUL character, which no page of this site "
    "accepts. Try again from another browser."
)


def test_a_session_cookie_holding_nul_is_ignored(client, coalition_page):
    # A quoted cookie value may write NUL as \000; the session store would look it up as is.
    client.cookies["sessionid"] = "aaaaaaaa\x00bbbbbbbb"

    response = client.get("/coalitions/")

    assert response.status_code == 200
    assert response.wsgi_request.COOKIES == {}
    assert response.wsgi_request.user.is_authenticated is False


def test_a_raw_cookie_header_with_an_escaped_nul_is_ignored(coalition_page):
    from django.test import Client

    response = Client().get("/coalitions/", HTTP_COOKIE='sessionid="aaaaaaaa\\000bb"; other=1')

    assert response.status_code == 200
    assert response.wsgi_request.COOKIES == {"other": "1"}


def test_nul_in_a_header_is_a_400_page_and_no_attempt_recorded(client, coalition_page):
    from axes.models import AccessAttempt

    response = client.post(
        "/accounts/login/", {"username": "ana", "password": "guess"}, HTTP_USER_AGENT="x\x00y"
    )

    assert response.status_code == 400
    assert _paragraphs(response) == [HEADER_PAGE, '<a href="/">Back to the home page</a>']
    assert AccessAttempt.objects.count() == 0
