"""An output's file versions: every upload is kept, judged by its content, stored under a random
name."""

import hashlib
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..models import Output, OutputVersion
from ..permissions import can_upload_output_version
from ..validators import validate_output_file
from ._common import lock


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


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
        version.file.save(file.name, file, save=False)  # under a random name: see upload_to
        try:
            version.save()
        except BaseException:
            version.file.delete(save=False)
            raise
    return version
