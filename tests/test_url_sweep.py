"""Every URL pattern, requested by every kind of visitor, answers as the design intends.

The patterns come from the resolver (includes walked), filled with real objects' values. Each
is asked for with GET by an anonymous visitor, a participant (signed in, no role), a coordinator
of another coalition, the coalition's own coordinator, an organiser (staff), a superuser who is
not staff (an organiser too) and a staff account that is inactive (nobody's organiser: it is
treated as signed out). The answers are
an explicit table keyed by URL name: a new URL without an entry fails with a message to add one.
Actions that only take POST answer GET with 405; they are then posted to by everyone who must be
refused, and must refuse them.

The admin's own patterns are left to Django, except the admin's index and one model's list,
which stand for the rest: the admin lets in staff only.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from feedback.models import DebateItem, RatingSheet, Response
from tests.coalitions.helpers import make_version
from tests.factories import (
    make_coalition,
    make_coordinator,
    make_issue,
    make_organiser,
    make_user,
)
from tests.igfsession.helpers import make_agenda

PERSONAS = (
    "anonymous",
    "participant",
    "other coordinator",
    "coordinator",
    "staff",
    "superuser",
    "inactive staff",
)
# Organisers, as igfsession.permissions.is_organiser decides: active staff or superusers.
ORGANISER_PERSONAS = ("staff", "superuser")
SIGNED_OUT = ("anonymous", "inactive staff")

# Answers. LOGIN: 302 to the site's login page; ADMIN_LOGIN: 302 to the admin's login page.
OK, LOGIN, ADMIN_LOGIN, FORBIDDEN, NOT_FOUND, POST_ONLY = (
    "200",
    "302 login",
    "302 admin login",
    "403",
    "404",
    "405",
)
HOME = "302 home"

PUBLIC = dict.fromkeys(PERSONAS, OK)
# The DC portal: the coalition's coordinators and organisers.
PORTAL = {
    **dict.fromkeys(PERSONAS, FORBIDDEN),
    **dict.fromkeys(SIGNED_OUT, LOGIN),
    **dict.fromkeys(("coordinator", *ORGANISER_PERSONAS), OK),
}
# Organisers' pages of our own: anyone else signed in is refused.
ORGANISERS = {
    **dict.fromkeys(PERSONAS, FORBIDDEN),
    **dict.fromkeys(SIGNED_OUT, LOGIN),
    **dict.fromkeys(ORGANISER_PERSONAS, OK),
}
# Django's admin sends everyone but organisers to the admin's login.
ADMIN = {**dict.fromkeys(PERSONAS, ADMIN_LOGIN), **dict.fromkeys(ORGANISER_PERSONAS, OK)}
SIGNED_IN = {**dict.fromkeys(PERSONAS, OK), **dict.fromkeys(SIGNED_OUT, LOGIN)}
ACTION = dict.fromkeys(PERSONAS, POST_ONLY)
# The results of the world's sheet, which is open and which nobody has sent online: the bandwagon
# rule keeps them from everyone but the coalition's coordinators and organisers.
OPEN_SHEET_RESULTS = {
    **dict.fromkeys(PERSONAS, FORBIDDEN),
    **dict.fromkeys(("coordinator", *ORGANISER_PERSONAS), OK),
}

EXPECTED_GET = {
    # The session: public pages and the organisers' live control.
    "igfsession:home": PUBLIC,
    "igfsession:agenda": PUBLIC,
    "igfsession:now": PUBLIC,
    "igfsession:now-json": PUBLIC,
    "igfsession:agenda-ics": PUBLIC,
    "igfsession:slot-ics": PUBLIC,
    "igfsession:schedule-xml": PUBLIC,
    "igfsession:schedule-json": PUBLIC,
    "igfsession:control": ORGANISERS,
    "igfsession:control-start": ACTION,
    "igfsession:control-next": ACTION,
    "igfsession:control-end": ACTION,
    "igfsession:control-clock": ACTION,
    # The admin (standing for all its pages).
    "admin:index": ADMIN,
    "admin:coalitions_coalition_changelist": ADMIN,
    # Coalitions: public pages and the portal.
    "coalitions:directory": PUBLIC,
    "coalitions:detail": PUBLIC,
    "coalitions:join": PUBLIC,
    "coalitions:output": PUBLIC,
    "coalitions:download": PUBLIC,
    "coalitions:download-version": PUBLIC,
    "coalitions:manage": PORTAL,
    "coalitions:manage-profile": PORTAL,
    "coalitions:output-add": PORTAL,
    "coalitions:manage-output": PORTAL,
    "coalitions:output-edit": PORTAL,
    "coalitions:output-status": PORTAL,
    "coalitions:output-upload": PORTAL,
    "coalitions:output-preview": PORTAL,
    "coalitions:issue-add": PORTAL,
    "coalitions:issue-edit": PORTAL,
    "coalitions:issue-move": ACTION,
    "coalitions:issue-hide": ACTION,
    "coalitions:issue-show": ACTION,
    "coalitions:issue-remove": ACTION,
    "coalitions:issue-remove-confirm": PORTAL,
    # Accounts (Django's auth views). Logging out takes POST.
    "login": PUBLIC,
    "logout": ACTION,
    "password_change": SIGNED_IN,
    # The portals of the coalitions one coordinates: straight into the only one.
    "portals": {
        **SIGNED_IN,
        "other coordinator": "302 to /coalitions/gender/manage/",
        "coordinator": "302 to /coalitions/dc-pal/manage/",
    },
    "password_change_done": SIGNED_IN,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,  # an invalid link: the page says so
    "password_reset_complete": PUBLIC,
    # Rating sheets: public; paper entry for staff.
    "feedback:list": PUBLIC,
    "feedback:sheet": PUBLIC,
    "feedback:thanks": PUBLIC,
    "feedback:print": PUBLIC,
    "feedback:enter": ORGANISERS,
    "feedback:enter-edit": ORGANISERS,
    "feedback:withdraw": ACTION,
    # Open data: the results as each visitor may see them; the anonymised marks for staff.
    "feedback:results-csv": PUBLIC,
    "feedback:results-json": PUBLIC,
    "feedback:results-xlsx": PUBLIC,
    "feedback:responses-csv": ORGANISERS,
    "feedback:responses-xlsx": ORGANISERS,
    # Results: the overview for everyone (the rows each may see), an output's results, the
    # room's screen for organisers.
    "feedback:results": PUBLIC,
    "feedback:results-sheet": OPEN_SHEET_RESULTS,
    "feedback:results-projector": ORGANISERS,
    # The Day 4 debate: its running order for everyone, its screen and edits for organisers; a
    # question from the now page for everyone (POST; refused without a debate item running).
    "feedback:debate": PUBLIC,
    "feedback:debate-projector": ORGANISERS,
    "feedback:debate-suggested": ACTION,
    "feedback:debate-add": ACTION,
    "feedback:debate-move": ACTION,
    "feedback:debate-remove": ACTION,
    "feedback:debate-update": ACTION,
    "igfsession:now-question": ACTION,
    "igfsession:control-debate-start": ACTION,
    "igfsession:control-debate-stop": ACTION,
    "igfsession:control-question": ACTION,
    # The session report: public; each output's part as its sheet's visibility allows.
    "feedback:report": PUBLIC,
    # The coalition's answers (the world's sheet is open: its coordinators may not answer yet)
    # and its feedback report (the open sheet's results are withheld: the public gets a page
    # saying when, anyone else signed in a 403).
    "coalitions:answers": {**PORTAL, "coordinator": FORBIDDEN},
    "coalitions:answers-publish": ACTION,
    "coalitions:answer-discard": ACTION,
    "coalitions:report": {**OPEN_SHEET_RESULTS, **dict.fromkeys(SIGNED_OUT, OK)},
    # The language switcher: a GET changes nothing and goes back home.
    "set_language": dict.fromkeys(PERSONAS, HOME),
}
# Liveness and readiness (igfsession/ops.py): plain "ok" for everyone, load balancers first.
EXPECTED_GET.update({"healthz": PUBLIC, "readyz": PUBLIC})

# POST-only actions, posted by everyone who must be refused (organisers' and coordinators'
# own uses are tested with each app).
EXPECTED_POST = {
    "igfsession:control-start": ORGANISERS,
    "igfsession:control-next": ORGANISERS,
    "igfsession:control-end": ORGANISERS,
    "igfsession:control-clock": ORGANISERS,
    "coalitions:issue-move": PORTAL,
    "coalitions:issue-hide": PORTAL,
    "coalitions:issue-show": PORTAL,
    "coalitions:issue-remove": PORTAL,
    "feedback:withdraw": ORGANISERS,
    "feedback:debate-suggested": ORGANISERS,
    "feedback:debate-add": ORGANISERS,
    "feedback:debate-move": ORGANISERS,
    "feedback:debate-remove": ORGANISERS,
    "feedback:debate-update": ORGANISERS,
    "igfsession:control-debate-start": ORGANISERS,
    "igfsession:control-debate-stop": ORGANISERS,
    "igfsession:control-question": ORGANISERS,
    "coalitions:answers-publish": PORTAL,
    "coalitions:answer-discard": PORTAL,
}
REFUSED = ("anonymous", "participant", "other coordinator", "inactive staff")

# The admin's patterns left to Django (see the module's docstring).
ADMIN_KEPT = {"admin:index", "admin:coalitions_coalition_changelist"}


def url_patterns(resolver=None, namespace=""):
    """(namespace, name, pattern, converters) of every pattern, includes walked."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            converters = sorted(getattr(pattern.pattern, "converters", {}))
            yield namespace, name, pattern, converters


