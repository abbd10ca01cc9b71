"""What the answers' and the report's tests share: a coalition's closed sheet with three issues,
its pages' URLs, and the personas of the role matrix."""

from django.test import Client
from django.urls import reverse

from tests.factories import make_coalition, make_coordinator, make_organiser, make_user
from tests.feedback.results_helpers import Visibility, results_sheet

ROLES = ("anonymous", "participant", "other coordinator", "coordinator", "organiser")


def answers_sheet(
    session, *, closed=True, visibility=Visibility.AFTER_CLOSE, coalition_slug="dc-pal", **fields
):
    """A coalition's sheet (DC-PAL's "pal" by default) on "Principles" (Access, Skills,
    Privacy), closed by default; ``fields`` set on the sheet."""
    coalition = make_coalition(name=f"DC {coalition_slug}", slug=coalition_slug)
    sheet = results_sheet(
        session,
        code=coalition_slug.removeprefix("dc-"),
        titles=("Access", "Skills", "Privacy"),
        closed=closed,
        visibility=visibility,
        coalition=coalition,
        title="Principles",
    )
    for name, value in fields.items():
        setattr(sheet, name, value)
    if fields:
        sheet.save()
    return sheet


def role_client(role: str, coalition) -> tuple[Client, object]:
    client = Client()
    user = {
        "anonymous": lambda: None,
        "participant": make_user,
        "other coordinator": lambda: make_coordinator(make_coalition()),
        "coordinator": lambda: make_coordinator(coalition),
        "organiser": make_organiser,
    }[role]()
    if user is not None:
        client.force_login(user)
    return client, user


def url(name: str, output, **kwargs) -> str:
    return reverse(
        f"coalitions:{name}",
        kwargs={"slug": output.coalition.slug, "output_slug": output.slug, **kwargs},
    )


def issues_of(output) -> dict:
    return {issue.title: issue for issue in output.issues.all()}


def answers_post(output, answers: dict) -> dict:
    """The form's data: {issue title: (decision, reply)}; the other issues left unanswered."""
    data = {}
    for title, issue in issues_of(output).items():
        decision, reply = answers.get(title, ("", ""))
        data[f"decision_{issue.pk}"] = decision
        data[f"reply_{issue.pk}"] = reply
    return data
