"""Login by username or email address, the way back to ``next``, unverified addresses, and
logout (POST signs out, GET only asks).
"""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.pages_support import login_url, main, page, signed_in_username
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unverified_user(db):
    user = UserFactory(username="una", email="una@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


def test_login_page_visitor_sees_username_or_email_and_helpful_links(client):
    response = client.get(reverse("account_login"))

    parsed = main(response)
    assert response.status_code == 200
    assert parsed.get("label", **{"for": "id_login"}).text == "Username or email"
    assert parsed.get("a", href=reverse("account_signup")).text == "sign up"
    assert parsed.get("a", href=reverse("account_reset_password")).text == ("Forgot your password?")


@pytest.mark.parametrize("login", ["ann", "ann@example.org"], ids=["username", "email"])
def test_login_verified_user_succeeds(client, verified_user, login):
    response = client.post(reverse("account_login"), {"login": login, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"
    assert signed_in_username(client) == "ann"


def test_login_with_next_returns_to_that_page(client, verified_user):
    profile_url = reverse("accounts:profile")

    response = client.post(
        login_url(profile_url), {"login": "ann", "password": PASSWORD, "next": profile_url}
    )

    assert response.status_code == 302
    assert response.url == profile_url


def test_login_wrong_password_is_refused_with_message(client, verified_user):
    response = client.post(reverse("account_login"), {"login": "ann", "password": "nope-nope"})

    parsed = page(response)
    assert response.status_code == 200
    assert main(response).get("div", role="alert").text == (
        "The username and/or password you specified are not correct."
    )
    assert parsed.get(id="id_login").attrs["value"] == "ann"
    assert "value" not in parsed.get(id="id_password").attrs
    assert signed_in_username(client) == ""


def test_login_unverified_email_is_sent_to_verification(client, unverified_user, mailoutbox):
    response = client.post(reverse("account_login"), {"login": "una", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert signed_in_username(client) == ""
    assert [m.to for m in mailoutbox] == [["una@example.org"]]


def test_logout_post_signs_out(client, verified_user):
    client.force_login(verified_user)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response.url == "/"
    assert signed_in_username(client) == ""


def test_logout_get_only_asks(client, verified_user):
    client.force_login(verified_user)

    response = client.get(reverse("account_logout"))

    assert response.status_code == 200
    assert main(response).get("form").attrs["action"] == reverse("account_logout")
    assert signed_in_username(client) == "ann"
