import re

import pytest
from pytest_django.asserts import assertContains

from tests.factories import make_issue

pytestmark = pytest.mark.django_db

URL = "/coalitions/dc-pal/manage/outputs/principles/preview/"
LABELS = [
    "Strong agreement",
    "Agreement",
    "Neutral",
    "Disagreement",
    "Strong disagreement",
    "Confusion — the statement is unclear to me",
]


def test_preview_has_a_fieldset_per_visible_issue_with_its_title_as_legend(
    coordinator_client, output
):
    first = make_issue(output=output, position=1, title="Access", summary="For everyone.")
    make_issue(output=output, position=2, title="Hidden", is_hidden=True)
    second = make_issue(output=output, position=3, title="Skills", reference="§ 2")

    response = coordinator_client.get(URL)

    html = response.content.decode()
    assert re.findall(r"<legend[^>]*>(.*?)</legend>", html) == ["Access", "Skills"]
    assert html.count("<fieldset ") == 2
    assert (
        f'<fieldset class="mb-4 border rounded p-3" id="preview-issue-{first.pk}" disabled>' in html
    )
    assert f'id="preview-issue-{second.pk}"' in html
    assert '<p dir="auto" lang="en">For everyone.</p>' in html
    assert 'In the document: <bdi lang="en">§ 2</bdi>' in html


def test_preview_offers_the_whole_scale_with_labels(coordinator_client, output):
    issue = make_issue(output=output, title="Access")

    response = coordinator_client.get(URL)

    html = response.content.decode()
    labels = re.findall(
        rf'<label class="form-check-label" for="issue-{issue.pk}-mark-[^"]+">(.*?)</label>', html
    )
    assert labels == LABELS
    assertContains(
        response,
        f'<input class="form-check-input" type="radio" name="issue-{issue.pk}" '
        f'id="issue-{issue.pk}-mark-confusion" value="confusion" disabled>',
        count=1,
    )


def test_preview_is_read_only(coordinator_client, output):
    make_issue(output=output, title="Access")
    make_issue(output=output, title="Skills")

    response = coordinator_client.get(URL)

    html = response.content.decode()
    assert html.count('type="radio"') == 12
    assert html.count("disabled>") == 12 + 2 + 1
    assert "<form" not in html.split('<main id="main"')[1].split("</main>")[0]
    assertContains(
        response,
        "Preview: this is how participants will see the rating sheet. Nothing can be sent "
        "from this page. Hidden issues are left out.",
        count=1,
    )


def test_preview_without_issues_says_so(coordinator_client, output):
    response = coordinator_client.get(URL)

    assertContains(response, "Add issues to the output to see them here.", count=1)
