import pytest

from tests.factories import make_part, make_session, make_slot


@pytest.mark.django_db
def test_home_shows_current_session_with_parts_in_local_time(client):
    session = make_session(name="IGF 2015 main session", is_current=True)
    part = make_part(session=session, title="Day 3: output presentations")
    make_slot(part=part, title="Opening remarks")

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 dir="auto">IGF 2015 main session</h1>' in html
    assert "Day 3: output presentations" in html
    assert '<time datetime="2015-11-12T16:30:00-03:00">16:30</time>' in html
