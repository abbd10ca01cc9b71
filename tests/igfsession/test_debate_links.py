"""The Day 4 debate's running order is linked from the debate part on /agenda/ and from /."""

import pytest

from igfsession.models import Part
from tests.feedback.results_helpers import page
from tests.igfsession.helpers import make_agenda

pytestmark = pytest.mark.django_db


def _part_links(response, part) -> list[str]:
    return page(response).xpath(f"//section[@id='part-{part.pk}']//a/@href")


def test_agenda_links_the_debate_from_the_debate_part_only(client):
    _session, day3, day4, _slots = make_agenda()
    Part.objects.filter(pk=day4.pk).update(kind=Part.Kind.DEBATE)

    response = client.get("/agenda/")

    assert "/feedback/debate/" in _part_links(response, day4)
    assert "/feedback/debate/" not in _part_links(response, day3)


def test_home_links_the_debate(client):
    _session, _day3, day4, _slots = make_agenda()
    Part.objects.filter(pk=day4.pk).update(kind=Part.Kind.DEBATE)

    response = client.get("/")

    links = page(response).xpath("//main//a/@href")
    assert links.count("/feedback/debate/") == 2  # the session's links, and the debate part
    assert "/feedback/debate/" in _part_links(response, day4)
