"""The coalitions and their outputs, built the way organisers and coordinators build them.

Coalitions and coordinators are added by organisers in the admin (checked rows); everything a
coordinator does in the portal goes through coalitions' services, at its own moment: the output
is created, its issues written, its file uploaded, its status declared, and the organiser accepts
the declaration. An accepted final output gets its rating sheet (feedback listens), which the
organiser then opens through feedback's services, and that tells coalitions when rating opens
(``Output.rating_opens_at``).

DC-PAL's output is handled by the demo's coordinator account; the others by the organiser, on
the coalitions' behalf (the demo has one coordinator account).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile

from coalitions.models import Coalition, CoalitionMembership, Output, OutputVersion
from coalitions.services import (
    coalition_update,
    declaration_accept,
    issue_create,
    issue_update,
    output_create,
    output_status_declare,
    output_update,
    output_version_upload,
)
from feedback.models import RatingSheet
from feedback.services import sheet_open_now, sheet_save
from igfsession.models import Session

from .facts import Clock, CoalitionFacts, Facts
from .pdf import output_pdf
from .rows import create, save_changed


def load_coalitions(facts: Facts, *, organiser, coordinator) -> dict[str, Coalition]:
    """Every coalition of the demo by slug, and the coordinator's membership."""
    existing = Coalition.objects.in_bulk([c.slug for c in facts.coalitions], field_name="slug")
    coalitions = {}
    for data in facts.coalitions:
        profile = {
            "name": data.name,
            "acronym": data.acronym,
            "summary": data.summary,
            "description": data.description,
            "year_formed": data.founded,
        }
        coalition = existing.get(data.slug)
        if coalition is None:
            coalition = create(Coalition, slug=data.slug, is_active=True, **profile)
        else:
            changed = {k: v for k, v in profile.items() if getattr(coalition, k) != v}
            if changed:
                coalition_update(coalition=coalition, user=organiser, **changed)
            save_changed(coalition, {"is_active": True})  # the admin's "active" box
        coalitions[data.slug] = coalition
    coordinated = coalitions[facts.coordinator_of]
    if not CoalitionMembership.objects.filter(user=coordinator, coalition=coordinated).exists():
        create(
            CoalitionMembership,
            user=coordinator,
            coalition=coordinated,
            role=CoalitionMembership.Role.COORDINATOR,
        )
    return coalitions


def load_outputs(
    facts: Facts,
    *,
    session: Session,
    coalitions: dict[str, Coalition],
    organiser,
    coordinator,
    clock: Clock,
    files: list,
    now: datetime,
) -> tuple[list[tuple[CoalitionFacts, RatingSheet]], int]:
    """Each coalition's output for the session; the final ones' sheets, and the number of files
    written this run. A sheet stays open (visitors can try it), except one whose facts say it
    closed when online rating ended, once that moment has passed (its results are public)."""
    outputs = {
        output.coalition_id: output
        for output in Output.objects.filter(session=session).select_related("session")
    }
    sheets_by_output = {
        sheet.output_id: sheet
        for sheet in RatingSheet.objects.filter(output__in=[o.pk for o in outputs.values()])
    }
    moments = {name: clock(moment) for name, moment in facts.moments.items()}
    sheets, files_written = [], 0
    for data in facts.coalitions:
        coalition = coalitions[data.slug]
        user = coordinator if data.slug == facts.coordinator_of else organiser
        output = _output(facts, data, coalition, outputs.get(coalition.pk), session, user)
        closes = moments["rating_ends"] if data.sheet_closed else None
        closes = closes if closes is not None and closes <= now else None
        sheet = sheets_by_output.get(output.pk)
        if sheet is not None:
            # Re-timed first (after --today, or back to 2015), so that the issues below are
            # written before rating opens on the session's current dates.
            _open(sheet, moments["sheets_open"], closes)
            output.refresh_from_db(fields=["rating_opens_at"])
        _issues(output, data, user, at=moments["issues_written"])
        files_written += _file(output, coalition, user, at=moments["file_uploaded"], files=files)
        final = data.status == Output.Status.FINAL
        declared = moments["final_declared" if final else "wip_declared"]
        _declare(output, data.status, user, at=declared, organiser=organiser)
        if final:
            sheet = RatingSheet.objects.get(output=output)  # made by feedback on the declaration
            _open(sheet, moments["sheets_open"], closes)
            sheets.append((data, sheet))
    return sheets, files_written


