import pytest
from django.core.exceptions import ValidationError

from coalitions.validators import DOCX, ODT, PDF, detect_document_type, validate_output_file
from tests.coalitions.helpers import (
    CONTENT_TYPES_DOCX,
    EXE_BYTES,
    PDF_BYTES,
    docx_bytes,
    odt_bytes,
    upload,
    zip_bytes,
)


def test_detect_document_type_pdf_by_its_header():
    assert detect_document_type(upload("x.bin", PDF_BYTES)) == PDF


def test_detect_document_type_docx_by_its_zip_structure_and_content_type():
    assert detect_document_type(upload("x.bin", docx_bytes())) == DOCX


def test_detect_document_type_odt_by_its_first_mimetype_entry():
    assert detect_document_type(upload("x.bin", odt_bytes())) == ODT


def test_detect_document_type_leaves_the_file_at_its_start():
    file = upload("x.docx", docx_bytes())

    detect_document_type(file)

    assert file.tell() == 0


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(EXE_BYTES, id="windows-executable"),
        pytest.param(b"<html><script>alert(1)</script></html>", id="html"),
        pytest.param(zip_bytes(), id="plain-zip"),
        pytest.param(b"PK\x03\x04 not really a zip", id="broken-zip"),
        pytest.param(docx_bytes(document=False), id="docx-without-word-document"),
        pytest.param(
            docx_bytes(content_types=CONTENT_TYPES_DOCX.replace(b"wordprocessingml", b"x")),
            id="docx-with-another-content-type",
        ),
        pytest.param(
            odt_bytes(mimetype=b"application/vnd.oasis.opendocument.spreadsheet"),
            id="ods-spreadsheet",
        ),
        pytest.param(odt_bytes(first=False), id="odt-mimetype-not-first"),
        pytest.param(b" %PDF-1.4", id="pdf-header-not-at-start"),
    ],
)
def test_detect_document_type_other_content_is_none(content):
    assert detect_document_type(upload("document.pdf", content)) is None


def test_validate_output_file_exe_renamed_pdf_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_output_file(upload("statement.pdf", EXE_BYTES, "application/pdf"))

    assert caught.value.messages == [
        "This file is not a PDF, DOCX or ODT document. Its content decides, not its name: "
        "save or export it as PDF, DOCX or ODT and upload it again."
    ]


def test_validate_output_file_empty_is_refused():
    with pytest.raises(ValidationError) as caught:
        validate_output_file(upload("statement.pdf", b""))

    assert caught.value.messages == ["The file is empty."]


def test_validate_output_file_over_the_setting_is_refused(settings):
    settings.OUTPUT_UPLOAD_MAX_BYTES = 1024

    with pytest.raises(ValidationError) as caught:
        validate_output_file(upload("statement.pdf", PDF_BYTES + b"0" * (1100 - len(PDF_BYTES))))

    assert caught.value.messages == [
        "The file is 1.1\xa0KB; the largest file accepted is 1.0\xa0KB."
    ]


def test_validate_output_file_at_the_limit_is_accepted(settings):
    content = PDF_BYTES + b"0" * (1024 - len(PDF_BYTES))
    settings.OUTPUT_UPLOAD_MAX_BYTES = 1024

    assert validate_output_file(upload("statement.pdf", content)) == PDF


def test_validate_output_file_type_comes_from_content_not_name():
    assert validate_output_file(upload("statement.pdf", docx_bytes())) == DOCX
