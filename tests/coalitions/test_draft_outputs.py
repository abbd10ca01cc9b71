"""Issue 14: an output declared draft, and its files, are its coalition's own (coordinators and
organisers) until declared work in progress or final; no public page links to it meanwhile."""

import pytest
from django.test import Client

from coalitions.services import output_status_declare
from igfsession.agenda import links
from tests.coalitions.helpers import make_version
from tests.factories import make_coordinator, make_organiser, make_part, make_slot, make_user

pytestmark = pytest.mark.django_db

PAGE = "/coalitions/dc-pal/outputs/principles/"
PAGES = [PAGE, f"{PAGE}download/", f"{PAGE}download/1/"]


@pytest.fixture
def personas(coalition, other_coalition, coordinator):
    users = {
        "anonymous": None,
        "participant": make_user(username="participant"),
        "other coordinator": make_coordinator(other_coalition, username="other"),
        "coordinator": coordinator,
        "organiser": make_organiser(username="organiser"),
    }
    clients = {}
    for name, user in users.items():
        clients[name] = Client()
        if user is not None:
            clients[name].force_login(user)
    return clients


@pytest.fixture
def draft(output, coordinator):
    make_version(output=output, user=coordinator)
    return output


def test_draft_output_and_its_files_only_for_its_coalition(personas, draft):
    answers = {
        name: [client.get(path).status_code for path in PAGES] for name, client in personas.items()
    }

    assert answers == {
        "anonymous": [404, 404, 404],
        "participant": [404, 404, 404],
        "other coordinator": [404, 404, 404],
        "coordinator": [200, 200, 200],
        "organiser": [200, 200, 200],
    }


@pytest.mark.parametrize("status", ["wip", "final"])
def test_declared_output_and_its_files_are_public(personas, draft, coordinator, status):
    output_status_declare(output=draft, user=coordinator, status=status)

    answers = {
        name: [client.get(path).status_code for path in PAGES] for name, client in personas.items()
    }

    assert answers == {key: [200, 200, 200] for key in personas}


def test_draft_output_is_absent_from_the_directory_and_the_coalition_page(client, draft):
    directory = client.get("/coalitions/")
    page = client.get("/coalitions/dc-pal/")

    for response in (directory, page):
        assert response.status_code == 200
        assert PAGE.encode() not in response.content
        assert b"Principles on public access in libraries" not in response.content
    assert list(page.context["coalition"].outputs.all()) == []


def test_declared_output_is_linked_from_the_directory_and_the_coalition_page(
    client, draft, coordinator
):
    output_status_declare(output=draft, user=coordinator, status="wip")

    directory = client.get("/coalitions/")
    page = client.get("/coalitions/dc-pal/")

    link = (
        f'<a href="{PAGE}" dir="auto" lang="en">Principles on public access in libraries</a>'
    ).encode()
    assert directory.content.count(link) == 1
    assert page.content.count(link) == 1


def test_agenda_does_not_link_a_draft_output(client, draft, session, coordinator):
    slot = make_slot(part=make_part(session=session), output=draft, coalition=draft.coalition)

    draft_url = links.output_url(slot.output)
    agenda = client.get("/agenda/")
    output_status_declare(output=draft, user=coordinator, status="wip")
    draft.refresh_from_db()

    assert draft_url is None
    assert PAGE.encode() not in agenda.content
    assert links.output_url(draft) == PAGE