def _output(facts: Facts, data: CoalitionFacts, coalition, output, session, user) -> Output:
    details = {
        "title": data.output_title or facts.outputs.title_not_recorded,
        "summary": data.output_summary or facts.outputs.summary_not_recorded,
        "language": facts.outputs.language,
    }
    if output is None:
        output = output_create(coalition=coalition, session=session, user=user, **details)
    else:
        changed = {k: v for k, v in details.items() if getattr(output, k) != v}
        if changed:
            output_update(output=output, user=user, **changed)
    if data.output_slug:
        # The portal makes the slug from the title; organisers shorten a long one in the
        # output's admin page, which saves the checked row.
        save_changed(output, {"slug": data.output_slug})
    return output


def _issues(output: Output, data: CoalitionFacts, user, *, at: datetime) -> None:
    """The output's issues in order: added last one by one, corrected where they differ.

    Issues found by position; a position an organiser removed is left out rather than added at
    the end (which would shift every later one).
    """
    existing = {issue.position: issue for issue in output.issues.all()}
    highest = max(existing, default=0)
    for position, issue in enumerate(data.issues, start=1):
        values = {"title": issue.title, "summary": issue.summary, "reference": issue.reference}
        current = existing.get(position)
        if current is None:
            if position > highest:
                issue_create(output=output, user=user, at=at, **values)
            continue
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if changed:
            issue_update(issue=current, user=user, at=at, **changed)


def _file(output: Output, coalition: Coalition, user, *, at: datetime, files: list) -> int:
    """Version 1 of the output: a stand-in PDF, uploaded once. The number of files written."""
    data = output_pdf(output.title, coalition.name)
    version = output.versions.filter(number=1).first()
    if version is None:
        version = output_version_upload(
            output=output, user=user, file=ContentFile(data, name=f"{output.slug}.pdf"), at=at
        )
        files.append((version.file.storage, version.file.name))
        return 1
    if version.sha256 != hashlib.sha256(data).hexdigest():
        return 0  # not the demo's file: left as it is
    if version.uploaded_at != at:
        # Re-timing the demo's own upload after the session moved (--today, or back to 2015):
        # versions are never changed through the services, so its moment is set here.
        OutputVersion.objects.filter(pk=version.pk).update(uploaded_at=at)
    storage = version.file.storage
    if storage.exists(version.file.name):
        return 0
    # The demo's own file went missing from storage (media folder wiped): write it again.
    name = storage.save(version.file.name, ContentFile(data))
    files.append((storage, name))
    if name != version.file.name:
        OutputVersion.objects.filter(pk=version.pk).update(file=name)
    return 1


def _declare(output: Output, status: str, user, *, at: datetime, organiser) -> None:
    """Declared by ``user``, then accepted by the organiser (the demo's declarations are)."""
    if output.status != status:
        output_status_declare(output=output, user=user, status=status, at=at)
    elif status != Output.Status.DRAFT and output.status_changed_at != at:
        # Re-timing the demo's own declaration after the session moved (--today, or back to
        # 2015): declaring the same status again records no new moment, so it is set here.
        Output.objects.filter(pk=output.pk).update(status_changed_at=at)
    if output.is_declared and output.review_state != Output.Review.ACCEPTED:
        declaration_accept(output=output, user=organiser, at=at)


def _open(sheet: RatingSheet, opens_at: datetime, closes_at: datetime | None) -> None:
    """The demo's sheet opens at its moment, and closes at ``closes_at`` if given."""
    if sheet.opens_at is None and sheet.closes_at is None and closes_at is None:
        sheet_open_now(sheets=[sheet], at=opens_at)
        sheet.refresh_from_db()
    elif (sheet.opens_at, sheet.closes_at) != (opens_at, closes_at):
        # Moved with the session, or changed by an organiser since: as in the sheet's admin page.
        sheet.opens_at, sheet.closes_at = opens_at, closes_at
        sheet_save(sheet=sheet)
