"""Paper sheets: the A4 print page and staff data entry."""

from datetime import UTC, datetime

import pytest
from django.test import Client

from feedback.models import Rating, Response
from tests.factories import make_issue, make_output, make_session, make_sheet, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet():
    session = make_session(is_current=True, name="IGF 2015 main session")
    output = make_output(session=session, title="Statement of Principles")
    for n in range(1, 4):
        make_issue(output=output, position=n, title=f"Principle {n}")
    return make_sheet(output=output, code="dc-pal-2015", opens_at=datetime(2015, 11, 1, tzinfo=UTC))


@pytest.fixture
def staff_client(client):
    client.force_login(make_user(username="typist", is_staff=True))
    return client


def issue_ids(sheet):
    return list(sheet.output.issues.values_list("pk", flat=True))


def test_print_page_has_issues_tick_boxes_qr_code_and_code(client, sheet):
    response = client.get("/feedback/dc-pal-2015/print/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<section class="paper-issue">') == 3
    assert '1. <bdi lang="en">Principle 1</bdi></h2>' in html
    assert html.count('<span class="tick-box" aria-hidden="true">☐</span>') == 3 * 6 + 8 + 5 + 2
    assert "Sheet code: <strong>dc-pal-2015</strong>" in html
    assert '<svg viewBox="0 0 ' in html
    assert "<title>QR code to the online sheet</title>" in html
    assert "http://testserver/feedback/dc-pal-2015/" in html
    assert '<link rel="stylesheet" href="/static/css/print-sheet.css">' in html


def test_print_qr_code_encodes_the_online_sheet(client, sheet):
    import segno

    response = client.get("/feedback/dc-pal-2015/print/")

    expected = segno.make("http://testserver/feedback/dc-pal-2015/", error="m").svg_inline(
        scale=3, omitsize=True, title="QR code to the online sheet", svgclass="qr"
    )
    assert expected in response.content.decode()


def test_paper_entry_sends_anonymous_visitors_to_the_login(client, sheet):
    response = client.get("/feedback/dc-pal-2015/enter/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/feedback/dc-pal-2015/enter/"


def test_paper_entry_refuses_signed_in_people_who_are_not_staff(client, sheet):
    client.force_login(make_user(username="participant"))

    response = client.get("/feedback/dc-pal-2015/enter/")

    assert response.status_code == 403
    assert "<h1>Not allowed</h1>" in response.content.decode()


def test_paper_entry_form_takes_digits_in_issue_order(staff_client, sheet):
    response = staff_client.get("/feedback/dc-pal-2015/enter/")

    html = response.content.decode()
    ids = issue_ids(sheet)
    positions = [html.index(f'name="mark_{pk}"') for pk in ids]
    assert positions == sorted(positions)
    assert html.index(f'name="mark_{ids[-1]}"') < html.index('name="stakeholder_group"')
    assert 'inputmode="numeric"' in html
    assert f'<label for="id_mark_{ids[0]}">1. <bdi lang="en">Principle 1</bdi></label>' in html


def test_paper_entry_save_and_next_stores_a_paper_response(staff_client, sheet):
    ids = issue_ids(sheet)
    page = staff_client.get("/feedback/dc-pal-2015/enter/")
    entry_key = page.context["entry_key"]

    response = staff_client.post(
        "/feedback/dc-pal-2015/enter/",
        {
            "entry_key": entry_key,
            f"mark_{ids[0]}": "5",
            f"mark_{ids[1]}": "0",
            f"mark_{ids[2]}": "",
            "stakeholder_group": "government",
            "region": "african",
            "attendance": "room",
            f"comment_{ids[0]}": "Written in the margin",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/feedback/dc-pal-2015/enter/"
    stored = Response.objects.get()
    assert (stored.channel, stored.entered_by.username, stored.stakeholder_group) == (
        "paper",
        "typist",
        "government",
    )
    assert list(stored.ratings.values_list("issue_id", "mark", "comment")) == [
        (ids[0], "5", "Written in the margin"),
        (ids[1], "confusion", ""),
    ]
    follow = staff_client.get("/feedback/dc-pal-2015/enter/")
    assert f"Paper response #{stored.pk} saved. Type in the next sheet." in follow.content.decode()
    assert follow.context["entry_key"] != entry_key


def test_paper_entry_posted_twice_is_one_response(staff_client, sheet):
    ids = issue_ids(sheet)
    data = {"entry_key": "0f0e0d0c0b0a09080706050403020100", f"mark_{ids[0]}": "4"}

    staff_client.post("/feedback/dc-pal-2015/enter/", data)
    staff_client.post("/feedback/dc-pal-2015/enter/", data)

    assert Response.objects.count() == 1
    assert Rating.objects.count() == 1


@pytest.mark.parametrize("typed", ["6", "9", "x", "55", "-1"])
def test_paper_entry_wrong_digit_is_refused_beside_the_issue(staff_client, sheet, typed):
    ids = issue_ids(sheet)

    response = staff_client.post(
        "/feedback/dc-pal-2015/enter/",
        {f"mark_{ids[0]}": "5", f"mark_{ids[1]}": typed, "overall_comment": "kept"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"mark_{ids[1]}": [
            "Type 5, 4, 3, 2 or 1 for agreement, 0 for Confusion, or leave it empty."
        ]
    }
    assert response.context["form"][f"mark_{ids[1]}"].value() == typed
    assert response.context["form"]["overall_comment"].value() == "kept"
    assert Response.objects.count() == 0


def test_paper_entry_is_allowed_after_the_sheet_closed(staff_client, sheet):
    sheet.closes_at = datetime(2015, 12, 31, tzinfo=UTC)
    sheet.save()
    ids = issue_ids(sheet)

    response = staff_client.post("/feedback/dc-pal-2015/enter/", {f"mark_{ids[0]}": "3"})

    assert response.status_code == 302
    assert Response.objects.get().channel == "paper"


def test_paper_entry_correction_updates_the_same_response(staff_client, sheet):
    ids = issue_ids(sheet)
    staff_client.post(
        "/feedback/dc-pal-2015/enter/", {f"mark_{ids[0]}": "5", f"mark_{ids[1]}": "4"}
    )
    stored = Response.objects.get()
    page = staff_client.get(f"/feedback/dc-pal-2015/enter/{stored.pk}/")

    staff_client.post(
        f"/feedback/dc-pal-2015/enter/{stored.pk}/", {f"mark_{ids[0]}": "1", "region": "weog"}
    )

    assert page.context["form"].initial[f"mark_{ids[0]}"] == "5"
    assert Response.objects.count() == 1
    stored.refresh_from_db()
    assert stored.region == "weog"
    assert list(stored.ratings.values_list("issue_id", "mark")) == [(ids[0], "1")]


def test_paper_entry_online_response_cannot_be_corrected_here(staff_client, sheet):
    online = Response.objects.create(sheet=sheet, respondent_hash="f" * 64)

    response = staff_client.get(f"/feedback/dc-pal-2015/enter/{online.pk}/")

    assert response.status_code == 404


def test_paper_withdraw_keeps_the_row_and_excludes_it(staff_client, sheet):
    ids = issue_ids(sheet)
    staff_client.post("/feedback/dc-pal-2015/enter/", {f"mark_{ids[0]}": "5"})
    stored = Response.objects.get()

    response = staff_client.post(f"/feedback/dc-pal-2015/enter/{stored.pk}/withdraw/")

    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.withdrawn_by.username == "typist"
    assert Response.objects.count() == 1
    assert Response.objects.counted().count() == 0


def test_paper_withdrawn_response_can_count_again(staff_client, sheet):
    ids = issue_ids(sheet)
    staff_client.post("/feedback/dc-pal-2015/enter/", {f"mark_{ids[0]}": "5"})
    stored = Response.objects.get()
    staff_client.post(f"/feedback/dc-pal-2015/enter/{stored.pk}/withdraw/")

    staff_client.post(f"/feedback/dc-pal-2015/enter/{stored.pk}/withdraw/", {"restore": "1"})

    assert Response.objects.counted().count() == 1


def test_paper_withdraw_refuses_get_and_missing_csrf(sheet):
    typist = make_user(username="strict-typist", is_staff=True)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(typist)
    stored = Response.objects.create(sheet=sheet, channel="paper", entered_by=typist)

    got = strict.get(f"/feedback/dc-pal-2015/enter/{stored.pk}/withdraw/")
    posted = strict.post(f"/feedback/dc-pal-2015/enter/{stored.pk}/withdraw/")

    assert (got.status_code, posted.status_code) == (405, 403)
    stored.refresh_from_db()
    assert stored.withdrawn_at is None


def test_paper_entry_lists_paper_responses_in_fixed_queries(
    staff_client, sheet, django_assert_num_queries
):
    ids = issue_ids(sheet)
    for mark in "54":
        staff_client.post("/feedback/dc-pal-2015/enter/", {f"mark_{ids[0]}": mark})

    # The session, the user, the sheet with its issues, the part whose end is the default
    # "filled in" moment, the paper responses, the messages' session, the header's user menu (the
    # coalitions the user coordinates): the same for 2 and 5 rows.
    with django_assert_num_queries(8):
        first = staff_client.get("/feedback/dc-pal-2015/enter/")
    for mark in "321":
        staff_client.post("/feedback/dc-pal-2015/enter/", {f"mark_{ids[0]}": mark})
    with django_assert_num_queries(8):
        second = staff_client.get("/feedback/dc-pal-2015/enter/")

    assert (len(first.context["paper_responses"]), len(second.context["paper_responses"])) == (2, 5)


def test_paper_entry_labels_describe_the_sheet_not_the_typist(staff_client, sheet):
    response = staff_client.get("/feedback/dc-pal-2015/enter/")

    form = response.context["form"]
    assert [form[name].label for name in ("stakeholder_group", "region", "attendance")] == [
        "Stakeholder group",
        "UN regional group",
        "Taking part",
    ]
