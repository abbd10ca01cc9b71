"""Checks on what coalitions upload and type in: output documents are judged by their content."""

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The oldest Dynamic Coalitions were formed at the first IGF, in Athens in 2006.
FIRST_IGF_YEAR = 2006

OOXML_WORD_MAIN = (
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
ODF_TEXT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Enough to read [Content_Types].xml of any real document, not enough for a zip bomb to hurt.
_CONTENT_TYPES_READ_LIMIT = 1024 * 1024


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


def validate_output_file(file) -> DocumentType:
    """Refuse empty, too large and non-PDF/DOCX/ODT files; return the type the content shows."""
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.OUTPUT_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    document_type = detect_document_type(file)
    if document_type is None:
        raise ValidationError(
            _(
                "This file is not a PDF, DOCX or ODT document. Its content decides, not its "
                "name: save or export it as PDF, DOCX or ODT and upload it again."
            ),
            code="bad_type",
        )
    return document_type


def validate_year_formed(value: int) -> None:
    this_year = timezone.now().year
    if not FIRST_IGF_YEAR <= value <= this_year:
        raise ValidationError(
            _("Enter a year between %(first)s and %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_IGF_YEAR, "last": this_year},
        )
