"""Paper entry echoes each digit's meaning beside its box; no box is capped at one character
(a full box would swallow the next keystroke); an error is tied to its box."""

import re
from datetime import UTC, datetime

import pytest

from tests.factories import make_issue, make_output, make_session, make_sheet, make_user

pytestmark = pytest.mark.django_db

URL = "/feedback/dc-pal-2015/enter/"


@pytest.fixture
def ids():
    session = make_session(is_current=True)
    output = make_output(session=session)
    issues = [make_issue(output=output, position=n, title=f"Principle {n}") for n in (1, 2)]
    make_sheet(output=output, code="dc-pal-2015", opens_at=datetime(2015, 11, 1, tzinfo=UTC))
    return [issue.pk for issue in issues]


@pytest.fixture
def staff_client(client):
    client.force_login(make_user(username="typist", is_staff=True))
    return client


def _box(html, pk):
    return re.search(rf'<input type="text" name="mark_{pk}"[^>]*>', html).group(0)


def test_boxes_are_described_by_their_meaning_and_not_capped(staff_client, ids):
    html = staff_client.get(URL).content.decode()

    box = _box(html, ids[0])
    assert "maxlength" not in box
    assert f'aria-describedby="id_mark_{ids[0]}-meaning"' in box
    assert (
        f'<span class="paper-meaning" id="id_mark_{ids[0]}-meaning" aria-live="polite"></span>'
        in html
    )


def test_the_form_carries_every_meaning_for_the_script(staff_client, ids):
    html = staff_client.get(URL).content.decode()

    form = re.search(r'<form method="post" class="paper-entry"[^>]*>', html).group(0)
    assert re.findall(r'data-meaning-(\d)="([^"]*)"', form) == [
        ("5", "5 = Strong agreement"),
        ("4", "4 = Agreement"),
        ("3", "3 = Neutral"),
        ("2", "2 = Disagreement"),
        ("1", "1 = Strong disagreement"),
        ("0", "0 = Confusion"),
    ]
    assert 'data-refused="Only 5, 4, 3, 2, 1 or 0: “{typed}” was not taken."' in form


def test_after_an_error_the_typed_digits_keep_their_meaning_and_the_error_its_box(
    staff_client, ids
):
    response = staff_client.post(URL, {f"mark_{ids[0]}": "4", f"mark_{ids[1]}": "9"})

    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_mark_{ids[0]}-meaning" aria-live="polite">4 = Agreement</span>' in html
    assert f'id="id_mark_{ids[1]}-meaning" aria-live="polite"></span>' in html
    bad = _box(html, ids[1])
    assert f'aria-describedby="id_mark_{ids[1]}-meaning id_mark_{ids[1]}-error"' in bad
    assert 'aria-invalid="true"' in bad
    assert 'value="9"' in bad
    assert f'aria-describedby="id_mark_{ids[0]}-meaning"' in _box(html, ids[0])