def swept_patterns():
    patterns = []
    for namespace, name, pattern, converters in url_patterns():
        if namespace.startswith("admin:") and name not in ADMIN_KEPT:
            continue
        assert name is not None, f"A URL pattern has no name: {pattern.pattern}"
        patterns.append((name, converters))
    return patterns


@pytest.fixture
def world(db, tmp_path, settings):
    """A current session with its agenda, two coalitions, an output with a file, an issue, a
    rating sheet and a paper response; the users of every persona."""
    settings.MEDIA_ROOT = tmp_path / "media"
    session, _day3, _day4, slots = make_agenda()
    coalition = slots[0].coalition
    output = slots[0].output
    sheet = RatingSheet.objects.get(output=output)
    organiser = make_organiser(username="secretariat")
    coordinator = make_coordinator(coalition, username="pal-coordinator")
    version = make_version(output=output, user=coordinator)
    issue = make_issue(output=output, title="Access for all")
    paper = Response.objects.create(sheet=sheet, channel="paper", entered_by=organiser)
    debate_item = DebateItem.objects.create(session=session, issue=issue, position=1)
    other = make_coalition(name="Dynamic Coalition on Gender", acronym="DC-Gender", slug="gender")
    users = {
        "anonymous": None,
        "participant": make_user(username="participant"),
        "other coordinator": make_coordinator(other, username="gender-coordinator"),
        "coordinator": coordinator,
        "staff": organiser,
        "superuser": make_user(username="root", is_superuser=True),
        "inactive staff": make_user(username="former", is_staff=True, is_active=False),
    }
    values = {
        "slug": coalition.slug,
        "output_slug": output.slug,
        "number": version.number,
        "code": sheet.code,
        "uidb64": "MQ",
        "token": "bad-token",
    }
    pks = {
        "igfsession:slot-ics": slots[0].pk,
        "coalitions:issue-edit": issue.pk,
        "coalitions:issue-move": issue.pk,
        "coalitions:issue-hide": issue.pk,
        "coalitions:issue-show": issue.pk,
        "coalitions:issue-remove": issue.pk,
        "coalitions:issue-remove-confirm": issue.pk,
        "feedback:enter-edit": paper.pk,
        "feedback:withdraw": paper.pk,
        "feedback:debate-move": debate_item.pk,
        "feedback:debate-remove": debate_item.pk,
        "feedback:debate-update": debate_item.pk,
        "coalitions:answer-discard": issue.pk,
    }
    return users, values, pks


