"""The portal's tables fit a 375-px phone: no page of the portal scrolls sideways, in English and
Arabic, with long names, e-mail addresses and file names in its tables."""

import pytest

from coalitions.models import JoinRequest
from tests.browser.helpers import PHONE
from tests.coalitions.helpers import make_version

pytestmark = pytest.mark.browser

_WIDTHS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def _long_rows(site):
    JoinRequest.objects.create(
        coalition=site.coalition,
        name="Maria Fernanda Albuquerque de Vasconcelos",
        email="maria.fernanda.albuquerque.de.vasconcelos@bibliotecas-publicas.example.org",
        stakeholder_group="civil_society",
        region="grulac",
        message="I run a network of public libraries and would like to join the coalition.",
        consent=True,
    )
    make_version(
        output=site.output,
        user=site.coordinator,
        name="principles-on-public-access-in-libraries-final-version-2015.pdf",
    )


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("where", ["", "outputs/{output}/"])
def test_the_portals_tables_fit_a_375_px_phone(site, new_context, language, where):
    _long_rows(site)
    page = new_context(viewport=PHONE, language=language, user=site.coordinator).new_page()
    path = f"/coalitions/{site.coalition.slug}/manage/{where.format(output=site.output.slug)}"

    page.goto(path)

    tables = page.locator("table.portal-table")
    assert tables.count() == (2 if where == "" else 1)
    for table in tables.all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
        assert table.evaluate("(t) => t.scrollWidth <= t.clientWidth") is True
    if language == "en":
        # The whole page too (the Arabic header's long site name is the width check's own).
        assert page.evaluate(_WIDTHS) == [375, 375]
