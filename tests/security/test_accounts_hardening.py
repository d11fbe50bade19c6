"""Password guessing, password rules and account enumeration.

Login throttling (settings.ACCOUNT_RATE_LIMITS["login_failed"] = "10/m/ip,5/5m/key", with
accounts.adapter putting the client address into allauth's per-account "key"): a guesser
gets 5 tries per account per address in a sliding 5 minutes and 10 failures a minute per
address across accounts; the account's owner elsewhere is never locked out.
"""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import auth
from django.core import mail
from django.urls import reverse

from accounts.adapter import client_network
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

GUESSER_IP = "203.0.113.7"
OWNER_IP = "198.51.100.20"
TOO_MANY = "Too many failed login attempts. Try again later."
MISMATCH = "The username and/or password you specified are not correct."


@pytest.fixture
def account(db):
    user = UserFactory(username="target", email="target@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(client, login, password, ip):
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": login, "password": password}, REMOTE_ADDR=ip
    )
    return response, auth.get_user(client)


def messages_of(response) -> str:
    return response.content.decode()


def test_sixth_guess_from_one_address_is_refused_even_with_the_right_password(client, account):
    guesses = [log_in(client, "target", f"wrong-{n}", GUESSER_IP)[0] for n in range(5)]

    sixth, user = log_in(client, "target", PASSWORD, GUESSER_IP)

    assert [r.status_code for r in guesses] == [200] * 5
    assert all(MISMATCH in messages_of(r) for r in guesses)
    assert sixth.status_code == 200
    assert TOO_MANY in messages_of(sixth)
    assert user.is_authenticated is False


def test_owner_from_another_address_logs_in_while_the_guesser_waits(client, account):
    for n in range(6):
        log_in(client, "target", f"wrong-{n}", GUESSER_IP)

    response, user = log_in(client, "target", PASSWORD, OWNER_IP)

    assert response.status_code == 302
    assert user.pk == account.pk


def test_guesser_may_try_again_after_the_cool_off(client, account, monkeypatch):
    for n in range(5):
        log_in(client, "target", f"wrong-{n}", GUESSER_IP)
    refused, _ = log_in(client, "target", PASSWORD, GUESSER_IP)
    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)

    response, user = log_in(client, "target", PASSWORD, GUESSER_IP)

    assert TOO_MANY in messages_of(refused)
    assert response.status_code == 302
    assert user.pk == account.pk


def test_alternating_username_and_email_shares_one_allowance(client, account):
    for n in range(5):
        login = "target" if n % 2 else "TARGET@example.org"
        log_in(client, login, f"wrong-{n}", GUESSER_IP)

    response, user = log_in(client, "target@example.org", PASSWORD, GUESSER_IP)

    assert TOO_MANY in messages_of(response)
    assert user.is_authenticated is False


def test_successful_logins_do_not_use_up_the_allowance(client, account):
    for _ in range(6):
        log_in(client, "target", PASSWORD, OWNER_IP)

    response, user = log_in(client, "target", PASSWORD, OWNER_IP)

    assert response.status_code == 302
    assert user.pk == account.pk


def test_one_address_guessing_many_accounts_is_refused_after_ten(client, account):
    for n in range(10):
        log_in(client, f"nobody{n}", "wrong", GUESSER_IP)

    response, user = log_in(client, "target", PASSWORD, GUESSER_IP)

    assert TOO_MANY in messages_of(response)
    assert user.is_authenticated is False


def test_behind_a_proxy_clients_count_by_the_address_the_proxy_saw(client, account, settings):
    # TRUSTED_PROXY_COUNT=1 (the default with SECURE_PROXY_SSL_HEADER): the proxy appends
    # the client's address to X-Forwarded-For; what the client put before it is ignored.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"

    def via_proxy(password, forwarded_for):
        client.logout()
        return client.post(
            reverse("account_login"),
            {"login": "target", "password": password},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    for n in range(5):
        via_proxy(f"wrong-{n}", f"1.2.3.{n}, {GUESSER_IP}")  # spoofed first entries
    guesser = via_proxy(PASSWORD, f"9.9.9.9, {GUESSER_IP}")
    owner = via_proxy(PASSWORD, OWNER_IP)

    assert TOO_MANY in messages_of(guesser)
    assert owner.status_code == 302


def test_ipv6_guesser_counts_by_network():
    assert client_network("2001:db8:1:2:aaaa::1") == client_network("2001:db8:1:2:bbbb::9")
    assert client_network("2001:db8:1:3::1") != client_network("2001:db8:1:2::1")
    assert client_network("203.0.113.7") == "203.0.113.7"


def test_ipv6_guesser_rotating_addresses_in_one_network_is_refused(client, account):
    for n in range(5):
        log_in(client, "target", f"wrong-{n}", f"2001:db8:1:2::{n + 1}")

    response, _ = log_in(client, "target", PASSWORD, "2001:db8:1:2::ff")

    assert TOO_MANY in messages_of(response)


def test_unknown_and_known_usernames_get_the_same_login_error(client, account):
    known, _ = log_in(client, "target", "wrong", OWNER_IP)
    unknown, _ = log_in(client, "no-such-user", "wrong", OWNER_IP)

    assert (known.status_code, unknown.status_code) == (200, 200)
    assert MISMATCH in messages_of(known)
    assert MISMATCH in messages_of(unknown)


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"]
)
def test_login_never_redirects_off_site(client, account, next_url):
    response = client.post(
        reverse("account_login"),
        {"login": "target", "password": PASSWORD, "next": next_url},
        REMOTE_ADDR=OWNER_IP,
    )

    assert (response.status_code, response.url) == (302, settings.LOGIN_REDIRECT_URL)


# Password rules


def test_password_validators_configured():
    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]

    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]


@pytest.mark.parametrize("weak", ["password123", "12345678901", "short1", "newcomer-x"])
def test_signup_refuses_weak_passwords(client, weak):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "username": "newcomer-x",
            "password1": weak,
            "password2": weak,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not auth.get_user_model().objects.filter(username="newcomer-x").exists()


# Enumeration: the same answer whether an address has an account or not


def _comparable(response) -> str:
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, account):
    url = reverse("account_reset_password")

    known = client.post(url, {"email": "target@example.org"}, follow=True)
    unknown = client.post(url, {"email": "nobody@example.org"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain
    assert known.redirect_chain[-1] == (reverse("account_reset_password_done"), 302)
    assert _comparable(known) == _comparable(unknown)
    # The account holder gets the reset link; the unknown address learns nothing new.
    assert [m.to for m in mail.outbox] == [["target@example.org"], ["nobody@example.org"]]


def test_signup_with_a_taken_email_answers_like_a_new_one(client, account):
    def sign_up(username, email):
        client.logout()
        return client.post(
            reverse("account_signup"),
            {
                "email": email,
                "username": username,
                "password1": "violet-harbour-7316",
                "password2": "violet-harbour-7316",
            },
            follow=True,
        )

    taken = sign_up("someone-new", "target@example.org")
    fresh = sign_up("someone-else", "fresh@example.org")

    assert taken.redirect_chain == fresh.redirect_chain
    assert taken.redirect_chain[-1] == (reverse("account_email_verification_sent"), 302)
    # The page repeats the address the visitor typed, and nothing else differs.
    assert _comparable(taken).replace("target@", "fresh@") == _comparable(fresh)
    assert not auth.get_user_model().objects.filter(username="someone-new").exists()