def _url(name, converters, values, pks) -> str:
    kwargs = {}
    for converter in converters:
        if converter == "pk":
            assert name in pks, f"Which object's pk fills {name}? Add it to the world's pks."
            kwargs["pk"] = pks[name]
        else:
            assert converter in values, f"No value for <{converter}> in {name}: add one."
            kwargs[converter] = values[converter]
    return reverse(name, kwargs=kwargs)


def _answer(response, url) -> str:
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location == f"/accounts/login/?next={quote(url)}":
        return LOGIN
    if location == f"/admin/login/?next={quote(url)}":
        return ADMIN_LOGIN
    if location == "/":
        return HOME
    return f"302 to {location}"


def _clients(users) -> dict[str, Client]:
    clients = {}
    for persona, user in users.items():
        clients[persona] = Client()
        if user is not None:
            clients[persona].force_login(user)
    return clients


def test_sweep_every_url_pattern_has_an_expected_answer():
    names = [name for name, _converters in swept_patterns()]

    missing = sorted(set(names) - set(EXPECTED_GET))
    stale = sorted(set(EXPECTED_GET) - set(names))

    assert missing == [], (
        f"New URLs {missing}: add each to EXPECTED_GET in tests/test_url_sweep.py with the answer "
        "every persona must get (and to EXPECTED_POST if it takes POST only)."
    )
    assert stale == [], f"URLs that no longer exist, in EXPECTED_GET: {stale}"
    post_only = {n for n, answers in EXPECTED_GET.items() if answers == ACTION}
    # Logging out and sending a debate question are for everyone; every other POST-only action
    # must be refused to outsiders.
    assert set(EXPECTED_POST) == post_only - {"logout", "igfsession:now-question"}


