"""Every admin page of our three apps: open to organisers, closed to everyone else, and lists
that take the same number of queries however many rows they show."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coalitions.models import (
    Coalition,
    CoalitionMembership,
    Issue,
    IssueChange,
    JoinRequest,
    Output,
    OutputVersion,
)
from feedback.models import Rating, RatingSheet, Response
from igfsession.models import LiveState, Part, Session, Slot
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
}
# Admins that refuse the add page on purpose (403 even for a superuser), because these rows
# come from somewhere else: changes to issues are the portal's own record, join requests come
# from the public coalition page, responses and their ratings from the online sheets and from
# paper-sheet entry (/feedback/<code>/enter/).
NO_ADD_PAGE = {IssueChange, JoinRequest, Response, Rating}
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

    assert response.status_code == (403 if page == "add" and model in NO_ADD_PAGE else 200)


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
