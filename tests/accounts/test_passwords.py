"""Password reset (the same answer for known and unknown addresses) and password change."""

import pytest
from django.urls import reverse

from tests.accounts.pages_support import (
    NEW_PASSWORD,
    field_errors,
    links_in,
    main,
    signed_in_username,
    visible_inputs,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_password_reset_known_and_unknown_email_look_the_same(client, verified_user, mailoutbox):
    url = reverse("account_reset_password")

    known = client.post(url, {"email": "ann@example.org"})
    unknown = client.post(url, {"email": "nobody@example.org"})

    done_url = reverse("account_reset_password_done")
    assert (known.status_code, known.url) == (302, done_url)
    assert (unknown.status_code, unknown.url) == (302, done_url)
    assert client.get(known.url).text == client.get(unknown.url).text


def test_password_reset_known_email_gets_reset_link(client, verified_user, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "ann@example.org"})
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    known, unknown = mailoutbox
    assert (known.to, known.subject) == (["ann@example.org"], "[GSoC Ideas] Password Reset Email")
    assert len(links_in(known)) == 1
    assert links_in(known)[0].startswith("/accounts/password/reset/key/")
    # ACCOUNT_PREVENT_ENUMERATION: the stranger is told no account exists, with no reset link.
    assert (unknown.to, unknown.subject) == (["nobody@example.org"], "[GSoC Ideas] Unknown Account")
    assert links_in(unknown) == [reverse("account_signup")]


def test_password_reset_link_sets_new_password_that_logs_in(client, verified_user, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "ann@example.org"})
    (key_path,) = links_in(mailoutbox[0])

    # allauth moves the key into the session and redirects to a key-less form URL.
    to_form = client.get(key_path)
    form_page = client.get(to_form.url)
    done = client.post(to_form.url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    old = client.post(reverse("account_login"), {"login": "ann", "password": PASSWORD})
    new = client.post(reverse("account_login"), {"login": "ann", "password": NEW_PASSWORD})

    assert to_form.status_code == 302
    assert [e.attrs["name"] for e in visible_inputs(main(form_page))] == ["password1", "password2"]
    assert (done.status_code, done.url) == (302, reverse("account_reset_password_from_key_done"))
    assert old.status_code == 200
    assert (new.status_code, new.url) == (302, "/")
    assert signed_in_username(client) == "ann"


def test_password_reset_bad_key_explains(client, verified_user):
    response = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "x-y"})
    )

    assert response.status_code == 200
    assert main(response).get("h1").text == "Bad Token"


def test_password_change_valid_keeps_user_signed_in_with_new_password(client, verified_user):
    client.force_login(verified_user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    verified_user.refresh_from_db()
    assert (response.status_code, response.url) == (302, reverse("account_change_password"))
    assert signed_in_username(client) == "ann"
    assert verified_user.check_password(NEW_PASSWORD) is True


def test_password_change_wrong_current_password_shows_error(client, verified_user):
    client.force_login(verified_user)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "nope-nope", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    verified_user.refresh_from_db()
    assert response.status_code == 200
    assert field_errors(response, "id_oldpassword") == ["Please type your current password."]
    assert verified_user.check_password(PASSWORD) is True
