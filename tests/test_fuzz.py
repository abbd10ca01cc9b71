"""Fuzz: every public GET parameter and every public form's fields, sent odd text (NUL,
surrogate-free unicode, very long strings, look-alike digits), never get a 500 or a traceback.

Hypothesis, bounded: ``HYPOTHESIS_PROFILE=ci`` (what .ci/run sets) draws 6 examples per
address, the default ``dev`` profile 25, ``deep`` 200 (a longer hunt, by hand). Headers and
cookies get the same odd text. It runs on SQLite and on PostgreSQL, where a NUL that
reached the database would be a ``DataError``: ``DATABASE_URL=postgres://... pytest
tests/test_fuzz.py``. The client raises a view's exception, so a failure shows its traceback and
the smallest example that caused it.
"""

import os

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalitions.models import JoinRequest
from feedback import services
from feedback.models import DebateItem, DebateQuestion
from feedback.respondent import COOKIE_NAME as RESPONDENT_COOKIE
from igfsession.models import Session
from tests.factories import make_session
from tests.feedback.debate_helpers import debate_world

pytestmark = pytest.mark.django_db

_COMMON = {
    "deadline": None,
    # The database fixtures are set up once per test and shared by its examples, on purpose.
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
settings.register_profile("ci", max_examples=6, database=None, **_COMMON)
settings.register_profile("dev", max_examples=25, **_COMMON)
settings.register_profile("deep", max_examples=200, **_COMMON)  # a longer hunt, by hand
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

_UNICODE = st.characters(exclude_categories=("Cs",))  # any code point UTF-8 can carry, NUL too
LOOK_ALIKE_DIGITS = [
    "\uff15",  # fullwidth
    "\u0665",  # Arabic-Indic
    "\u06f5",  # Extended Arabic-Indic
    "\u096b",  # Devanagari
    "\U0001d7d3",  # mathematical bold
    "\u2075",  # superscript
    "\u2085",  # subscript
    "\u2164",  # Roman numeral five
    "\u00bd",  # one half
    "5\u200b",
    "\u202e5",
    " 5 ",
    "+5",
    "05",
    "5.0",
    "-1",
    "1e9",
    "0x5",
    "9" * 40,
    "",
]
TEXTS = st.one_of(
    st.text(_UNICODE, max_size=40),
    st.builds(
        lambda a, b: f"{a}\x00{b}", st.text(_UNICODE, max_size=8), st.text(_UNICODE, max_size=8)
    ),
    st.sampled_from(LOOK_ALIKE_DIGITS),
    st.builds(
        lambda s, n: s * n, st.text(_UNICODE, min_size=1, max_size=3), st.integers(1000, 20_000)
    ),
)
# Names no page expects, NUL included: every page ignores them, or refuses them clearly.
EXTRA = st.dictionaries(st.text(_UNICODE, min_size=1, max_size=10), TEXTS, max_size=2)


@pytest.fixture
def world(db):
    """A current session with an open sheet ("irpc", one issue), a closed one ("pal", two), a
    coalition to join ("dc-pal") and a debate item running (questions are taken)."""
    session = make_session(is_current=True, year=2015)
    pal, irpc, organiser = debate_world(session)
    services.debate_item_start(item=DebateItem.objects.get(issue__title="Access"), user=organiser)
    return {"session": session, "pal": pal, "irpc": irpc, "organiser": organiser}


def _send(client: Client, method: str, path: str, data: dict):
    cache.clear()  # no rate limit stands between an example and the code it probes
    response = client.get(path, data) if method == "GET" else client.post(path, data)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code < 500, (path, data, response.status_code)
    assert b"Traceback" not in body
    return response


PUBLIC_GETS = [
    ("/", ()),
    ("/agenda/", ("sent",)),
    ("/agenda/now/", ("sent",)),
    ("/agenda/now.json", ()),
    ("/agenda.ics", ()),
    ("/agenda/schedule.xml", ()),
    ("/agenda/schedule.json", ()),
    ("/coalitions/", ("q", "page")),
    ("/coalitions/dc-pal/", ()),
    ("/coalitions/dc-pal/join/", ()),
    ("/feedback/", ()),
    ("/feedback/irpc/", ()),
    ("/feedback/irpc/thanks/", ()),
    ("/feedback/irpc/print/", ()),
    ("/feedback/results/", ("sort",)),
    ("/feedback/results/pal/", ()),
    ("/feedback/results.csv", ("session",)),
    ("/feedback/results.json", ("session",)),
    ("/feedback/results.xlsx", ("session",)),
    ("/feedback/report/", ()),
    ("/feedback/debate/", ()),
    ("/accounts/login/", ("next",)),
    ("/accounts/password_reset/", ()),
]
ORGANISER_GETS = [
    ("/feedback/results/projector/", ("sheet",)),
    ("/feedback/debate/projector/", ()),
    ("/feedback/irpc/enter/", ("filled_in",)),
    ("/feedback/responses.csv", ("session",)),
    ("/agenda/control/", ()),
    ("/admin/coalitions/coalition/", ("q", "o", "p")),
    ("/admin/feedback/response/", ("q", "channel__exact")),
]


@pytest.mark.parametrize("path,names", PUBLIC_GETS, ids=[p for p, _ in PUBLIC_GETS])
@settings(PROFILE)
@given(data=st.data())
def test_public_get_parameters(world, path, names, data):
    query = data.draw(st.fixed_dictionaries(dict.fromkeys(names, TEXTS)), label="query")
    query.update(data.draw(EXTRA, label="extra"))

    _send(Client(), "GET", path, query)


@pytest.mark.parametrize("path,names", ORGANISER_GETS, ids=[p for p, _ in ORGANISER_GETS])
@settings(PROFILE)
@given(data=st.data())
def test_organiser_get_parameters(world, path, names, data):
    query = data.draw(st.fixed_dictionaries(dict.fromkeys(names, TEXTS)), label="query")
    query.update(data.draw(EXTRA, label="extra"))
    client = Client()
    client.force_login(world["organiser"])

    _send(client, "GET", path, query)


def _sheet_fields(sheet) -> list[str]:
    names = []
    for issue in sheet.output.issues.order_by("position"):
        names += [f"mark_{issue.pk}", f"comment_{issue.pk}"]
    return names


PROFILE_FIELDS = ["stakeholder_group", "region", "attendance", "overall_comment"]
CONTACT_FIELDS = ["contact_consent", "contact_name", "contact_organisation", "contact_email"]


def _form(data, names: list[str], valid: dict | None = None) -> dict:
    """Each field either left out, given a valid value, or given odd text."""
    form = {}
    for name in names:
        choices = [st.none(), TEXTS]
        if valid and name in valid:
            choices.append(st.just(valid[name]))
        value = data.draw(st.one_of(*choices), label=name)
        if value is not None:
            form[name] = value
    form.update(data.draw(EXTRA, label="extra"))
    return form


@settings(PROFILE)
@given(data=st.data())
def test_rating_sheet_fields(world, data):
    sheet = world[data.draw(st.sampled_from(["irpc", "pal"]), label="sheet")]
    names = _sheet_fields(sheet) + PROFILE_FIELDS + CONTACT_FIELDS
    valid = {name: "agreement" for name in names if name.startswith("mark_")}
    valid.update(stakeholder_group="civil_society", region="grulac", contact_consent="on")

    _send(Client(), "POST", f"/feedback/{sheet.code}/", _form(data, names, valid))


@settings(PROFILE)
@given(data=st.data())
def test_paper_entry_fields(world, data):
    sheet = world[data.draw(st.sampled_from(["irpc", "pal"]), label="sheet")]
    names = [*_sheet_fields(sheet), *PROFILE_FIELDS, "filled_in_at", "entry_key"]
    valid = {name: "4" for name in names if name.startswith("mark_")}
    valid.update(filled_in_at="2015-11-12T16:30", entry_key="0123456789abcdef0123456789abcdef")
    client = Client()
    client.force_login(world["organiser"])

    _send(client, "POST", f"/feedback/{sheet.code}/enter/", _form(data, names, valid))


PUBLIC_FORMS = [
    (
        "/coalitions/dc-pal/join/",
        ["name", "email", "stakeholder_group", "region", "message", "consent"],
        {"name": "Ana Souza", "email": "ana@example.org", "consent": "on"},
    ),
    ("/accounts/login/", ["username", "password", "next"], {"username": "secretariat"}),
    ("/accounts/password_reset/", ["email"], {"email": "ana@example.org"}),
    ("/agenda/now/question/", ["text"], {"text": "Who pays for it?"}),
    ("/i18n/setlang/", ["language", "next"], {"language": "pt-br", "next": "/agenda/"}),
]


@pytest.mark.parametrize("path,names,valid", PUBLIC_FORMS, ids=[p for p, _, _ in PUBLIC_FORMS])
@settings(PROFILE)
@given(data=st.data())
def test_public_form_fields(world, path, names, valid, data):
    _send(Client(), "POST", path, _form(data, names, valid))


HEADERS = ["user-agent", "accept-language", "x-forwarded-for", "referer", "if-none-match"]
COOKIES = ["sessionid", "csrftoken", "django_language", RESPONDENT_COOKIE]
HEADER_TARGETS = [
    ("GET", "/coalitions/", {}),
    ("GET", "/feedback/irpc/", {}),
    ("POST", "/feedback/irpc/", {"overall_comment": "Clear."}),
    ("POST", "/accounts/login/", {"username": "ana", "password": "guess"}),
    ("GET", "/agenda/now.json", {}),
]


@settings(PROFILE)
@given(data=st.data())
def test_headers_and_cookies(world, data):
    method, path, form = data.draw(st.sampled_from(HEADER_TARGETS), label="target")
    # As a server hands them to Django (PEP 3333): the UTF-8 bytes, each one a character.
    wsgi = lambda text: text.encode().decode("latin-1")  # noqa: E731
    headers = {
        name: wsgi(data.draw(TEXTS, label=name)) for name in HEADERS if data.draw(st.booleans())
    }
    client = Client(headers=headers)
    for name in COOKIES:
        value = data.draw(st.one_of(st.none(), TEXTS), label=name)
        if value is not None:
            client.cookies[name] = wsgi(value)

    _send(client, method, path, form)


# Beside the drawn examples, NUL in every parameter and field for certain, whatever is drawn
# (one test each: the world is made once for all of them).
def test_nul_in_every_get_parameter_is_a_400(world):
    organiser = Client()
    organiser.force_login(world["organiser"])
    statuses, expected = {}, {}
    for client, gets in ((Client(), PUBLIC_GETS), (organiser, ORGANISER_GETS)):
        for path, names in gets:
            for name in (*names, "\x00"):
                statuses[path, name] = _send(client, "GET", path, {name: "a\x00b"}).status_code
                expected[path, name] = 400

    assert statuses == expected


def test_nul_in_every_public_form_field_is_refused(world):
    for path, names, valid in PUBLIC_FORMS:
        for name in names:
            _send(Client(), "POST", path, {**valid, name: "a\x00b"})

    # Each of those sends had a NUL in one field: nothing was stored.
    assert (JoinRequest.objects.count(), DebateQuestion.objects.count()) == (0, 0)


def test_the_world_is_what_the_fuzz_expects(world):
    # The examples above probe real pages, not 404s: the objects they name exist.
    assert Session.objects.get(is_current=True).year == 2015
    assert Client().get("/feedback/irpc/").status_code == 200
    assert Client().get("/coalitions/dc-pal/join/").status_code == 200
