"""Coordinators' accounts: organisers invite them by e-mail to set a password."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from ..models import Coalition


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
