from datetime import UTC, datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.coalitions.helpers import docx_bytes, make_version, odt_bytes
from tests.factories import make_issue, make_organiser, make_output, make_session, make_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def output(output):
    """Declared work in progress: a draft is its coalition's own (tests/coalitions/
    test_draft_outputs.py); these are the public's pages."""
    output.status = "wip"
    output.save()
    return output


URL = "/coalitions/dc-pal/outputs/principles/"
QUERIES = 6  # with the published answers (feedback)


def test_output_page_shows_title_status_and_summary(client, output):
    output.status = "final"
    output.summary = "Ten principles.\n\nAdopted in 2015."
    output.save()

    response = client.get(URL)

    assert response.status_code == 200
    assertContains(
        response, '<h1 dir="auto" lang="en">Principles on public access in libraries</h1>', count=1
    )
    assertContains(
        response,
        "<p><strong>Declared status:</strong> "
        "Final — present the output on Day 3 and collect ratings</p>",
        count=1,
    )
    assertContains(response, "<p>Ten principles.</p>\n\n<p>Adopted in 2015.</p>", count=1)


def test_output_page_lists_visible_issues_in_order_with_anchors(client, output):
    third = make_issue(output=output, position=3, title="Third")
    first = make_issue(output=output, position=1, title="First", reference="§ 1")
    make_issue(output=output, position=2, title="Hidden one", is_hidden=True)

    response = client.get(URL)

    assert response.context["output"].visible_issues == [first, third]
    html = response.content.decode()
    assert f'<li id="issue-{first.pk}" class="mb-2">' in html
    assert (
        f'<a href="#issue-{third.pk}" class="issue-title fw-semibold" dir="auto" lang="en">'
        "Third</a>"
    ) in html
    assert html.index(f'id="issue-{first.pk}"') < html.index(f'id="issue-{third.pk}"')
    assert "Hidden one" not in html
    assert '<span class="text-body-secondary">(<bdi lang="en">§ 1</bdi>)</span>' in html


def test_output_page_shows_current_file_and_earlier_versions(client, output, coordinator):
    make_version(output=output, user=coordinator)
    make_version(output=output, user=coordinator, name="v2.docx", content=docx_bytes())
    make_version(output=output, user=coordinator, name="v3.odt", content=odt_bytes())

    response = client.get(URL)

    assert response.context["current_version"].number == 3
    assert [v.number for v in response.context["earlier_versions"]] == [2, 1]
    assertContains(
        response,
        f'<a href="{URL}download/">Download the current version (version 3)</a>\n'
        f"        — ODT, {len(odt_bytes())}\xa0bytes,",
        count=1,
    )
    assertContains(response, f'<td><a href="{URL}download/2/">Version 2</a></td>', count=1)
    assertContains(response, f'<td><a href="{URL}download/1/">Version 1</a></td>', count=1)
    assertContains(response, "<td>DOCX</td>", count=1)
    assertContains(response, "<td>PDF</td>", count=1)


def test_output_page_without_file_says_so(client, output):
    response = client.get(URL)

    assertContains(response, "The coalition has not uploaded the document yet.", count=1)


def test_output_page_links_the_open_sheet(client, output):
    make_sheet(output=output, code="dcpal", opens_at=datetime(2015, 11, 1, tzinfo=UTC))

    response = client.get(URL)

    assertContains(
        response,
        '<a class="btn btn-primary" href="/feedback/dcpal/">Rate this output\'s issues</a>',
        count=1,
    )


def test_output_page_has_no_sheet_link_before_the_sheet_opens(client, output):
    make_sheet(output=output, code="dcpal", opens_at=None)

    response = client.get(URL)

    assert response.status_code == 200
    assertNotContains(response, "Rate this output")


def test_output_page_has_no_sheet_link_once_the_sheet_has_closed(client, output):
    make_sheet(
        output=output,
        code="dcpal",
        opens_at=datetime(2015, 11, 1, tzinfo=UTC),
        closes_at=datetime(2015, 11, 20, tzinfo=UTC),
    )

    response = client.get(URL)

    assert response.status_code == 200
    assertNotContains(response, "Rate this output")


def test_output_page_escapes_html_in_issue_titles(client, output):
    make_issue(output=output, title="<b onmouseover=alert(1)>bold</b>")

    response = client.get(URL)

    assertContains(response, "&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt;", count=1)
    assertNotContains(response, "<b onmouseover=alert(1)>")


def test_output_page_unknown_output_is_404(client, coalition):
    assert client.get("/coalitions/dc-pal/outputs/nothing/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_output_page_queries_do_not_grow_with_issues_and_versions(
    client, output, django_assert_num_queries, count
):
    uploader = make_organiser()
    for n in range(count):
        make_issue(output=output, position=n)
        make_version(output=output, user=uploader)
    make_sheet(output=output)

    # The output with its coalition and session, its issues, its versions, its sheet; the session.
    with django_assert_num_queries(QUERIES):
        response = client.get(URL)

    assert len(response.context["output"].visible_issues) == count
    assert len(response.context["earlier_versions"]) == count - 1


def test_output_page_same_slug_in_two_coalitions_shows_each_its_own(client, output):
    make_output(slug="principles", title="Someone else's principles", session=make_session())

    response = client.get(URL)

    assert response.context["output"] == output
