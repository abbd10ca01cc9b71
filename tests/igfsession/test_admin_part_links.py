"""The admin's Part form: the part's own webcast, transcript and remote-participation links
(issue 12), typed without a scheme taken as https, a bad one refused beside its field."""

import pytest

from igfsession.agenda.models import Part
from tests.admin_helpers import admin_url
from tests.factories import make_session

pytestmark = pytest.mark.django_db


def _data(session, **links):
    return {
        "session": session.pk,
        "kind": Part.Kind.PRESENTATIONS,
        "title": "Day 3: output presentations",
        "description": "",
        "room": "",
        # In the venue's time (America/Fortaleza): 16:30-18:00.
        "starts_at_0": "2015-11-12",
        "starts_at_1": "16:30:00",
        "ends_at_0": "2015-11-12",
        "ends_at_1": "18:00:00",
        "webcast_url": "",
        "transcript_url": "",
        "remote_participation_url": "",
        "slots-TOTAL_FORMS": "0",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
        **links,
    }


def test_the_part_form_offers_the_three_links_under_watch_live(organiser_client):
    html = organiser_client.get(admin_url(Part, "add")).content.decode()

    assert '<h2 id="fieldset-0-2-heading" class="fieldset-heading">Watch live</h2>' in html
    for name in ("webcast_url", "transcript_url", "remote_participation_url"):
        assert f'name="{name}"' in html
    assert html.count("<div>Leave empty to show the session's.</div>") == 3


def test_the_part_form_saves_the_links_a_scheme_assumed(organiser_client):
    session = make_session()

    response = organiser_client.post(
        admin_url(Part, "add"),
        _data(
            session,
            webcast_url="webcast.example.org/day3",
            remote_participation_url="https://remote.example.org/day3",
        ),
    )

    assert response.status_code == 302
    part = Part.objects.get()
    assert (part.webcast_url, part.transcript_url, part.remote_participation_url) == (
        "https://webcast.example.org/day3",
        "",
        "https://remote.example.org/day3",
    )


def test_the_part_form_refuses_a_bad_link_beside_it_and_keeps_it(organiser_client):
    session = make_session()

    response = organiser_client.post(
        admin_url(Part, "add"), _data(session, transcript_url="not a link")
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {"transcript_url": ["Enter a valid URL."]}
    assert form["transcript_url"].value() == "not a link"
    assert Part.objects.count() == 0
