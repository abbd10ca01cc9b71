"""A storage that fails during an upload (a full disk): a message beside the file field, no
partial file left, the previous version still served."""

import errno
import logging
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from pytest_django.asserts import assertFormError

from coalitions.models import OutputVersion
from tests.coalitions.helpers import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

URL = "/coalitions/dc-pal/manage/outputs/principles/upload/"
DOWNLOAD = "/coalitions/dc-pal/outputs/principles/download/"
MESSAGE = (
    "The file could not be stored, so no new version was made (the earlier versions are "
    "unchanged). Please try again later; if it fails again, tell the organisers."
)


class FullDiskStorage(FileSystemStorage):
    """Writes the first bytes of the file, then runs out of space, as a full disk does."""

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as partial:
            partial.write(next(iter(content.chunks()))[:16])
        raise OSError(errno.ENOSPC, "No space left on device")


def _files(media_root):
    folder = media_root / "outputs"
    return sorted(p.read_bytes() for p in folder.iterdir()) if folder.exists() else []


def _full_disk(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.coalitions.test_portal_upload_storage_error.FullDiskStorage"},
    }


def _body(response):
    return b"".join(response.streaming_content)


def test_upload_on_a_full_disk_says_so_beside_the_file_field(
    coordinator_client, output, settings, media_root, caplog
):
    _full_disk(settings)

    with caplog.at_level(logging.ERROR, logger="coalitions.services.versions"):
        response = coordinator_client.post(URL, {"file": upload("v1.pdf", PDF_BYTES)})

    assert response.status_code == 200
    assertFormError(response.context["form"], "file", [MESSAGE])
    assert OutputVersion.objects.count() == 0
    assert _files(media_root) == []
    assert [r.getMessage() for r in caplog.records] == [
        f"Storing an upload of output {output.pk} failed: [Errno 28] No space left on device"
    ]


def test_upload_on_a_full_disk_keeps_the_previous_version_served(
    coordinator_client, client, output, settings, media_root
):
    coordinator_client.post(URL, {"file": upload("v1.pdf", PDF_BYTES + b"%1")})
    _full_disk(settings)

    response = coordinator_client.post(URL, {"file": upload("v2.pdf", PDF_BYTES + b"%2")})

    assert response.status_code == 200
    assertFormError(response.context["form"], "file", [MESSAGE])
    assert list(OutputVersion.objects.values_list("number", "original_name")) == [(1, "v1.pdf")]
    assert _files(media_root) == [PDF_BYTES + b"%1"]
    download = client.get(DOWNLOAD)
    assert download.status_code == 200
    assert _body(download) == PDF_BYTES + b"%1"
