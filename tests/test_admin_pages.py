"""Every admin page of our three apps: open to organisers, closed to everyone else, and lists
that take the same number of queries however many rows they show."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coalitions.models import (
    Coalition,
    CoalitionMembership,
    DeclarationReview,
    Issue,
    IssueChange,
    JoinRequest,
    Output,
    OutputVersion,
)
from feedback.models import (
    DebateItem,
    DebateQuestion,
    IssueAnswer,
    OverallComment,
    Rating,
    RatingComment,
    RatingSheet,
    ReadingThresholds,
    Response,
)
from igfsession.agenda.models import LiveState, Part, Slot
from igfsession.models import Session
from tests.admin_helpers import admin_url
from tests.factories import (
    make_coalition,
    make_issue,
    make_output,
    make_part,
    make_rating,
    make_response,
    make_session,
    make_sheet,
    make_slot,
    make_user,
    make_version,
)

APPS = ("igfsession", "coalitions", "feedback")
MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in APPS),
    key=lambda model: model._meta.label,
)
# One existing object per registered model, for its change page.
MAKERS = {
    Session: make_session,
    Part: make_part,
    Slot: make_slot,
    LiveState: lambda: LiveState.objects.create(session=make_session()),
    Coalition: make_coalition,
    CoalitionMembership: lambda: CoalitionMembership.objects.create(
        user=make_user(), coalition=make_coalition()
    ),
    Output: make_output,
    OutputVersion: make_version,
    Issue: make_issue,
    IssueChange: lambda: IssueChange.objects.create(
        output=make_output(), issue_title="Access to information", action="added"
    ),
    JoinRequest: lambda: JoinRequest.objects.create(
        coalition=make_coalition(),
        name="Ana Souza",
        email="ana@example.org",
        stakeholder_group="civil_society",
        region="grulac",
        consent=True,
    ),
    RatingSheet: make_sheet,
    Response: make_response,
    Rating: make_rating,
    RatingComment: lambda: RatingComment.objects.get(pk=make_rating(comment="Agreed.").pk),
    OverallComment: lambda: OverallComment.objects.get(
        pk=make_response(overall_comment="Useful.").pk
    ),
    ReadingThresholds: lambda: ReadingThresholds.objects.create(session=make_session()),
    IssueAnswer: lambda: IssueAnswer.objects.create(issue=make_issue(), version=1, decision="keep"),
    DebateItem: lambda: _debate_item(),
    DebateQuestion: lambda: DebateQuestion.objects.create(item=_debate_item(), text="Who pays?"),
}


def _debate_item():
    issue = make_issue()
    return DebateItem.objects.create(session=issue.output.session, issue=issue, position=1)


# Rows made elsewhere: their Add page points to where they are made instead of a form.
GUIDED_ADD = {
    IssueChange,
    Response,
    Rating,
    RatingComment,
    OverallComment,
    IssueAnswer,
    DebateItem,
    DebateQuestion,
}
# Issue 12 (helper C): the record of the organisers' reviews of declarations.
MAKERS[DeclarationReview] = lambda: DeclarationReview.objects.create(
    output=make_output(), status="final", action="accepted", reviewed_at=timezone.now()
)
GUIDED_ADD.add(DeclarationReview)
model_ids = pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)


def page_url(model, page):
    if page == "change":
        return admin_url(model, "change", MAKERS[model]().pk)
    return admin_url(model, page)


@pytest.mark.parametrize("app", APPS)
def test_admin_registers_every_model_of_our_apps(app):
    registered = {model for model in MODELS if model._meta.app_label == app}

    assert registered == set(apps.get_app_config(app).get_models())
    assert registered <= set(MAKERS), "add a maker for each newly registered model"


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
@model_ids
def test_admin_page_answers_organiser(organiser_client, model, page):
    MAKERS[model]()  # lists have a row to show

    response = organiser_client.get(page_url(model, page))

    assert response.status_code == 200
    guided = page == "add" and model in GUIDED_ADD
    assert response.templates[0].name == (
        "admin/guided_add.html" if guided else f"admin/{_admin_template(page)}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
@model_ids
def test_admin_page_anonymous_redirected_to_login(client, model, page):
    response = client.get(page_url(model, page))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
@model_ids
def test_admin_changelist_queries_same_for_one_and_five_rows(organiser_client, model):
    url = admin_url(model, "changelist")
    MAKERS[model]()
    organiser_client.get(url)  # warm any per-process caches
    with CaptureQueriesContext(connection) as one_row:
        organiser_client.get(url)
    for _ in range(4):
        MAKERS[model]()

    with CaptureQueriesContext(connection) as five_rows:
        response = organiser_client.get(url)

    assert len(response.context["cl"].result_list) == 5
    assert len(five_rows) == len(one_row)


def _admin_template(page):
    return {"changelist": "change_list.html", "add": "change_form.html"}.get(
        page, "change_form.html"
    )


@pytest.mark.django_db
def test_admin_response_add_page_leads_to_paper_entry(organiser_client):
    sheet = make_sheet(code="dc-pal-2015", output=make_output(title="Statement of Principles"))

    response = organiser_client.get(admin_url(Response, "add"))
    posted = organiser_client.post(admin_url(Response, "add"), {"sheet": sheet.pk})

    html = response.content.decode()
    assert (
        '<a href="/feedback/dc-pal-2015/enter/">Type in paper sheets: dc-pal-2015 — '
        "Statement of Principles</a>"
    ) in html
    assert posted.status_code == 200
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_admin_add_pages_guide_only_organisers(client):
    client.force_login(make_user(is_staff=True))  # staff without permissions

    response = client.get(admin_url(Rating, "add"))

    assert response.status_code == 403


@pytest.mark.django_db
def test_admin_join_request_recorded_by_an_organiser(organiser_client):
    coalition = make_coalition(slug="dc-pal")

    response = organiser_client.post(
        admin_url(JoinRequest, "add"),
        {
            "coalition": coalition.pk,
            "name": "Ana Souza",
            "email": "ana@example.org",
            "stakeholder_group": "civil_society",
            "region": "grulac",
            "message": "Met at the booth",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    assert list(JoinRequest.objects.values_list("coalition__slug", "name", "message")) == [
        ("dc-pal", "Ana Souza", "Met at the booth")
    ]
