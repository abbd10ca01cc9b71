"""/feedback/debate/: the running order for everyone, figures only where the visibility predicate
allows; the organisers' controls (start from the suggestions, add, move, remove, minutes and an
outcome note) on the same page, without JavaScript."""

import pytest

from feedback import services
from feedback.models import DebateItem
from tests.factories import make_organiser
from tests.feedback.debate_helpers import debate_world, items, persona_client
from tests.feedback.results_helpers import has_class, page, text

pytestmark = pytest.mark.django_db

URL = "/feedback/debate/"


def _entries(response) -> dict[str, dict]:
    """Each item as a visitor reads it: its title, whether it shows figures, its controls."""
    found = {}
    for li in page(response).xpath(f"//li[{has_class('debate-item')}]"):
        title = text(li.xpath(".//h2")[0])
        found[title] = {
            "meta": text(li.xpath(f".//*[{has_class('debate-meta')}]")[0]),
            "figures": bool(li.xpath(f".//*[{has_class('debate-figures')}]")),
            "reading": [text(each) for each in li.xpath(f".//*[{has_class('debate-reading')}]")],
            "answer": [text(each) for each in li.xpath(f".//*[{has_class('debate-answer')}]//p")],
            "controls": [each.get("action") for each in li.xpath(".//form")],
        }
    return found


# Who sees which item's figures: "pal" is closed (public results), "irpc" open (after sending):
# its coalition's coordinators and organisers only. Everyone sees every item's issue and
# coalition; only organisers get the controls.
@pytest.mark.parametrize(
    ("persona", "access_figures", "rights_figures", "controls"),
    [
        ("anonymous", True, False, False),
        ("participant", True, False, False),
        ("other coordinator", True, False, False),
        ("coordinator", True, True, False),
        ("organiser", True, True, True),
    ],
)
def test_debate_page_role_matrix(session, persona, access_figures, rights_figures, controls):
    pal, irpc, _organiser = debate_world(session)

    response = persona_client(persona, pal, irpc).get(URL)

    entries = _entries(response)
    assert response.status_code == 200
    assert list(entries) == ["1. Access", "2. Rights"]
    assert entries["1. Access"]["meta"] == "10:40 · 5 minutes · DC on Libraries — Output pal"
    assert entries["2. Rights"]["meta"] == (
        "10:45 · 5 minutes · Internet Rights and Principles — Output irpc"
    )
    assert entries["1. Access"]["figures"] is access_figures
    assert entries["1. Access"]["reading"] == ["divided — debate it"]
    assert entries["2. Rights"]["figures"] is rights_figures
    assert entries["2. Rights"]["reading"] == (["divided — debate it"] if rights_figures else [])
    assert bool(entries["2. Rights"]["controls"]) is controls
    main = page(response).xpath("//main")[0]
    hrefs = {a.get("href") for a in main.xpath(".//a")}
    assert ("/agenda/control/" in hrefs) is controls
    assert ("/feedback/debate/projector/" in hrefs) is controls
    assert bool(main.xpath(f".//details[{has_class('reading-rule')}]")) is True


def test_debate_page_shows_the_coalitions_latest_published_answer(session):
    pal, _irpc, organiser = debate_world(session)
    access = pal.output.issues.get(title="Access")
    services.answer_draft_save(issue=access, user=organiser, decision="clarify", reply="First.")
    services.answers_publish(output=pal.output, user=organiser)
    services.answer_draft_save(
        issue=access, user=organiser, decision="debate", reply="Let us talk."
    )
    services.answers_publish(output=pal.output, user=organiser)
    services.answer_draft_save(issue=access, user=organiser, decision="drop", reply="Unpublished.")

    entries = _entries(persona_client("anonymous", pal, None).get(URL))

    assert entries["1. Access"]["answer"] == ["Take to the Day 4 debate — Let us talk."]
    assert entries["2. Rights"]["answer"] == []


def test_debate_built_from_the_suggestions_then_arranged(client, session):
    pal, _irpc, organiser = debate_world(session)
    DebateItem.objects.all().delete()
    client.force_login(organiser)
    skills = pal.output.issues.get(title="Skills")

    built = client.post("/feedback/debate/suggested/")
    suggested = items(session)
    added = client.post("/feedback/debate/add/", {"issue": skills.pk})
    rights = DebateItem.objects.get(issue__title="Rights")
    access = DebateItem.objects.get(issue__title="Access")
    moved = client.post(f"/feedback/debate/{rights.pk}/move/", {"direction": "up"})
    client.post(f"/feedback/debate/{access.pk}/move/", {"direction": "down"})
    removed = client.post(f"/feedback/debate/{access.pk}/remove/")
    updated = client.post(
        f"/feedback/debate/{rights.pk}/update/",
        {f"item-{rights.pk}-minutes": "12", f"item-{rights.pk}-outcome_note": " Agreed. "},
    )

    # Divided (Access and Rights, the most contested first), then unclear (Skills).
    assert suggested == [(1, "Access", 5), (2, "Rights", 5), (3, "Skills", 5)]
    assert (built.status_code, built["Location"]) == (302, "/feedback/debate/")
    assert added.status_code == 400  # Skills was suggested: it is in the order already
    assert (moved.status_code, moved["Location"]) == (302, f"/feedback/debate/#item-{rights.pk}")
    assert removed.status_code == 302
    assert updated.status_code == 302
    assert items(session) == [(1, "Rights", 12), (2, "Skills", 5)]
    assert DebateItem.objects.get(pk=rights.pk).outcome_note == "Agreed."
    page_after = _entries(client.get(URL))
    assert list(page_after) == ["1. Rights", "2. Skills"]
    assert page_after["2. Skills"]["meta"].startswith("10:52 · 5 minutes")


