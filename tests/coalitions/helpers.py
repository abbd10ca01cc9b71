"""Files and objects for the coalitions tests: real PDF, DOCX and ODT bytes, and uploads."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from coalitions import services
from igfsession.agenda.demo.pdf import make_pdf

# A real one-page PDF (the upload check reads it with pypdf), as the demo makes them.
PDF_BYTES = make_pdf(["Principles on public access in libraries."])
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64

CONTENT_TYPES_DOCX = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


# A fixed time in every archive entry: the same call gives the same bytes, whatever the clock.
ZIP_TIME = (2015, 11, 12, 16, 30, 0)


def _entry(name: str, compress_type: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = compress_type
    return info


def docx_bytes(*, content_types: bytes = CONTENT_TYPES_DOCX, document: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("[Content_Types].xml"), content_types)
        archive.writestr(_entry("_rels/.rels"), b"<Relationships/>")
        if document:
            archive.writestr(_entry("word/document.xml"), b"<w:document/>")
    return buffer.getvalue()


def odt_bytes(*, mimetype: bytes = b"application/vnd.oasis.opendocument.text", first=True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if not first:
            archive.writestr(
                _entry("content.xml", zipfile.ZIP_STORED), b"<office:document-content/>"
            )
        archive.writestr(_entry("mimetype", zipfile.ZIP_STORED), mimetype)
        archive.writestr(
            _entry("content.xml" if first else "styles.xml", zipfile.ZIP_STORED),
            b"<office:document/>",
        )
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("readme.txt", zipfile.ZIP_STORED), b"just a zip")
    return buffer.getvalue()


def upload(name="statement.pdf", content=PDF_BYTES, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_version(*, output, user, name="statement.pdf", content=PDF_BYTES):
    return services.output_version_upload(output=output, user=user, file=upload(name, content))


def field_errors(response, field):
    return response.context["form"].errors.get(field)
