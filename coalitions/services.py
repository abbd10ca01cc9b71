"""Writes for coalitions: one transaction per submission, full_clean() before every save.

Views check who may open a page; these functions enforce the workflow whoever calls them
(the declaration deadline, issues frozen once the rating sheet opens, no removal once it has
responses) and raise ValidationError with a message meant for the person who typed.
"""

import hashlib
import logging
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import Coalition, Issue, IssueChange, JoinRequest, Output, OutputVersion
from .permissions import (
    can_change_issues,
    can_declare_output_status,
    can_edit_coalition,
    can_edit_output,
    can_manage_coalition,
    can_upload_output_version,
)
from .signals import output_became_final
from .validators import validate_output_file

logger = logging.getLogger(__name__)

COALITION_PROFILE_FIELDS = (
    "name",
    "acronym",
    "summary",
    "description",
    "website",
    "mailing_list",
    "contact_email",
    "year_formed",
)
OUTPUT_DETAIL_FIELDS = ("title", "summary", "language")
ISSUE_FIELDS = ("title", "summary", "reference")


def _set_fields(instance, allowed: tuple[str, ...], fields: dict) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)


def _lock(output: Output) -> None:
    """Serialise writes to one output's versions and issues (a row lock on PostgreSQL)."""
    Output.objects.select_for_update().filter(pk=output.pk).values_list("pk").first()


def _local(session, moment) -> str:
    return f"{date_format(session.local(moment), 'DATETIME_FORMAT')} ({session.time_zone})"


# Coalitions ---------------------------------------------------------------------------------


@transaction.atomic
def coalition_update(*, coalition: Coalition, user, **fields) -> Coalition:
    if not can_edit_coalition(user, coalition):
        raise PermissionDenied
    _set_fields(coalition, COALITION_PROFILE_FIELDS, fields)
    coalition.full_clean()
    coalition.save()
    return coalition


# Outputs ------------------------------------------------------------------------------------


