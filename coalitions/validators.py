"""Checks on what coalitions upload and type in: output documents are judged by their content."""

import struct
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

# The oldest Dynamic Coalitions were formed at the first IGF, in Athens in 2006.
FIRST_IGF_YEAR = 2006

OOXML_WORD_MAIN = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
ODF_TEXT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Enough to read [Content_Types].xml of any real document, not enough for a zip bomb to hurt.
_CONTENT_TYPES_READ_LIMIT = 1024 * 1024
# What a DOCX or ODT may hold: a real document has a few dozen entries, unpacks to a few MB, and
# a long, repetitive one compresses below 190 to 1 (tests/fixtures/documents/README.md).
ARCHIVE_MAX_ENTRIES = 2000
ARCHIVE_MAX_UNPACKED_BYTES = 200 * 1024 * 1024
ARCHIVE_MAX_RATIO = 200


@dataclass(frozen=True)
class DocumentType:
    key: str
    label: str
    extension: str
    content_type: str
    inline: bool


PDF = DocumentType("pdf", "PDF", "pdf", "application/pdf", inline=True)
DOCX = DocumentType(
    "docx",
    "DOCX",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    inline=False,
)
ODT = DocumentType("odt", "ODT", "odt", "application/vnd.oasis.opendocument.text", inline=False)
DOCUMENT_TYPES = {t.content_type: t for t in (PDF, DOCX, ODT)}


def _is_docx(archive: zipfile.ZipFile) -> bool:
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        return False
    with archive.open("[Content_Types].xml") as member:
        content_types = member.read(_CONTENT_TYPES_READ_LIMIT)
    return OOXML_WORD_MAIN in content_types


def _is_odt(archive: zipfile.ZipFile) -> bool:
    # ODF requires "mimetype" to be the first entry, stored uncompressed, holding the type.
    entries = archive.infolist()
    if not entries or entries[0].filename != "mimetype":
        return False
    with archive.open(entries[0]) as member:
        return member.read(len(ODF_TEXT_MIMETYPE) + 1).strip() == ODF_TEXT_MIMETYPE


def detect_document_type(file) -> DocumentType | None:
    """The type of a document from its bytes (never its name or the browser's claim), or None."""
    file.seek(0)
    head = file.read(8)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"PK\x03\x04"):
            file.seek(0)
            try:
                with zipfile.ZipFile(file) as archive:
                    if _is_odt(archive):
                        return ODT
                    if _is_docx(archive):
                        return DOCX
            except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError):
                return None
        return None
    finally:
        file.seek(0)


_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END_RECORD = b"PK\x06\x06"
# A central directory entry is 46 bytes and its name: 2,000 entries never need more than 1 MB.
_DIRECTORY_MAX_BYTES = ARCHIVE_MAX_ENTRIES * 512


def _archive_end(file) -> tuple[int, int] | None:
    """The entry count and central directory size that a ZIP's end record declares, read from
    the file's last 64 KB only (never the directory itself, which a bomb makes long); None
    without an end record."""
    file.seek(0, 2)
    start = max(0, file.tell() - (_END_RECORD_SIZE + 0xFFFF))
    file.seek(start)
    tail = file.read()
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        return None
    count, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    if count != 0xFFFF and directory_size != 0xFFFFFFFF:
        return count, directory_size
    # ZIP64: a locator just before the end record points at the ZIP64 end record.
    locator = tail[max(0, at - 20) : at]
    if not locator.startswith(_ZIP64_LOCATOR):
        return count, directory_size
    (offset,) = struct.unpack("<Q", locator[8:16])
    file.seek(offset)
    record = file.read(56)
    if len(record) < 56 or not record.startswith(_ZIP64_END_RECORD):
        return None
    return struct.unpack("<QQ", record[32:48])


def _too_many_entries() -> ValidationError:
    return ValidationError(
        _(
            "This document is made of more than %(limit)s parts (files packed inside it); a real "
            "DOCX or ODT document has far fewer. Save it again from your word processor and "
            "upload it again."
        ),
        code="too_many_entries",
        params={"limit": number_format(ARCHIVE_MAX_ENTRIES, force_grouping=True)},
    )


def check_archive(file) -> None:
    """Refuse a DOCX or ODT (a ZIP) that holds more than ARCHIVE_MAX_ENTRIES entries, unpacks
    to more than ARCHIVE_MAX_UNPACKED_BYTES, or has an entry compressed more than
    ARCHIVE_MAX_RATIO to 1, from the sizes its directory declares: nothing is unpacked. A file
    that is not a readable ZIP passes here; the type check refuses it."""
    try:
        end = _archive_end(file)
        if end is None:
            return
        count, directory_size = end
        if count > ARCHIVE_MAX_ENTRIES or directory_size > _DIRECTORY_MAX_BYTES:
            raise _too_many_entries()
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                entries = archive.infolist()
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
            return
    finally:
        file.seek(0)
    if len(entries) > ARCHIVE_MAX_ENTRIES:
        raise _too_many_entries()
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > ARCHIVE_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _(
                "This document would unpack to %(size)s; the most accepted is %(limit)s. Save it "
                "again from your word processor (with smaller images, say) and upload it again."
            ),
            code="unpacks_too_large",
            params={
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(ARCHIVE_MAX_UNPACKED_BYTES),
            },
        )
    if any(entry.file_size > ARCHIVE_MAX_RATIO * max(entry.compress_size, 1) for entry in entries):
        raise ValidationError(
            _(
                "A part of this document unpacks to more than %(ratio)s times its packed size, "
                "which no real document does. Save it again from your word processor and upload "
                "it again."
            ),
            code="compression_ratio",
            params={"ratio": ARCHIVE_MAX_RATIO},
        )


def check_pdf(file) -> None:
    """Refuse a file that starts like a PDF but does not read as one with at least one page
    (say, a PDF header followed by HTML or SVG)."""
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")  # a PDF locked only against changes opens without a password
        pages = len(reader.pages)
    # pypdf reading a hostile file can fail in nearly any way: each one means "not a PDF".
    except Exception:
        pages = 0
    finally:
        file.seek(0)
    if pages < 1:
        raise ValidationError(
            _(
                "This file starts like a PDF but cannot be read as a PDF document with at least "
                "one page. Export it again as PDF from the program that made it and upload it "
                "again."
            ),
            code="bad_pdf",
        )


def validate_output_file(file) -> DocumentType:
    """Refuse empty, too large and non-PDF/DOCX/ODT files, PDFs that do not read as PDFs and
    DOCX/ODT files that would unpack to too much; return the type the content shows."""
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.OUTPUT_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    file.seek(0)
    if file.read(4) == b"PK\x03\x04":
        check_archive(file)
    document_type = detect_document_type(file)
    if document_type is None:
        raise ValidationError(
            _(
                "This file is not a PDF, DOCX or ODT document. Its content decides, not its "
                "name: save or export it as PDF, DOCX or ODT and upload it again."
            ),
            code="bad_type",
        )
    if document_type is PDF:
        check_pdf(file)
    return document_type


def validate_year_formed(value: int) -> None:
    this_year = timezone.now().year
    if not FIRST_IGF_YEAR <= value <= this_year:
        raise ValidationError(
            _("Enter a year between %(first)s and %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_IGF_YEAR, "last": this_year},
        )
