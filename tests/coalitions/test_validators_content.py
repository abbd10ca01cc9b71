"""Uploads judged by what they really are: a PDF must read as one, a DOCX or ODT must not be a
ZIP bomb; real documents made with LibreOffice pass (tests/fixtures/documents/README.md)."""

import struct
import time
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from coalitions.models import OutputVersion
from coalitions.validators import DOCX, ODT, PDF, validate_output_file
from tests.coalitions.helpers import CONTENT_TYPES_DOCX, ZIP_TIME, upload

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
URL = "/coalitions/dc-pal/manage/outputs/principles/upload/"

BAD_PDF = (
    "This file starts like a PDF but cannot be read as a PDF document with at least one page. "
    "Export it again as PDF from the program that made it and upload it again."
)
TOO_MANY = (
    "This document is made of more than 2,000 parts (files packed inside it); a real DOCX or "
    "ODT document has far fewer. Save it again from your word processor and upload it again."
)
RATIO = (
    "A part of this document unpacks to more than 200 times its packed size, which no real "
    "document does. Save it again from your word processor and upload it again."
)
ZERO_PAGES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


def _refusal(file) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        validate_output_file(file)
    return caught.value.messages


def _entry(name: str, compress_type=zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = compress_type
    return info


def _docx_with(archive: zipfile.ZipFile) -> None:
    archive.writestr(_entry("[Content_Types].xml"), CONTENT_TYPES_DOCX)
    archive.writestr(_entry("_rels/.rels"), b"<Relationships/>")


def _temporary_upload(path: Path, name: str) -> TemporaryUploadedFile:
    """The file as Django hands a large upload to the validator: on disk, read from there."""
    upload_file = TemporaryUploadedFile(name, "application/octet-stream", path.stat().st_size, None)
    with path.open("rb") as source:
        while chunk := source.read(1024 * 1024):
            upload_file.write(chunk)
    upload_file.seek(0)
    return upload_file


@pytest.mark.parametrize(
    "name,expected",
    [("repetitive.docx", DOCX), ("repetitive.odt", ODT), ("repetitive.pdf", PDF)],
)
def test_long_repetitive_documents_made_with_libreoffice_are_accepted(name, expected):
    content = (DOCUMENTS / name).read_bytes()

    assert validate_output_file(upload(name, content, "application/octet-stream")) == expected


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n", id="html"),
        pytest.param(
            b"%PDF-1.7\n<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>\n%%EOF\n",
            id="svg",
        ),
        pytest.param(ZERO_PAGES, id="no-page"),
        pytest.param((DOCUMENTS / "repetitive.pdf").read_bytes()[:20_000], id="truncated"),
    ],
)
def test_pdf_header_on_what_is_not_a_pdf_is_refused(content):
    assert _refusal(upload("statement.pdf", content)) == [BAD_PDF]


def test_polyglot_upload_is_refused_beside_the_field_and_nothing_stored(
    coordinator_client, output, media_root
):
    polyglot = b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n"

    response = coordinator_client.post(URL, {"file": upload("statement.pdf", polyglot)})

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [BAD_PDF]}
    assert OutputVersion.objects.count() == 0
    assert not (media_root / "outputs").exists()


def test_real_odt_upload_in_the_portal_is_stored(coordinator_client, output, media_root):
    content = (DOCUMENTS / "repetitive.odt").read_bytes()

    response = coordinator_client.post(URL, {"file": upload("statement.odt", content)})

    assert response.status_code == 302
    version = OutputVersion.objects.get()
    assert (version.content_type, version.size) == (ODT.content_type, len(content))


def test_bomb_by_size_is_refused(tmp_path):
    # 300 MB of zeros in word/document.xml, written streaming: about 300 KB on disk.
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as archive:
        _docx_with(archive)
        with archive.open(_entry("word/document.xml"), "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(300):
                member.write(block)
    assert path.stat().st_size < 1024 * 1024

    messages = _refusal(_temporary_upload(path, "statement.docx"))

    assert messages == [
        "This document would unpack to 300.0\xa0MB; the most accepted is 200.0\xa0MB. Save it "
        "again from your word processor (with smaller images, say) and upload it again."
    ]


def test_bomb_by_ratio_under_the_size_limit_is_refused():
    buffer = SimpleUploadedFile("statement.docx", b"")
    with zipfile.ZipFile(buffer.file, "w") as archive:
        _docx_with(archive)
        archive.writestr(_entry("word/document.xml"), b"<w:document/>" + b" " * 10_000_000)
    buffer.size = buffer.file.tell()

    assert _refusal(buffer) == [RATIO]


def _many_entries_zip(count: int, *, declared: int | None = None) -> bytes:
    """A ZIP of ``count`` empty stored entries, written byte by byte (fast even for 150,000);
    its end record declares ``declared`` entries (the real count unless forged)."""
    local, directory = bytearray(), bytearray()
    for n in range(count):
        name = f"{n}.xml".encode()
        offset = len(local)
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0)
        local += name
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0,
            0, offset,
        )  # fmt: skip
        directory += name
    shown = count if declared is None else declared
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, shown, shown, len(directory), len(local), 0)
    return bytes(local + directory + end)


def test_bomb_by_count_is_refused():
    content = _many_entries_zip(2001)

    assert len(zipfile.ZipFile(SimpleUploadedFile("x", content)).infolist()) == 2001
    assert _refusal(upload("statement.docx", content)) == [TOO_MANY]


def test_bomb_by_count_with_a_forged_end_record_is_refused():
    content = _many_entries_zip(2001, declared=3)

    assert _refusal(upload("statement.docx", content)) == [TOO_MANY]


def test_150000_entries_are_refused_within_a_second():
    content = _many_entries_zip(150_000, declared=1)
    file = upload("statement.docx", content)

    started = time.perf_counter()
    messages = _refusal(file)
    elapsed = time.perf_counter() - started

    assert messages == [TOO_MANY]
    assert elapsed < 1.0


def test_2000_entries_are_not_refused_for_their_number():
    # At the limit: refused only because it is not a DOCX (no [Content_Types].xml).
    assert _refusal(upload("statement.docx", _many_entries_zip(2000))) == [
        "This file is not a PDF, DOCX or ODT document. Its content decides, not its name: save or "
        "export it as PDF, DOCX or ODT and upload it again."
    ]


def _docx_declaring(unpacked: int) -> SimpleUploadedFile:
    """A DOCX whose word/document.xml holds 1,000 bytes stored and whose directory says it
    unpacks to ``unpacked`` bytes: a ratio of unpacked / 1,000."""
    buffer = SimpleUploadedFile("statement.docx", b"")
    with zipfile.ZipFile(buffer.file, "w") as archive:
        _docx_with(archive)
        archive.writestr(_entry("word/document.xml", zipfile.ZIP_STORED), b"x" * 1000)
    content = bytearray(buffer.file.getvalue())
    # Its entry in the central directory: 46 bytes of header, then the name.
    header = content.index(b"word/document.xml", content.index(b"PK\x01\x02")) - 46
    assert content[header : header + 4] == b"PK\x01\x02"
    content[header + 24 : header + 28] = struct.pack("<I", unpacked)
    return upload("statement.docx", bytes(content))


def test_a_ratio_of_200_is_accepted_and_above_refused():
    assert validate_output_file(_docx_declaring(200_000)) == DOCX
    assert _refusal(_docx_declaring(200_001)) == [RATIO]
