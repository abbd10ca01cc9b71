import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from pytest_django.asserts import assertContains, assertRedirects, assertTemplateUsed

from coalitions.admin.actions import send_invitation
from coalitions.models import CoalitionMembership
from coalitions.services import coordinator_invite
from tests.factories import make_coordinator, make_user

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/accounts/reset/[^/]+/[^/]+/)")


def test_login_page_uses_our_template(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assertTemplateUsed(response, "registration/login.html")
    assertContains(response, "<h1>Log in</h1>", count=1)
    assertContains(response, '<a href="/accounts/password_reset/">Forgotten your password?</a>')


def test_login_then_back_to_the_portal(client, coalition, coordinator):
    response = client.post(
        "/accounts/login/",
        {
            "username": "coordinator",
            "password": "a-long-test-password",
            "next": "/coalitions/dc-pal/manage/",
        },
    )

    assertRedirects(response, "/coalitions/dc-pal/manage/")


def test_login_wrong_password_says_so_and_keeps_the_username(client, coordinator):
    response = client.post("/accounts/login/", {"username": "coordinator", "password": "nope"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Please enter a correct username and password. Note that both fields may be case-sensitive."
    ]
    assert response.context["form"]["username"].value() == "coordinator"


def test_login_url_setting_is_the_accounts_login(settings):
    assert settings.LOGIN_URL == "login"


def test_logout_is_a_post_and_uses_our_template(client, coordinator):
    client.force_login(coordinator)

    response = client.post("/accounts/logout/")

    assertTemplateUsed(response, "registration/logged_out.html")
    assert "_auth_user_id" not in client.session


def test_password_change(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "a-long-test-password",
            "new_password1": "another-long-passphrase-2015",
            "new_password2": "another-long-passphrase-2015",
        },
    )

    assertRedirects(response, "/accounts/password_change/done/")
    coordinator.refresh_from_db()
    assert coordinator.check_password("another-long-passphrase-2015") is True


def test_password_change_page_uses_our_template(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/accounts/password_change/")

    assertTemplateUsed(response, "registration/password_change_form.html")
    assertContains(response, "<h1>Change your password</h1>", count=1)


def test_password_reset_sends_our_email_with_a_working_link(client, coordinator):
    response = client.post("/accounts/password_reset/", {"email": "coordinator@example.org"})

    assertRedirects(response, "/accounts/password_reset/done/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Reset your password on the IGF Dynamic Coalitions session site"
    assert "Your username is coordinator." in message.body
    path = LINK.search(message.body).group(1)
    form_page = client.get(path, follow=True)
    assertTemplateUsed(form_page, "registration/password_reset_confirm.html")
    assert form_page.context["validlink"] is True


def test_password_reset_unknown_address_sends_nothing(client, db):
    client.post("/accounts/password_reset/", {"email": "nobody@example.org"})

    assert mail.outbox == []


def test_passwords_are_hashed_with_argon2(settings):
    from igfsession import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = make_user(password="correct horse battery staple")

    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("correct horse battery staple") is True


# Invitations --------------------------------------------------------------------------------


def test_coordinator_invite_sends_a_link_to_set_the_password(client, coalition):
    user = make_coordinator(coalition, username="newcomer", first_name="Ana", last_name="Souza")
    user.set_unusable_password()
    user.save()
    request = RequestFactory().get("/admin/")

    coordinator_invite(user=user, request=request)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    assert message.subject == ("Your coalition's portal on the IGF Dynamic Coalitions session site")
    assert message.body.startswith("Dear Ana Souza,\n")
    assert "- Dynamic Coalition on Public Access in Libraries\n" in message.body
    assert "Your username is newcomer." in message.body


def test_coordinator_invite_link_sets_the_password_and_then_login_works(client, coalition):
    user = make_coordinator(coalition, username="newcomer")
    user.set_unusable_password()
    user.save()
    coordinator_invite(user=user, request=RequestFactory().get("/admin/"))
    path = LINK.search(mail.outbox[0].body).group(1)

    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-fresh-passphrase-2015", "new_password2": "a-fresh-passphrase-2015"},
    )

    assertRedirects(response, "/accounts/reset/done/")
    # Through the login form: django-axes needs the request, which client.login() omits.
    logged_in = client.post(
        "/accounts/login/", {"username": "newcomer", "password": "a-fresh-passphrase-2015"}
    )
    # With no `next`, a coordinator lands in their portal.
    assertRedirects(logged_in, "/coalitions/dc-pal/manage/")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_coordinator_invite_without_request_uses_site_url(settings, coalition):
    settings.SITE_URL = "https://dc.igf.example.org"
    user = make_coordinator(coalition, username="newcomer")

    coordinator_invite(user=user)

    assert "https://dc.igf.example.org/accounts/reset/" in mail.outbox[0].body
    assert "https://dc.igf.example.org/accounts/login/" in mail.outbox[0].body


def test_coordinator_invite_without_email_is_refused(coalition):
    user = make_coordinator(coalition, username="noaddress")
    user.email = ""
    user.save()

    with pytest.raises(ValidationError) as caught:
        coordinator_invite(user=user)

    assert caught.value.messages == ["noaddress has no e-mail address."]
    assert mail.outbox == []


def test_coordinator_invite_inactive_user_is_refused(coalition):
    user = make_coordinator(coalition, username="gone", is_active=False)

    with pytest.raises(ValidationError) as caught:
        coordinator_invite(user=user)

    assert caught.value.messages == ["gone is not active and cannot be invited."]
    assert mail.outbox == []


def _admin_request(organiser):
    request = RequestFactory().post("/admin/")
    request.user = organiser
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_send_invitation_action_on_users(organiser, coalition):
    make_coordinator(coalition, username="one")
    make_coordinator(coalition, username="two")
    request = _admin_request(organiser)
    model_admin = admin.ModelAdmin(get_user_model(), admin.site)

    send_invitation(
        model_admin, request, get_user_model().objects.filter(username__in=["one", "two"])
    )

    assert sorted(message.to[0] for message in mail.outbox) == [
        "one@example.org",
        "two@example.org",
    ]
    assert [str(m) for m in get_messages(request)] == ["Sent 2 invitation e-mails."]


def test_send_invitation_action_on_coordinators_reports_those_without_email(organiser, coalition):
    make_coordinator(coalition, username="one")
    blank = make_coordinator(coalition, username="blank")
    blank.email = ""
    blank.save()
    request = _admin_request(organiser)
    model_admin = admin.ModelAdmin(CoalitionMembership, admin.site)

    send_invitation(model_admin, request, CoalitionMembership.objects.all())

    assert [message.to for message in mail.outbox] == [["one@example.org"]]
    assert [str(m) for m in get_messages(request)] == [
        "blank has no e-mail address.",
        "Sent 1 invitation e-mail.",
    ]


def test_send_invitation_action_has_a_description():
    assert str(send_invitation.short_description) == "Send invitation e-mail"


@pytest.mark.django_db
def test_send_invitation_from_the_users_admin(organiser_client, coalition):
    invited = make_coordinator(coalition, username="new-coordinator")

    response = organiser_client.post(
        "/admin/auth/user/",
        {"action": "send_invitation", "_selected_action": [invited.pk]},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == ["Sent 1 invitation e-mail."]
    assert [message.to for message in mail.outbox] == [["new-coordinator@example.org"]]