def _unique_output_slug(coalition: Coalition, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "output"
    taken = set(
        Output.objects.filter(coalition=coalition, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def output_create(*, coalition: Coalition, session, user, **fields) -> Output:
    """A coalition's output for a session; it starts as a draft."""
    if not can_manage_coalition(user, coalition):
        raise PermissionDenied
    output = Output(coalition=coalition, session=session, status=Output.Status.DRAFT)
    _set_fields(output, OUTPUT_DETAIL_FIELDS, fields)
    output.slug = _unique_output_slug(coalition, output.title)
    output.full_clean()
    output.save()
    return output


@transaction.atomic
def output_update(*, output: Output, user, **fields) -> Output:
    if not can_edit_output(user, output):
        raise PermissionDenied
    _set_fields(output, OUTPUT_DETAIL_FIELDS, fields)
    output.full_clean()
    output.save()
    return output


def declaration_closed_message(session) -> str:
    return _(
        "The declaration deadline passed on %(deadline)s. Declarations are read-only now; "
        "write to the organisers if your output's status must change."
    ) % {"deadline": _local(session, session.declaration_deadline)}


@transaction.atomic
@transaction.atomic
def output_status_declare(*, output: Output, user, status: str) -> Output:
    """Declare how far the output is: draft, work in progress (Day 4) or final (Day 3)."""
    if not can_manage_coalition(user, output.coalition):
        raise PermissionDenied
    if not can_declare_output_status(user, output):
        raise ValidationError({"status": declaration_closed_message(output.session)})
    changed = status != output.status
    if changed:
        output.status = status
        output.status_changed_at = timezone.now()
    output.full_clean()
    output.save()
    if changed:
        output_status_changed(output=output)
    return output


def output_status_changed(*, output: Output) -> None:
    """Tell the apps that depend on coalitions (feedback makes a final output's rating sheet)."""
    if output.status == Output.Status.FINAL:
        output_became_final.send(sender=Output, output=output)


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def output_version_upload(*, output: Output, user, file) -> OutputVersion:
    """Keep a new file version of the output. Its type is read from its content.

    The stored name is random; the uploader's file name is only recorded.
    """
    if not can_upload_output_version(user, output):
        raise PermissionDenied
    try:
        document_type = validate_output_file(file)
    except ValidationError as error:
        raise ValidationError({"file": error.error_list}) from error
    original_name = (file.name or "")[:255]
    sha256 = _sha256(file)
    file.name = f"document.{document_type.extension}"
    with transaction.atomic():
        _lock(output)
        number = (output.versions.aggregate(highest=Max("number"))["highest"] or 0) + 1
        version = OutputVersion(
            output=output,
            number=number,
            file=file,
            original_name=original_name,
            content_type=document_type.content_type,
            size=file.size,
            sha256=sha256,
            uploaded_by=user,
        )
        version.full_clean()
        version.file.save(file.name, file, save=False)  # under a random name: see upload_to
        try:
            version.save()
        except BaseException:
            version.file.delete(save=False)
            raise
    return version


# Issues -------------------------------------------------------------------------------------


def issues_frozen_message(output: Output) -> str:
    return _(
        "The rating sheet opened on %(opened)s, so the issues are frozen: participants "
        "are rating them. Write to the organisers if one needs a correction."
    ) % {"opened": _local(output.session, output.sheet.opens_at)}


def _ensure_issues_editable(output: Output, user) -> None:
    if not can_manage_coalition(user, output.coalition):
        raise PermissionDenied
    if not can_change_issues(user, output):
        raise ValidationError(issues_frozen_message(output), code="frozen")


def _snapshot(issue: Issue) -> dict:
    return {
        "title": issue.title,
        "summary": issue.summary,
        "reference": issue.reference,
        "position": issue.position,
        "is_hidden": issue.is_hidden,
    }


def _record(output: Output, issue: Issue, action: str, user, before=None, after=None) -> None:
    """Changes after the rating sheet opened are recorded: participants may have seen both."""
    if not output.sheet_has_opened():
        return
    change = IssueChange(
        output=output,
        issue=issue,
        issue_title=issue.title,
        action=action,
        before=before or {},
        after=after or {},
        changed_by=user if user.is_authenticated else None,
    )
    change.full_clean()
    change.save()


@transaction.atomic
def issue_create(*, output: Output, user, **fields) -> Issue:
    _ensure_issues_editable(output, user)
    _lock(output)
    highest = output.issues.aggregate(highest=Max("position"))["highest"] or 0
    issue = Issue(output=output, position=highest + 1)
    _set_fields(issue, ISSUE_FIELDS, fields)
    issue.full_clean()
    issue.save()
    _record(output, issue, IssueChange.Action.ADDED, user, after=_snapshot(issue))
    return issue


@transaction.atomic
def issue_update(*, issue: Issue, user, **fields) -> Issue:
    _ensure_issues_editable(issue.output, user)
    before = _snapshot(issue)
    _set_fields(issue, ISSUE_FIELDS, fields)
    issue.full_clean()
    issue.save()
    after = _snapshot(issue)
    changed = [key for key in after if after[key] != before[key]]
    if changed:
        _record(
            issue.output,
            issue,
            IssueChange.Action.EDITED,
            user,
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
        )
    return issue


@transaction.atomic
def issue_move(*, issue: Issue, user, direction: str) -> Issue:
    """Move an issue one place up or down; positions are renumbered 1, 2, 3 ... on the way."""
    if direction not in {"up", "down"}:
        raise ValidationError(_("Move an issue up or down."), code="bad_direction")
    output = issue.output
    _ensure_issues_editable(output, user)
    _lock(output)
    issues = list(Issue.objects.filter(output=output).order_by("position", "pk"))
    index = next(i for i, item in enumerate(issues) if item.pk == issue.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(issues):
        return issue
    issues[index], issues[target] = issues[target], issues[index]
    changed = []
    for position, item in enumerate(issues, start=1):
        if item.position != position:
            item.position = position
            item.full_clean()
            changed.append(item)
    Issue.objects.bulk_update(changed, ["position"])
    issue.position = target + 1
    _record(
        output,
        issue,
        IssueChange.Action.MOVED,
        user,
        before={"position": index + 1},
        after={"position": target + 1},
    )
    return issue


def _set_hidden(issue: Issue, user, hidden: bool) -> Issue:
    _ensure_issues_editable(issue.output, user)
    if issue.is_hidden == hidden:
        return issue
    issue.is_hidden = hidden
    issue.full_clean()
    issue.save(update_fields=["is_hidden"])
    action = IssueChange.Action.HIDDEN if hidden else IssueChange.Action.SHOWN
    _record(
        issue.output,
        issue,
        action,
        user,
        before={"is_hidden": not hidden},
        after={"is_hidden": hidden},
    )
    return issue


@transaction.atomic
def issue_hide(*, issue: Issue, user) -> Issue:
    """Hidden issues keep their ratings but are no longer shown or rated."""
    return _set_hidden(issue, user, True)


@transaction.atomic
def issue_show(*, issue: Issue, user) -> Issue:
    return _set_hidden(issue, user, False)


@transaction.atomic
def issue_remove(*, issue: Issue, user) -> None:
    """Delete an issue, unless its sheet has responses: no rating is ever orphaned."""
    output = issue.output
    _ensure_issues_editable(output, user)
    _lock(output)
    sheet = output.sheet
    if (sheet is not None and sheet.responses.exists()) or issue.ratings.exists():
        raise ValidationError(
            _(
                "“%(title)s” can no longer be removed: its rating sheet has responses. "
                "Hide it instead; its ratings are kept."
            )
            % {"title": issue.title},
            code="has_responses",
        )
    _record(output, issue, IssueChange.Action.REMOVED, user, before=_snapshot(issue))
    issue.delete()


# Joining a coalition ------------------------------------------------------------------------

CONSENT_REQUIRED_MESSAGE = _("Tick this box to agree that the coalition may contact you.")


def _join_request_recipients(coalition: Coalition) -> list[str]:
    if coalition.contact_email:
        return [coalition.contact_email]
    return sorted(
        {email for email in coalition.coordinators.values_list("email", flat=True) if email}
    )


def _send_join_request_mail(join_request_pk: int) -> None:
    join_request = JoinRequest.objects.select_related("coalition").get(pk=join_request_pk)
    coalition = join_request.coalition
    recipients = _join_request_recipients(coalition)
    if not recipients:
        logger.warning("Join request %s: %s has no contact address.", join_request.pk, coalition)
        return
    context = {"join_request": join_request, "coalition": coalition}
    subject = " ".join(
        render_to_string("coalitions/email/join_request_subject.txt", context).split()
    )
    body = render_to_string("coalitions/email/join_request_body.txt", context)
    message = EmailMessage(subject, body, to=recipients, reply_to=[join_request.email])
    try:
        message.send()
    except Exception:
        # The request is stored and shown in the portal; a mail server down must not lose it.
        logger.exception("Join request %s could not be e-mailed.", join_request.pk)


@transaction.atomic
def join_request_submit(
    *,
    coalition: Coalition,
    name: str,
    email: str,
    stakeholder_group: str,
    region: str,
    message: str = "",
    consent: bool,
) -> JoinRequest:
    """Store a request to join; the coalition's contact address gets it by e-mail."""
    join_request = JoinRequest(
        coalition=coalition,
        name=name,
        email=email,
        stakeholder_group=stakeholder_group,
        region=region,
        message=message,
        consent=consent,
    )
    if not consent:
        raise ValidationError({"consent": CONSENT_REQUIRED_MESSAGE})
    join_request.full_clean()
    join_request.save()
    transaction.on_commit(partial(_send_join_request_mail, join_request.pk))
    return join_request


# Accounts -----------------------------------------------------------------------------------


def coordinator_invite(*, user, request=None) -> None:
    """E-mail a coordinator a link to set their password (Django's password-reset token)."""
    if not user.is_active:
        raise ValidationError(
            _("%(user)s is not active and cannot be invited.") % {"user": user.get_username()}
        )
    if not user.email:
        raise ValidationError(_("%(user)s has no e-mail address.") % {"user": user.get_username()})
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    link = request.build_absolute_uri(path) if request is not None else settings.SITE_URL + path
    context = {
        "user": user,
        "link": link,
        "coalitions": list(Coalition.objects.coordinated_by(user).order_by("name")),
        "login_url": (
            request.build_absolute_uri(reverse("login"))
            if request is not None
            else settings.SITE_URL + reverse("login")
        ),
    }
    subject = " ".join(render_to_string("registration/invitation_subject.txt", context).split())
    body = render_to_string("registration/invitation_email.txt", context)
    send_mail(subject, body, None, [user.email])
