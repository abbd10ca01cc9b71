import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertFormError, assertRedirects

from coalitions.models import OutputVersion
from tests.coalitions.helpers import EXE_BYTES, PDF_BYTES, docx_bytes, odt_bytes, upload
from tests.factories import make_issue, make_rating, make_response, make_sheet

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]

URL = "/coalitions/dc-pal/manage/outputs/principles/upload/"
BAD_TYPE = (
    "This file is not a PDF, DOCX or ODT document. Its content decides, not its name: save or "
    "export it as PDF, DOCX or ODT and upload it again."
)


def _stored_files(media_root):
    folder = media_root / "outputs"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(
    "name,content,content_type",
    [
        ("statement.pdf", PDF_BYTES, "application/pdf"),
        (
            "statement.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("statement.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_upload_accepts_pdf_docx_and_odt(
    coordinator_client, output, coordinator, name, content, content_type
):
    response = coordinator_client.post(URL, {"file": upload(name, content, "text/plain")})

    assertRedirects(response, "/coalitions/dc-pal/manage/outputs/principles/")
    version = OutputVersion.objects.get()
    assert (
        version.number,
        version.original_name,
        version.content_type,
        version.size,
        version.sha256,
        version.uploaded_by,
    ) == (1, name, content_type, len(content), hashlib.sha256(content).hexdigest(), coordinator)
    with version.file.open("rb") as stored:
        assert stored.read() == content


def test_upload_says_which_version_was_made(coordinator_client, output):
    response = coordinator_client.post(URL, {"file": upload()}, follow=True)

    assertContains(response, '<p class="alert alert-success">Version 1 was uploaded.</p>', count=1)


def test_upload_version_history_keeps_every_upload(
    coordinator_client, client, output, coordinator, organiser
):
    coordinator_client.post(URL, {"file": upload("v1.pdf", PDF_BYTES + b"%1")})
    coordinator_client.post(URL, {"file": upload("v2.docx", docx_bytes())})
    client.force_login(organiser)
    client.post(URL, {"file": upload("v3.pdf", PDF_BYTES + b"%3")})

    versions = OutputVersion.objects.order_by("number")
    assert [(v.number, v.original_name, v.uploaded_by.username) for v in versions] == [
        (1, "v1.pdf", "coordinator"),
        (2, "v2.docx", "coordinator"),
        (3, "v3.pdf", "organiser"),
    ]
    assert [v.uploaded_at is not None for v in versions] == [True, True, True]
    for version, content in zip(
        versions, [PDF_BYTES + b"%1", docx_bytes(), PDF_BYTES + b"%3"], strict=True
    ):
        with version.file.open("rb") as stored:
            assert stored.read() == content


def test_upload_portal_lists_every_version_with_uploader_and_date(coordinator_client, output):
    coordinator_client.post(URL, {"file": upload("first.pdf")})
    coordinator_client.post(URL, {"file": upload("second.pdf")})

    response = coordinator_client.get("/coalitions/dc-pal/manage/outputs/principles/")

    assert [v.number for v in response.context["versions"]] == [2, 1]
    assertContains(response, '<td data-label="By">coordinator</td>', count=2)
    assertContains(response, '<td data-label="File name when uploaded">first.pdf</td>', count=1)
    assertContains(response, '<td data-label="File name when uploaded">second.pdf</td>', count=1)


def test_upload_keeps_the_issues_and_their_ratings(coordinator_client, output):
    issue = make_issue(output=output, title="Access for all")
    sheet = make_sheet(output=output, opens_at=None)
    rating = make_rating(response=make_response(sheet=sheet), issue=issue, mark="5")
    coordinator_client.post(URL, {"file": upload("v1.pdf")})

    coordinator_client.post(URL, {"file": upload("v2.pdf")})

    assert list(output.issues.values_list("title", flat=True)) == ["Access for all"]
    assert list(issue.ratings.all()) == [rating]
    assert OutputVersion.objects.count() == 2


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.pdf", EXE_BYTES, BAD_TYPE),
        ("page.pdf", b"<html><script>alert(1)</script></html>", BAD_TYPE),
        ("archive.docx", b"PK\x03\x04garbage", BAD_TYPE),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_upload_bad_file_is_refused_beside_the_field(
    coordinator_client, output, media_root, name, content, message
):
    response = coordinator_client.post(URL, {"file": upload(name, content)})

    assert response.status_code == 200
    assertFormError(response.context["form"], "file", [message])
    assert OutputVersion.objects.count() == 0
    assert _stored_files(media_root) == []


def test_upload_too_large_is_refused_beside_the_field(
    coordinator_client, output, settings, media_root
):
    settings.OUTPUT_UPLOAD_MAX_BYTES = 2048

    response = coordinator_client.post(
        URL, {"file": upload(content=PDF_BYTES + b"0" * (2100 - len(PDF_BYTES)))}
    )

    assertFormError(
        response.context["form"],
        "file",
        ["The file is 2.1\xa0KB; the largest file accepted is 2.0\xa0KB."],
    )
    assert OutputVersion.objects.count() == 0
    assert _stored_files(media_root) == []


def _settings_value(**env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "igfsession.settings", **env}
    environment = {name: value for name, value in environment.items() if value is not None}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.OUTPUT_UPLOAD_MAX_BYTES)",
        ],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_upload_limit_is_20_mb_by_default():
    result = _settings_value(OUTPUT_UPLOAD_MAX_MB=None)

    assert result.stdout == f"{20 * 1024 * 1024}\n"


def test_upload_limit_comes_from_output_upload_max_mb():
    result = _settings_value(OUTPUT_UPLOAD_MAX_MB="5")

    assert result.stdout == f"{5 * 1024 * 1024}\n"


def test_upload_limit_unreadable_stops_start_up():
    result = _settings_value(OUTPUT_UPLOAD_MAX_MB="lots")

    assert result.returncode == 1
    assert "OUTPUT_UPLOAD_MAX_MB must be a whole number; got 'lots'." in result.stderr


def test_upload_form_tells_the_limit(coordinator_client, output):
    response = coordinator_client.get(URL)

    assertContains(
        response,
        "PDF, DOCX or ODT, at most 20.0\xa0MB. Each upload becomes a new version; "
        "earlier versions are kept.",
        count=1,
    )
    assertContains(response, 'enctype="multipart/form-data"', count=1)


def test_upload_without_file_is_refused(coordinator_client, output):
    response = coordinator_client.post(URL, {})

    assertFormError(response.context["form"], "file", ["This field is required."])
    assert OutputVersion.objects.count() == 0


def test_upload_name_over_255_characters_is_shortened_not_refused(coordinator_client, output):
    long_name = "n" * 300 + ".pdf"

    coordinator_client.post(URL, {"file": SimpleUploadedFile(long_name, PDF_BYTES)})

    version = OutputVersion.objects.get()
    assert version.original_name == "n" * 251 + ".pdf"
    assert len(version.file.name) == len("outputs/") + 32 + len(".pdf")


def test_upload_renamed_docx_is_stored_as_docx(coordinator_client, output):
    coordinator_client.post(URL, {"file": upload("statement.pdf", docx_bytes())})

    version = OutputVersion.objects.get()
    assert version.content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert version.file.name.endswith(".docx")
    assert version.download_name() == "dc-pal_principles_v1.docx"
