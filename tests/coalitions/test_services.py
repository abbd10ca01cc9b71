"""Services against the database: one transaction per submission, full_clean before saving."""

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from coalitions import services
from coalitions.models import JoinRequest, Output, OutputVersion
from tests.coalitions.helpers import upload
from tests.factories import make_output, make_session, make_user

pytestmark = pytest.mark.django_db


def test_output_version_upload_failing_insert_leaves_no_file(
    output, coordinator, media_root, monkeypatch
):
    def broken_save(self, *args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(OutputVersion, "save", broken_save)

    with pytest.raises(IntegrityError):
        services.output_version_upload(output=output, user=coordinator, file=upload())

    assert OutputVersion.objects.count() == 0
    assert list((media_root / "outputs").iterdir()) == []


def test_output_version_upload_numbers_follow_the_highest(output, coordinator):
    numbers = [
        services.output_version_upload(output=output, user=coordinator, file=upload()).number
        for _ in range(3)
    ]

    assert numbers == [1, 2, 3]


def test_output_version_upload_records_the_moment_given(output, coordinator):
    moment = datetime(2015, 9, 23, 18, 0, tzinfo=UTC)

    version = services.output_version_upload(
        output=output, user=coordinator, file=upload(), at=moment
    )

    version.refresh_from_db()
    assert version.uploaded_at == moment


def test_output_version_upload_without_a_moment_is_now(output, coordinator):
    now = datetime(2015, 11, 12, 19, 45, tzinfo=UTC)

    with time_machine.travel(now, tick=False):
        version = services.output_version_upload(output=output, user=coordinator, file=upload())

    version.refresh_from_db()
    assert version.uploaded_at == now


def test_output_version_upload_by_outsider_is_refused(output):
    with pytest.raises(PermissionDenied):
        services.output_version_upload(output=output, user=make_user(), file=upload())

    assert OutputVersion.objects.count() == 0


def test_output_create_makes_a_unique_slug(coalition, coordinator, session):
    make_output(coalition=coalition, session=make_session(), slug="principles")

    output = services.output_create(
        coalition=coalition, session=session, user=coordinator, title="Principles"
    )

    assert output.slug == "principles-2"
    assert output.status == Output.Status.DRAFT


def test_coalition_update_rejects_unknown_fields(coalition, coordinator):
    with pytest.raises(TypeError):
        services.coalition_update(coalition=coalition, user=coordinator, is_active=False)


def test_join_request_submit_without_consent_stores_nothing(coalition):
    with pytest.raises(ValidationError) as caught:
        services.join_request_submit(
            coalition=coalition,
            name="Ana",
            email="ana@example.org",
            stakeholder_group="academia",
            region="weog",
            consent=False,
        )

    assert caught.value.message_dict == {
        "consent": ["Tick this box to agree that the coalition may contact you."]
    }
    assert JoinRequest.objects.count() == 0


def test_join_request_submit_validates_before_saving(coalition):
    with pytest.raises(ValidationError) as caught:
        services.join_request_submit(
            coalition=coalition,
            name="Ana",
            email="not-an-address",
            stakeholder_group="martians",
            region="weog",
            consent=True,
        )

    assert caught.value.message_dict == {
        "email": ["Enter a valid email address."],
        "stakeholder_group": ["Value 'martians' is not a valid choice."],
    }
    assert JoinRequest.objects.count() == 0


def test_join_request_without_consent_is_refused_by_the_database(coalition):
    with pytest.raises(IntegrityError), transaction.atomic():
        JoinRequest.objects.create(
            coalition=coalition,
            name="Ana",
            email="ana@example.org",
            stakeholder_group="academia",
            region="weog",
            consent=False,
        )


def test_coalitions_never_imports_feedback():
    package = Path(services.__file__).resolve().parent
    offenders = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "feedback"]

    assert offenders == []
