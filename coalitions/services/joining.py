"""Someone asks to join a coalition from its public page: stored, and e-mailed to the coalition."""

import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from igfsession.validators import validate_single_line

from ..models import Coalition, JoinRequest

logger = logging.getLogger(__name__)

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
    try:
        validate_single_line(name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error
    join_request.full_clean()
    join_request.save()
    transaction.on_commit(partial(_send_join_request_mail, join_request.pk))
    return join_request
