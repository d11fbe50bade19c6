"""Sign-up through django-allauth: the confirmation email, its link verifying the address
and signing in (on POST only), errors next to their field.
"""

import pytest
from allauth.account.models import EmailAddress
from django.urls import resolve, reverse

from tests.accounts.pages_support import (
    NEW_PASSWORD,
    field_errors,
    links_in,
    main,
    page,
    signed_in_username,
)

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "email": "ada@example.org",
        "username": "ada",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return data | overrides


def test_signup_valid_sends_confirmation_email(client, mailoutbox):
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["ada@example.org"], "[GSoC Ideas] Please Confirm Your Email Address")
    ]
    assert signed_in_username(client) == ""
    address = EmailAddress.objects.get(email="ada@example.org")
    assert (address.user.username, address.verified) == ("ada", False)


def test_signup_confirmation_link_verifies_email_and_logs_in(client, mailoutbox):
    client.post(reverse("account_signup"), signup_data())
    (confirm_path,) = links_in(mailoutbox[0])

    shown = client.get(confirm_path)
    confirmed = client.post(confirm_path)

    assert shown.status_code == 200
    # The key is signed with a timestamp, so the form may carry a fresher one.
    assert resolve(main(shown).get("form").attrs["action"]).url_name == "account_confirm_email"
    assert confirmed.status_code == 302
    assert confirmed.url == "/"
    assert EmailAddress.objects.get(email="ada@example.org").verified is True
    assert signed_in_username(client) == "ada"


def test_signup_confirmation_link_get_alone_does_not_verify(client, mailoutbox):
    client.post(reverse("account_signup"), signup_data())
    (confirm_path,) = links_in(mailoutbox[0])

    response = client.get(confirm_path)

    assert response.status_code == 200
    assert EmailAddress.objects.get(email="ada@example.org").verified is False


@pytest.mark.parametrize(
    ("overrides", "field_id", "errors"),
    [
        ({"email": "ada-at-example"}, "id_email", ["Enter a valid email address."]),
        (
            {"password2": "violet-harbour-7317"},
            "id_password2",
            ["You must type the same password each time."],
        ),
        (
            {"password1": "abc", "password2": "abc"},
            "id_password1",
            [
                "This password is too short. It must contain at least 8 characters.",
                "This password is too common.",
            ],
        ),
        (
            {"password1": "password", "password2": "password"},
            "id_password1",
            ["This password is too common."],
        ),
        ({"username": "ann"}, "id_username", ["A user with that username already exists."]),
    ],
    ids=["invalid-email", "mismatched-passwords", "short-password", "common-password", "taken"],
)
def test_signup_bad_input_shows_error_next_to_field(
    client, verified_user, mailoutbox, overrides, field_id, errors
):
    data = signup_data(**overrides)

    response = client.post(reverse("account_signup"), data)

    parsed = page(response)
    field = parsed.get(id=field_id)
    assert response.status_code == 200
    assert field_errors(response, field_id) == errors
    assert "is-invalid" in field.classes
    assert field.attrs["aria-invalid"] == "true"
    assert f"{field_id}_error" in field.attrs["aria-describedby"].split()
    assert parsed.get(id="id_email").attrs["value"] == data["email"]
    assert parsed.get(id="id_username").attrs["value"] == data["username"]
    assert "value" not in parsed.get(id="id_password1").attrs
    assert "value" not in parsed.get(id="id_password2").attrs
    assert mailoutbox == []
