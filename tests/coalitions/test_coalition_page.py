from datetime import timedelta

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import (
    DAY3_START,
    make_coalition,
    make_coordinator,
    make_output,
    make_part,
    make_session,
    make_slot,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_coalition_page_shows_profile(client, coalition):
    coalition.description = "We work on access.\n\nSecond paragraph."
    coalition.website = "https://www.ifla.org/"
    coalition.mailing_list = "https://mail.example.org/listinfo/dc-pal"
    coalition.year_formed = 2013
    coalition.save()

    response = client.get("/coalitions/dc-pal/")

    assert response.status_code == 200
    assertContains(
        response, '<h1 dir="auto">Dynamic Coalition on Public Access in Libraries', count=1
    )
    assertContains(response, "<p>We work on access.</p>\n\n<p>Second paragraph.</p>", count=1)
    assertContains(
        response, '<a href="https://www.ifla.org/" rel="nofollow">https://www.ifla.org/</a>'
    )
    assertContains(response, '<dd class="col-sm-9">2013</dd>', count=1)


def test_coalition_page_shows_coordinators_public_names_only(client, coalition):
    make_coordinator(coalition, username="sbrown", first_name="Stuart", last_name="Brown")
    make_coordinator(coalition, username="ahmed", first_name="Amira", last_name="Ahmed")
    make_coordinator(coalition, username="secret-login-name")

    response = client.get("/coalitions/dc-pal/")

    assert response.context["coordinator_names"] == ["Amira Ahmed", "Stuart Brown"]
    assertContains(
        response, '<dd class="col-sm-9" dir="auto">Amira Ahmed, Stuart Brown</dd>', count=1
    )
    assertNotContains(response, "secret-login-name")


def test_coalition_page_lists_its_outputs(client, coalition, session):
    make_output(coalition=coalition, session=session, title="Principles", slug="principles")
    make_output(
        coalition=coalition,
        session=make_session(name="IGF 2014", year=2014),
        title="Toolkit",
        slug="toolkit",
        status="wip",
    )

    response = client.get("/coalitions/dc-pal/")

    assertContains(
        response,
        '<li><a href="/coalitions/dc-pal/outputs/principles/" dir="auto" lang="en">Principles</a>'
        " — <bdi>IGF 2015 main session</bdi> — "
        "Final — present the output on Day 3 and collect ratings</li>",
        count=1,
    )
    assertContains(
        response,
        '<li><a href="/coalitions/dc-pal/outputs/toolkit/" dir="auto" lang="en">Toolkit</a> — '
        "<bdi>IGF 2014</bdi> — "
        "Work in progress — introduce the coalition on Day 4</li>",
        count=1,
    )


def test_coalition_page_lists_its_slots_in_venue_time(client, coalition, session):
    part = make_part(session=session, room="Room 1")
    make_slot(part=part, coalition=coalition, title="DC-PAL presents its principles")

    response = client.get("/coalitions/dc-pal/")

    html = response.content.decode()
    assert '<time datetime="2015-11-12T16:30:00-03:00">16:30</time>' in html
    assert "DC-PAL presents its principles</a>" in html
    assert "— Output presentation, <bdi>Room 1</bdi>" in html


def test_coalition_page_says_how_to_join(client, coalition):
    coalition.mailing_list = "https://mail.example.org/listinfo/dc-pal"
    coalition.save()

    response = client.get("/coalitions/dc-pal/")

    assertContains(response, '<h2 id="join-title" class="h4">How to join</h2>', count=1)
    assertContains(
        response,
        '<a href="https://mail.example.org/listinfo/dc-pal" rel="nofollow">mailing list</a>',
        count=1,
    )
    assertContains(response, 'action="/coalitions/dc-pal/join/"', count=1)
    for label in (
        "Your name",
        "Your e-mail address",
        "Stakeholder group",
        "Regional group",
        "Message",
    ):
        assertContains(response, f"{label}", status_code=200)
    assert list(response.context["join_form"].fields) == [
        "name",
        "email",
        "stakeholder_group",
        "region",
        "message",
        "consent",
    ]


def test_coalition_page_every_join_field_has_a_label(client, coalition):
    response = client.get("/coalitions/dc-pal/")

    html = response.content.decode()
    for field in ("name", "email", "stakeholder_group", "region", "message", "consent"):
        assert html.count(f'for="id_{field}"') == 1
        assert html.count(f'id="id_{field}"') == 1


def test_coalition_page_escapes_html_in_the_profile(client, coalition):
    coalition.description = "<script>alert('x')</script>"
    coalition.save()

    response = client.get("/coalitions/dc-pal/")

    assertContains(response, "<p>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;</p>", count=1)
    assertNotContains(response, "<script>alert('x')</script>")


def test_coalition_page_portal_link_only_for_those_who_may_manage(client, coalition, coordinator):
    anonymous = client.get("/coalitions/dc-pal/")
    client.force_login(make_user())
    outsider = client.get("/coalitions/dc-pal/")
    client.force_login(coordinator)
    own = client.get("/coalitions/dc-pal/")

    link = '<a class="btn btn-outline-primary btn-sm" href="/coalitions/dc-pal/manage/">'
    assertNotContains(anonymous, link)
    assertNotContains(outsider, link)
    assertContains(own, link, count=1)


def test_coalition_page_unknown_slug_is_404(client, db):
    assert client.get("/coalitions/no-such-coalition/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_coalition_page_queries_do_not_grow_with_outputs(
    client, coalition, django_assert_max_num_queries, count
):
    for n in range(count):
        session = make_session(year=2000 + n)
        make_output(coalition=coalition, session=session)
        part = make_part(session=session)
        start = DAY3_START + timedelta(minutes=n)
        make_slot(
            part=part, coalition=coalition, starts_at=start, ends_at=start + timedelta(minutes=5)
        )
        make_coordinator(coalition, first_name=f"Name{n}", last_name="Coordinator")

    with django_assert_max_num_queries(6):
        response = client.get("/coalitions/dc-pal/")

    assert len(response.context["coordinator_names"]) == count
    assert len(response.context["coalition"].outputs.all()) == count


@pytest.mark.parametrize("count", [3, 30])
def test_coalition_page_queries_do_not_grow_with_coalitions(
    client, coalition, session, django_assert_max_num_queries, count
):
    part = make_part(session=session)
    for _ in range(count):
        other = make_coalition()
        make_output(coalition=other, session=session)
        make_slot(part=part, coalition=other)
    make_output(coalition=coalition, session=session)
    make_slot(part=part, coalition=coalition)

    with django_assert_max_num_queries(6):
        response = client.get("/coalitions/dc-pal/")

    assert len(response.context["coalition"].slots.all()) == 1
