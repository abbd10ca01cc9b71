"""An output's file versions: every upload is kept, judged by its content, stored under a random
name."""

import hashlib
import logging
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Output, OutputVersion
from ..permissions import can_upload_output_version
from ..validators import validate_output_file
from ._common import lock

logger = logging.getLogger(__name__)


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _store(version: OutputVersion, file) -> None:
    """Save the file in the storage. A storage that fails (a full disk, an unreachable bucket)
    leaves no partial file behind and becomes a message beside the file field; the earlier
    versions are untouched."""
    field = version.file.field
    storage = field.storage
    name = field.generate_filename(version, file.name)
    taken = storage.exists(name)  # a random name, never taken; but never remove another file
    try:
        stored = storage.save(name, file, max_length=field.max_length)
    except OSError as error:
        logger.error("Storing an upload of output %s failed: %s", version.output_id, error)
        if not taken:
            _discard(storage, name)
        raise ValidationError(
            {
                "file": _(
                    "The file could not be stored, so no new version was made (the earlier "
                    "versions are unchanged). Please try again later; if it fails again, tell "
                    "the organisers."
                )
            },
            code="storage",
        ) from error
    version.file = stored  # a name: the file counts as saved (FileField saves uncommitted ones)


def _discard(storage, name: str) -> None:
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError:
        logger.exception("Removing the partial upload %s failed", name)


def output_version_upload(
    *, output: Output, user, file, at: datetime | None = None
) -> OutputVersion:
    """Keep a new file version of the output, uploaded at ``at`` (now). Its type is read from
    its content.

    The stored name is random; the uploader's file name is only recorded.
    """
    if not can_upload_output_version(user, output):
        raise PermissionDenied
    try:
        document_type = validate_output_file(file)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from error
    original_name = (file.name or "")[:255]
    sha256 = _sha256(file)
    file.name = f"document.{document_type.extension}"
    with transaction.atomic():
        lock(output)
        number = (output.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
        version = OutputVersion(
            output=output,
            number=number,
            file=file,
            original_name=original_name,
            content_type=document_type.content_type,
            size=file.size,
            sha256=sha256,
            uploaded_by=user,
            uploaded_at=at or timezone.now(),
        )
        version.full_clean()
        _store(version, file)  # under a random name: see upload_to
        try:
            version.save()
        except BaseException:
            version.file.delete(save=False)
            raise
    return version
