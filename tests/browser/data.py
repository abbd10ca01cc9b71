"""The data the browser tests run against, built with tests/factories.py.

A current session running now (by the clock: an opening slot on now, a presentation next), a
coalition with a final output, two issues, a first file version and an open rating sheet, an
organiser and the coalition's coordinator (both able to log in with ``PASSWORD``).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coalitions import services as coalition_services
from igfsession.agenda.demo.pdf import make_pdf
from igfsession.agenda.models import Part, Slot
from tests.factories import (
    make_coalition,
    make_coordinator,
    make_issue,
    make_organiser,
    make_output,
    make_part,
    make_session,
    make_sheet,
    make_slot,
)

PASSWORD = "a-long-test-password"
# A real one-page PDF: the upload check reads it with pypdf.
PDF_BYTES = make_pdf(["Principles on public access in libraries."])


@dataclass
class Site:
    session: object
    coalition: object
    output: object
    issues: list
    sheet: object
    slots: list
    organiser: object
    coordinator: object


def build_site() -> Site:
    now = timezone.now().replace(second=0, microsecond=0)
    session = make_session(
        name="IGF 2015 — Main Session on Dynamic Coalitions",
        slug="igf-2015-dc",
        meeting_name="10th Internet Governance Forum",
        city="João Pessoa",
        venue="Centro de Convenções",
        country="Brazil",
        webcast_url="https://webcast.example.org/igf2015",
        transcript_url="https://transcript.example.org/igf2015",
        is_current=True,
    )
    part = make_part(
        session=session,
        kind=Part.Kind.PRESENTATIONS,
        title="Dynamic Coalitions present their outputs",
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(minutes=60),
        room="Main hall",
    )
    coalition = make_coalition(
        name="Dynamic Coalition on Public Access in Libraries",
        acronym="DC-PAL",
        slug="dc-pal",
        mailing_list="https://lists.example.org/dc-pal",
    )
    coordinator = make_coordinator(coalition, username="coordinator", first_name="Ana")
    organiser = make_organiser(username="organiser")
    output = make_output(
        coalition=coalition,
        session=session,
        title="Principles on public access in libraries",
        slug="principles",
        summary="Why public access to the Internet in libraries matters.",
    )
    issues = [
        make_issue(
            output=output,
            position=1,
            title="Libraries offer public access to the Internet",
            reference="§ 1",
        ),
        make_issue(
            output=output,
            position=2,
            title="Public access needs public funding",
            reference="§ 2",
        ),
    ]
    coalition_services.output_version_upload(
        output=output,
        user=coordinator,
        file=SimpleUploadedFile("principles.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    sheet = make_sheet(output=output, code="pal", opens_at=now - timedelta(days=1))
    slots = [
        make_slot(
            part=part,
            kind=Slot.Kind.OPENING,
            title="Opening of the main session",
            starts_at=now - timedelta(minutes=30),
            ends_at=now + timedelta(minutes=10),
            speakers="Markus Kummer",
        ),
        make_slot(
            part=part,
            kind=Slot.Kind.PRESENTATION,
            title="Public access in libraries",
            starts_at=now + timedelta(minutes=10),
            ends_at=now + timedelta(minutes=25),
            coalition=coalition,
            output=output,
        ),
        make_slot(
            part=part,
            kind=Slot.Kind.CLOSING,
            title="Closing of the main session",
            starts_at=now + timedelta(minutes=25),
            ends_at=now + timedelta(minutes=60),
        ),
    ]
    return Site(
        session=session,
        coalition=coalition,
        output=output,
        issues=issues,
        sheet=sheet,
        slots=slots,
        organiser=organiser,
        coordinator=coordinator,
    )
