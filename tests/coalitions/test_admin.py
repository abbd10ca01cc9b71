from datetime import UTC, datetime

import pytest
import time_machine

from coalitions.models import (
    Coalition,
    Output,
    OutputVersion,
)
from tests.admin_helpers import admin_url
from tests.factories import (
    make_coalition,
    make_coordinator,
    make_issue,
    make_output,
    make_session,
    make_version,
)

# --- Coalitions ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_coalition_changelist_counts_outputs(organiser_client, coalition):
    make_output(coalition=coalition)
    make_output(coalition=coalition)
    idle = make_coalition(name="Dynamic Coalition on Idle Things")

    response = organiser_client.get(admin_url(Coalition, "changelist"))

    counts = {row.pk: row.output_count for row in response.context["cl"].result_list}
    assert counts == {coalition.pk: 2, idle.pk: 0}


@pytest.mark.django_db
def test_coalition_changelist_search_finds_acronym(organiser_client, coalition):
    make_coalition(name="Dynamic Coalition on Internet Rights", acronym="IRPC")

    response = organiser_client.get(admin_url(Coalition, "changelist"), {"q": "pal"})

    assert list(response.context["cl"].result_list) == [coalition]


@pytest.mark.django_db
def test_coalition_change_page_has_coordinators_and_outputs(organiser_client, coordinator):
    coalition = coordinator.coalitions.get()
    output = make_output(coalition=coalition, title="Principles on public access")

    response = organiser_client.get(admin_url(Coalition, "change", coalition.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-ajax--url="/admin/autocomplete/"' in html  # coordinators: autocomplete users
    assert 'value="Principles on public access"' in html
    assert f'href="{admin_url(Output, "change", output.pk)}" class="inlinechangelink"' in html
    assert (
        f'href="/admin/r/{_content_type_id(Coalition)}/{coalition.pk}/" class="viewsitelink"'
        in html
    )


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_coalition_changelist_queries_same_for_any_number_of_rows(
    organiser_client, django_assert_num_queries, rows
):
    for _ in range(rows):
        coalition = make_coalition()
        make_output(coalition=coalition)
        make_coordinator(coalition)
    url = admin_url(Coalition, "changelist")
    organiser_client.get(url)  # warm any per-process caches

    with django_assert_num_queries(5):
        response = organiser_client.get(url)

    assert len(response.context["cl"].result_list) == rows


# --- Outputs -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_output_changelist_counts_issues(organiser_client):
    output = make_output()
    make_issue(output=output)
    make_issue(output=output)
    make_issue(output=output, is_hidden=True)
    bare = make_output()

    response = organiser_client.get(admin_url(Output, "changelist"))

    counts = {row.pk: row.issue_count for row in response.context["cl"].result_list}
    assert counts == {output.pk: 3, bare.pk: 0}


@pytest.mark.django_db
def test_output_changelist_filters_by_status(organiser_client):
    final = make_output(status=Output.Status.FINAL)
    make_output(status=Output.Status.WORK_IN_PROGRESS)

    response = organiser_client.get(admin_url(Output, "changelist"), {"status__exact": "final"})

    assert list(response.context["cl"].result_list) == [final]


@pytest.mark.django_db
def test_output_change_page_lists_issues_by_position_and_versions_read_only(organiser_client):
    output = make_output()
    make_issue(output=output, position=2, title="Second issue")
    make_issue(output=output, position=1, title="First issue")
    make_version(output=output, number=1, original_name="draft.pdf")
    make_version(output=output, number=2, original_name="final.pdf")

    response = organiser_client.get(admin_url(Output, "change", output.pk))

    issues, versions = (inline.formset for inline in response.context["inline_admin_formsets"])
    assert [form.instance.title for form in issues.forms] == ["First issue", "Second issue"]
    assert [form.instance.original_name for form in versions.forms] == ["final.pdf", "draft.pdf"]
    html = response.content.decode()
    assert 'name="versions-0-original_name"' not in html
    assert "Add another file version" not in html
    assert 'name="versions-0-DELETE"' not in html


def output_form_data(output, **changes):
    data = {
        "coalition": output.coalition.pk,
        "session": output.session.pk,
        "title": output.title,
        "slug": output.slug,
        "summary": "",
        "language": output.language,
        "status": output.status,
        "issues-TOTAL_FORMS": "0",
        "issues-INITIAL_FORMS": "0",
        "issues-MIN_NUM_FORMS": "0",
        "issues-MAX_NUM_FORMS": "1000",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_output_form_status_changed_records_when(organiser_client):
    output = make_output(status=Output.Status.DRAFT)
    moment = datetime(2015, 10, 20, 12, 0, tzinfo=UTC)

    with time_machine.travel(moment, tick=False):
        response = organiser_client.post(
            admin_url(Output, "change", output.pk),
            output_form_data(output, status=Output.Status.FINAL),
        )

    assert response.status_code == 302
    output.refresh_from_db()
    assert (output.status, output.status_changed_at) == (Output.Status.FINAL, moment)


@pytest.mark.django_db
def test_output_form_status_unchanged_keeps_declaration_time(organiser_client):
    declared = datetime(2015, 10, 1, tzinfo=UTC)
    output = make_output(status=Output.Status.FINAL, status_changed_at=declared)

    response = organiser_client.post(
        admin_url(Output, "change", output.pk), output_form_data(output, title="New title")
    )

    assert response.status_code == 302
    output.refresh_from_db()
    assert (output.title, output.status_changed_at) == ("New title", declared)


@pytest.mark.django_db
def test_output_autocomplete_finds_output_by_coalition_acronym(organiser_client, coalition):
    output = make_output(coalition=coalition, title="Principles")
    make_output(title="Something else")

    response = organiser_client.get(
        "/admin/autocomplete/",
        {"app_label": "igfsession", "model_name": "slot", "field_name": "output", "term": "PAL"},
    )

    assert response.json()["results"] == [{"id": str(output.pk), "text": "Principles"}]


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 5])
def test_output_changelist_queries_same_for_any_number_of_rows(
    organiser_client, django_assert_num_queries, rows
):
    session = make_session()
    for _ in range(rows):
        output = make_output(session=session)
        make_issue(output=output)
    url = admin_url(Output, "changelist")
    organiser_client.get(url)  # warm any per-process caches

    with django_assert_num_queries(7):
        response = organiser_client.get(url)

    assert len(response.context["cl"].result_list) == rows


# --- File versions -------------------------------------------------------------------------


@pytest.mark.django_db
def test_output_version_change_page_is_read_only(organiser_client):
    version = make_version()

    response = organiser_client.get(admin_url(OutputVersion, "change", version.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "DC-PAL principles.pdf" in html
    assert 'name="_save"' not in html
    assert 'name="original_name"' not in html


def _content_type_id(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


@pytest.mark.django_db
def test_output_version_admin_upload_goes_through_the_content_checks(
    organiser_client, organiser, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.coalitions.helpers import PDF_BYTES

    settings.MEDIA_ROOT = tmp_path
    output = make_output()

    response = organiser_client.post(
        admin_url(OutputVersion, "add"),
        {"output": output.pk, "file": SimpleUploadedFile("sent by e-mail.pdf", PDF_BYTES)},
    )

    assert response.status_code == 302
    version = OutputVersion.objects.get()
    assert (version.number, version.original_name, version.uploaded_by) == (
        1,
        "sent by e-mail.pdf",
        organiser,
    )
    assert version.content_type == "application/pdf"
    assert version.file.name != "outputs/sent by e-mail.pdf"
    with version.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


@pytest.mark.django_db
def test_output_version_admin_upload_refuses_a_renamed_program(
    organiser_client, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    output = make_output()

    response = organiser_client.post(
        admin_url(OutputVersion, "add"),
        {"output": output.pk, "file": SimpleUploadedFile("report.pdf", b"MZ\x90\x00program")},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "file": [
            "This file is not a PDF, DOCX or ODT document. Its content decides, not its name: "
            "save or export it as PDF, DOCX or ODT and upload it again."
        ]
    }
    assert OutputVersion.objects.count() == 0
    assert list(tmp_path.rglob("*.*")) == []