def test_sweep_get_answers_as_the_design_intends(world):
    users, values, pks = world
    clients = _clients(users)

    got = {}
    for name, converters in swept_patterns():
        url = _url(name, converters, values, pks)
        answers = {}
        for persona, client in clients.items():
            response = client.get(url)
            answers[persona] = _answer(response, url)
            if response.streaming:  # a download: read it, which closes its file
                b"".join(response.streaming_content)
        got[name] = answers

    wrong = {
        name: {p: (got[name][p], expected[p]) for p in PERSONAS if got[name][p] != expected[p]}
        for name, expected in EXPECTED_GET.items()
        if name in got and got[name] != expected
    }
    assert wrong == {}, "name: {persona: (got, expected)}"


def test_sweep_post_only_actions_refuse_everyone_else(world):
    users, values, pks = world
    clients = _clients(users)
    patterns = dict(swept_patterns())
    before = Response.objects.get(channel="paper").withdrawn_at

    got = {}
    for name in EXPECTED_POST:
        url = _url(name, patterns[name], values, pks)
        got[name] = {
            persona: _answer(clients[persona].post(url, {"direction": "up"}), url)
            for persona in REFUSED
        }

    assert got == {
        name: {persona: expected[persona] for persona in REFUSED}
        for name, expected in EXPECTED_POST.items()
    }
    assert Response.objects.get(channel="paper").withdrawn_at == before
    assert list(DebateItem.objects.values_list("position", "minutes")) == [(1, 5)]


# Issue 14 (helper H): "I am someone else — start a new sheet": a page for everyone (GET explains,
# POST forgets the respondent cookie).
EXPECTED_GET["feedback:someone-else"] = PUBLIC

# Issue 15 (helper J): the service worker and the web app manifest, from the site's root, for
# everyone.
EXPECTED_GET.update({"igfsession:service-worker": PUBLIC, "igfsession:manifest": PUBLIC})

# Issue 14 (helper I): the organisers' integrity page of a sheet (GET lists, POST withdraws a
# flagged group, both for organisers only).
EXPECTED_GET["feedback:integrity"] = ORGANISERS
