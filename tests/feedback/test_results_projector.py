"""The room's screen: organisers only, the most contested issues of all or one output's, the QR
code to the sheets, a warning while a shown sheet is open, a refresh script (no meta refresh)."""

import pytest
import segno
from django.test import Client
from django.utils.translation import gettext

from tests.factories import make_coalition, make_coordinator, make_organiser, make_session
from tests.feedback.results_helpers import has_class, page, rate, results_sheet, text

pytestmark = pytest.mark.django_db

URL = "/feedback/results/projector/"


@pytest.fixture
def session():
    return make_session(is_current=True, name="IGF 2015")


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(make_organiser())
    return client


def _titles(response) -> list[str]:
    return [text(h2) for h2 in page(response).xpath(f"//li[{has_class('projector-issue')}]/h2")]


def _warning(response) -> str | None:
    boxes = page(response).xpath(f"//div[{has_class('projector-warning')}]")
    return text(boxes[0]) if boxes else None


def test_projector_is_for_organisers_only(session, client):
    coordinator = Client()
    coordinator.force_login(make_coordinator(make_coalition()))

    answers = (client.get(URL), coordinator.get(URL))

    assert [(r.status_code, r.get("Location")) for r in answers] == [
        (302, f"/accounts/login/?next={URL}"),
        (403, None),
    ]


def test_projector_default_shows_the_most_contested_issues_of_all(session, staff):
    first = results_sheet(session, code="one", titles=tuple("ABCDE"), hidden=("E",), closed=True)
    second = results_sheet(session, code="two", titles=tuple("FGHIJKL"), closed=True)
    rate(first, "A", (5, 0, 0, 0, 5, 0))  # controversy 1.0, consensus 0
    rate(first, "B", (0, 3, 0, 2, 0, 0))  # 0.8
    rate(first, "C", (0, 0, 0, 0, 0, 4))  # Confusion only: no controversy, left out
    rate(first, "E", (9, 0, 0, 0, 9, 0))  # hidden: never on the screen
    rate(second, "F", (2, 2, 0, 2, 2, 0))  # 1.0, consensus 0.29
    for title, agree in zip("GHIJKL", (9, 8, 7, 6, 5, 4), strict=True):
        rate(second, title, (0, agree, 0, 2, 0, 0))  # 2·2/(agree+2): 0.36 … 0.67

    response = staff.get(URL)

    assert response.status_code == 200
    assert _titles(response) == ["A", "F", "B", "L", "K", "J", "I", "H"]  # 8 of them
    assert text(page(response).find(".//h1")) == "Most contested issues"
    assert _warning(response) is None


def test_projector_one_sheet_shows_its_issues_in_order(session, staff):
    sheet = results_sheet(
        session, code="pal", titles=("Access", "Skills", "Gone"), hidden=("Gone",), title="PAL"
    )
    results_sheet(session, code="other", titles=("Elsewhere",))
    rate(sheet, "Skills", (1, 0, 0, 0, 0, 0))

    response = staff.get(f"{URL}?sheet=pal")

    assert _titles(response) == ["Access", "Skills"]
    assert text(page(response).find(".//h1")) == "PAL"


def test_projector_unknown_sheet_is_404(session, staff):
    results_sheet(session, code="pal")

    assert staff.get(f"{URL}?sheet=nope").status_code == 404


def test_projector_warns_while_a_shown_sheet_is_open(session, staff):
    still_open = results_sheet(session, code="pal", titles=("Access",), title="Principles")
    closed = results_sheet(session, code="done", titles=("Done",), closed=True, title="Done")
    rate(still_open, "Access", (1, 0, 0, 1, 0, 0))
    rate(closed, "Done", (1, 0, 0, 1, 0, 0))

    warnings = [_warning(staff.get(URL + query)) for query in ("", "?sheet=pal", "?sheet=done")]

    expected = (
        "Still open for rating: Principles Showing results now sways those who have not rated yet."
    )
    assert warnings == [expected, expected, None]


def test_projector_qr_code_encodes_the_sheets_address(session, staff):
    response = staff.get(URL)

    qr = segno.make("http://testserver/feedback/", error="m").svg_inline(
        scale=4, omitsize=True, title=gettext("QR code to the rating sheets"), svgclass="qr"
    )
    html = response.content.decode()
    assert html.count(qr) == 1
    caption = page(response).xpath(f"//figure[{has_class('projector-qr')}]/figcaption")[0]
    assert text(caption) == "Rate the outputs: http://testserver/feedback/"


def test_projector_is_its_own_page_refreshed_by_a_script(session, staff):
    response = staff.get(URL)

    html = response.content.decode()
    document = page(response)
    assert document.get("lang") == "en"
    assert document.xpath("//script/@src") == ["/static/js/projector.js"]
    assert document.get_element_by_id("projector-main").get("data-refresh-seconds") == "20"
    assert ("http-equiv" in html, "navbar" in html) == (False, False)
