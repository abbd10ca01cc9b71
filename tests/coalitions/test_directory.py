import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_coalition, make_coordinator, make_output, make_session

pytestmark = pytest.mark.django_db


def _names(response):
    return [coalition.name for coalition in response.context["coalitions"]]


def test_directory_lists_active_coalitions_first_then_inactive(client):
    make_coalition(name="Zeta coalition", is_active=True)
    make_coalition(name="Alpha coalition", is_active=False)
    make_coalition(name="Beta coalition", is_active=True)

    response = client.get("/coalitions/")

    assert response.status_code == 200
    assert _names(response) == ["Beta coalition", "Zeta coalition", "Alpha coalition"]


def test_directory_marks_inactive_coalitions_in_words(client):
    make_coalition(name="Dormant coalition", slug="dormant", is_active=False)
    make_coalition(name="Busy coalition", slug="busy", is_active=True)

    response = client.get("/coalitions/")

    assertContains(response, '<span class="badge text-bg-secondary">Inactive</span>', count=1)
    html = response.content.decode()
    dormant = html[html.index('id="coalition-dormant"') :]
    assert dormant.index("Inactive") < dormant.index("</li>")


def test_directory_shows_acronym_summary_and_current_output_status(client, session):
    coalition = make_coalition(
        name="Dynamic Coalition on Public Access in Libraries",
        acronym="DC-PAL",
        slug="dc-pal",
        summary="Libraries as places of public access to the Internet.",
    )
    make_output(coalition=coalition, session=session, title="Principles", slug="p", status="final")
    make_output(coalition=coalition, session=make_session(year=2014), status="draft")

    response = client.get("/coalitions/")

    assertContains(
        response, '<span class="text-body-secondary">(<bdi>DC-PAL</bdi>)</span>', count=1
    )
    assertContains(
        response,
        '<p class="mb-1" dir="auto">Libraries as places of public access to the Internet.</p>',
    )
    assertContains(
        response,
        '<a href="/coalitions/dc-pal/outputs/p/" dir="auto" lang="en">Principles</a> — '
        "Final — present the output on Day 3 and collect ratings",
        count=1,
    )


def test_directory_coalition_without_output_says_so(client, session):
    make_coalition(name="Quiet coalition")

    response = client.get("/coalitions/")

    assertContains(response, "No output declared for this session.", count=1)


@pytest.mark.parametrize(
    "query,expected",
    [
        ("librar", ["Dynamic Coalition on Public Access in Libraries"]),
        ("LIBRAR", ["Dynamic Coalition on Public Access in Libraries"]),
        ("irpc", ["Internet Rights and Principles Coalition"]),
        (
            "coalition",
            [
                "Dynamic Coalition on Public Access in Libraries",
                "Internet Rights and Principles Coalition",
            ],
        ),
        (
            "",
            [
                "Dynamic Coalition on Public Access in Libraries",
                "Internet Rights and Principles Coalition",
            ],
        ),
        ("nothing like it", []),
    ],
)
def test_directory_search_filters_by_name_or_acronym(client, query, expected):
    make_coalition(name="Dynamic Coalition on Public Access in Libraries", acronym="DC-PAL")
    make_coalition(name="Internet Rights and Principles Coalition", acronym="IRPC")

    response = client.get("/coalitions/", {"q": query})

    assert _names(response) == expected


def test_directory_search_keeps_the_query_in_the_box_escaped(client):
    response = client.get("/coalitions/", {"q": '"><script>alert(1)</script>'})

    assertContains(
        response,
        'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
        count=1,
    )
    assertNotContains(response, "<script>alert(1)</script>")


def test_directory_search_box_is_a_labelled_get_form(client):
    response = client.get("/coalitions/")

    assertContains(
        response,
        '<label for="coalition-search" class="form-label">Search by name or acronym</label>',
        count=1,
    )
    assertContains(response, '<form method="get" action="/coalitions/" role="search"', count=1)
    assertContains(response, 'name="q" id="coalition-search"', count=1)


def test_directory_search_without_match_says_so(client):
    make_coalition(name="Some coalition")

    response = client.get("/coalitions/", {"q": "zzz"})

    assertContains(response, "No coalition matches your search.", count=1)
    assertContains(response, "0 coalitions match “zzz”.", count=1)


def test_directory_shows_coordinators_their_portals(client, coalition, coordinator):
    client.force_login(coordinator)

    response = client.get("/coalitions/")

    assertContains(
        response, '<a href="/coalitions/dc-pal/manage/">Manage <bdi>DC-PAL</bdi></a>', count=1
    )


def test_directory_offers_anonymous_visitors_the_login(client):
    response = client.get("/coalitions/")

    assertContains(
        response,
        '<a href="/accounts/login/?next=/coalitions/">Log in to your coalition\'s portal</a>',
        count=1,
    )


@pytest.mark.parametrize("count", [3, 30])
def test_directory_queries_do_not_grow_with_coalitions(
    client, session, django_assert_max_num_queries, count
):
    for n in range(count):
        coalition = make_coalition(is_active=n % 2 == 0)
        make_output(coalition=coalition, session=session)
        make_coordinator(coalition)

    with django_assert_max_num_queries(4):
        response = client.get("/coalitions/")

    assert len(response.context["coalitions"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_directory_queries_do_not_grow_for_coordinators(
    client, session, coordinator, django_assert_max_num_queries, count
):
    for _ in range(count):
        make_output(coalition=make_coalition(), session=session)
    client.force_login(coordinator)

    # 8: one of them for the header's user menu (the coalitions the user coordinates).
    with django_assert_max_num_queries(8):
        response = client.get("/coalitions/")

    assert len(response.context["coalitions"]) == count + 1