def test_debate_add_offers_only_the_issues_not_in_the_order(client, session):
    _pal, _irpc, organiser = debate_world(session)
    client.force_login(organiser)

    response = client.get(URL)

    options = [text(o) for o in page(response).xpath("//select[@name='issue']/option")]
    assert options == ["Choose an issue", "DC-PAL — Skills"]


@pytest.mark.parametrize(
    ("data", "field", "message", "kept"),
    [
        ({"minutes": "0"}, "minutes", "Give at least 1 minute.", "0"),
        ({"minutes": "121"}, "minutes", "Give at most 120 minutes.", "121"),
        ({"minutes": "ten"}, "minutes", "Give the minutes as a whole number.", "ten"),
        ({"minutes": ""}, "minutes", "Give the minutes for this item.", ""),
        (
            {"minutes": "5", "outcome_note": "x" * 2001},
            "outcome_note",
            "The note is too long.",
            "x" * 2001,
        ),
    ],
)
def test_debate_item_bad_input_is_shown_beside_the_field_and_stores_nothing(
    client, session, data, field, message, kept
):
    _pal, _irpc, organiser = debate_world(session)
    client.force_login(organiser)
    item = DebateItem.objects.get(issue__title="Access")

    response = client.post(
        f"/feedback/debate/{item.pk}/update/",
        {f"item-{item.pk}-{name}": value for name, value in data.items()},
    )

    assert response.status_code == 400
    error = page(response).xpath(f"//*[@id='id_item-{item.pk}-{field}-error']")
    assert [text(each) for each in error] == [message]
    widget = page(response).xpath(f"//*[@id='id_item-{item.pk}-{field}']")[0]
    shown = widget.get("value") or "" if widget.tag == "input" else (widget.text or "").lstrip("\n")
    assert shown == kept
    assert items(session) == [(1, "Access", 5), (2, "Rights", 5)]
    assert DebateItem.objects.get(pk=item.pk).outcome_note == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Choose an issue to add."),
        ("999999", "That issue cannot be added: choose one from the list."),
        ("access", "That issue cannot be added: choose one from the list."),
    ],
)
def test_debate_add_bad_input_stores_nothing(client, session, value, message):
    _pal, _irpc, organiser = debate_world(session)
    client.force_login(organiser)

    response = client.post("/feedback/debate/add/", {"issue": value})

    assert response.status_code == 400
    assert [text(e) for e in page(response).xpath("//*[@id='id_issue-error']")] == [message]
    assert items(session) == [(1, "Access", 5), (2, "Rights", 5)]


def test_debate_move_with_a_bad_direction_changes_nothing(client, session):
    _pal, _irpc, organiser = debate_world(session)
    client.force_login(organiser)
    rights = DebateItem.objects.get(issue__title="Rights")

    response = client.post(f"/feedback/debate/{rights.pk}/move/", {"direction": "sideways"})

    assert response.status_code == 302
    assert items(session) == [(1, "Access", 5), (2, "Rights", 5)]


@pytest.mark.parametrize("persona", ["anonymous", "participant", "coordinator"])
def test_debate_actions_refuse_everyone_but_organisers(session, persona):
    pal, irpc, _organiser = debate_world(session)
    visitor = persona_client(persona, pal, irpc)
    rights = DebateItem.objects.get(issue__title="Rights")
    skills = pal.output.issues.get(title="Skills")

    answers = [
        visitor.post("/feedback/debate/suggested/").status_code,
        visitor.post("/feedback/debate/add/", {"issue": skills.pk}).status_code,
        visitor.post(f"/feedback/debate/{rights.pk}/move/", {"direction": "up"}).status_code,
        visitor.post(f"/feedback/debate/{rights.pk}/remove/").status_code,
        visitor.post(
            f"/feedback/debate/{rights.pk}/update/", {f"item-{rights.pk}-minutes": "9"}
        ).status_code,
    ]

    assert answers == [302 if persona == "anonymous" else 403] * 5
    assert items(session) == [(1, "Access", 5), (2, "Rights", 5)]


@pytest.mark.parametrize("extra", [0, 6])
# The organiser's 15 include one for the header's user menu.
@pytest.mark.parametrize(("who", "queries"), [("anonymous", 10), ("organiser", 15)])
def test_debate_page_queries_are_fixed(session, django_assert_num_queries, extra, who, queries):
    pal, irpc, _organiser = debate_world(session, extra_items=extra)
    visitor = persona_client(who, pal, irpc)

    # The current session; the items, the debate part, the thresholds, the answers; the results
    # (the sheets, their issues, marks, withdrawn responses' marks, respondents). Organisers: the
    # session and the user, the issues to add, and the suggestions' answers.
    with django_assert_num_queries(queries):
        response = visitor.get(URL)

    assert len(_entries(response)) == 2 + extra


def test_debate_page_without_a_session_says_so(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert "There is no current session, so there is no debate to show." in text(
        page(response).xpath("//main")[0]
    )


def test_debate_item_of_another_session_is_not_found(client, session):
    _pal, _irpc, _organiser = debate_world(session)
    client.force_login(make_organiser())
    item = DebateItem.objects.get(issue__title="Access")
    session.is_current = False
    session.save()

    response = client.post(f"/feedback/debate/{item.pk}/remove/")

    assert response.status_code == 404
    assert DebateItem.objects.count() == 2
