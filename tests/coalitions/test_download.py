import pytest

from coalitions.models import OutputVersion
from tests.coalitions.helpers import PDF_BYTES, docx_bytes, make_version, odt_bytes, upload
from tests.factories import make_organiser, make_output

pytestmark = pytest.mark.django_db


@pytest.fixture
def output(output):
    """Declared work in progress: a draft is its coalition's own (tests/coalitions/
    test_draft_outputs.py); these are the public's pages."""
    output.status = "wip"
    output.save()
    return output


URL = "/coalitions/dc-pal/outputs/principles/download/"

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_upload_round_trip_gives_back_the_same_bytes_with_the_right_headers(
    client, output, coordinator
):
    content = PDF_BYTES + b"% a unique trailer 8f1c\n"
    client.force_login(coordinator)

    posted = client.post(
        "/coalitions/dc-pal/manage/outputs/principles/upload/",
        {"file": upload("Our FINAL statement (v7).pdf", content, "application/octet-stream")},
    )
    client.logout()
    response = client.get(URL)

    assert posted.status_code == 302
    assert response.status_code == 200
    assert _body(response) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="dc-pal_principles_v1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(content))


@pytest.mark.parametrize(
    "name,content,content_type,filename",
    [
        ("report.docx", docx_bytes(), DOCX_TYPE, "dc-pal_principles_v1.docx"),
        ("report.odt", odt_bytes(), ODT_TYPE, "dc-pal_principles_v1.odt"),
    ],
)
def test_download_word_processor_files_as_attachments(
    client, output, coordinator, name, content, content_type, filename
):
    make_version(output=output, user=coordinator, name=name, content=content)

    response = client.get(URL)

    assert _body(response) == content
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_current_is_the_newest_version(client, output, coordinator):
    make_version(output=output, user=coordinator, content=PDF_BYTES + b"%1")
    make_version(output=output, user=coordinator, content=PDF_BYTES + b"%2")

    response = client.get(URL)

    assert _body(response) == PDF_BYTES + b"%2"
    assert response["Content-Disposition"] == 'inline; filename="dc-pal_principles_v2.pdf"'


def test_download_earlier_version_by_number(client, output, coordinator):
    make_version(output=output, user=coordinator, content=PDF_BYTES + b"%1")
    make_version(output=output, user=coordinator, name="b.docx", content=docx_bytes())

    response = client.get(f"{URL}1/")

    assert _body(response) == PDF_BYTES + b"%1"
    assert response["Content-Disposition"] == 'inline; filename="dc-pal_principles_v1.pdf"'


def test_download_unknown_version_is_404(client, output, coordinator):
    make_version(output=output, user=coordinator)

    assert client.get(f"{URL}2/").status_code == 404


def test_download_output_without_file_is_404(client, output):
    assert client.get(URL).status_code == 404


def test_download_version_of_another_coalitions_output_is_404(client, output, other_coalition):
    other = make_output(coalition=other_coalition, slug="charter")
    make_version(output=other, user=make_organiser())

    assert client.get(f"{URL}1/").status_code == 404
    assert client.get("/coalitions/irpc/outputs/charter/download/1/").status_code == 200


def test_download_file_missing_from_storage_is_404(client, output, coordinator):
    version = make_version(output=output, user=coordinator)
    version.file.storage.delete(version.file.name)

    assert client.get(URL).status_code == 404


def test_download_is_not_served_from_the_media_folder(client, output, coordinator):
    version = make_version(output=output, user=coordinator)

    response = client.get(f"/media/{version.file.name}")

    assert response.status_code == 404


def test_download_refuses_post(client, output, coordinator):
    make_version(output=output, user=coordinator)

    assert client.post(URL).status_code == 405


def test_stored_name_is_random_not_the_uploaders(output, coordinator):
    first = make_version(output=output, user=coordinator, name="statement.pdf")
    second = make_version(output=output, user=coordinator, name="statement.pdf")

    names = list(OutputVersion.objects.order_by("number").values_list("file", flat=True))
    assert names == [first.file.name, second.file.name]
    assert first.file.name != second.file.name
    for name in names:
        assert name.startswith("outputs/")
        assert name.endswith(".pdf")
        assert "statement" not in name
        assert len(name) == len("outputs/") + 32 + len(".pdf")
