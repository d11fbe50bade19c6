"""``createsuperuser`` gives an account that can sign in at once: the address the operator
typed is stored as verified, since allauth requires a confirmed address to log in."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUPERUSER_PASSWORD = "quartz-lantern-5093"


@pytest.fixture(autouse=True)
def _superuser_password(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", SUPERUSER_PASSWORD)


def test_createsuperuser_stores_typed_address_as_verified_primary():
    call_command("createsuperuser", interactive=False, username="boss", email="boss@example.org")

    user = User.objects.get(username="boss")
    assert list(
        EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")
    ) == [("boss@example.org", True, True)]


def test_createsuperuser_account_can_sign_in_with_the_login_form(client):
    call_command("createsuperuser", interactive=False, username="boss", email="boss@example.org")

    response = client.post(
        reverse("account_login"), {"login": "boss", "password": SUPERUSER_PASSWORD}
    )

    assert (response.status_code, response.url) == (302, "/")
    assert client.session["_auth_user_id"] == str(User.objects.get(username="boss").pk)


def test_createsuperuser_without_email_creates_no_address():
    call_command("createsuperuser", interactive=False, username="boss", email="")

    user = User.objects.get(username="boss")
    assert (user.is_superuser, user.email, EmailAddress.objects.count()) == (True, "", 0)


def test_createsuperuser_with_address_of_another_account_leaves_that_account_alone(capsys):
    other = UserFactory(username="owner", email="shared@example.org")
    EmailAddress.objects.create(user=other, email=other.email, verified=True, primary=True)

    call_command("createsuperuser", interactive=False, username="boss", email="shared@example.org")

    boss = User.objects.get(username="boss")
    assert list(EmailAddress.objects.values_list("user__username", "email")) == [
        ("owner", "shared@example.org")
    ]
    assert boss.is_superuser
    assert "already belongs to another account" in capsys.readouterr().err


class _Terminal:
    """Standard input that says it is a terminal, so the command prompts."""

    def isatty(self):
        return True


def test_createsuperuser_prompted_address_is_stored_as_verified(monkeypatch):
    answers = iter(["boss", "boss@example.org"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": SUPERUSER_PASSWORD)

    call_command("createsuperuser", interactive=True, stdin=_Terminal(), verbosity=0)

    assert list(EmailAddress.objects.values_list("user__username", "email", "verified")) == [
        ("boss", "boss@example.org", True)
    ]
