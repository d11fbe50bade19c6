"""The profile form and email addresses: adding one, the display name in the navbar,
whitespace and overlong input.
"""

import pytest
from django.urls import reverse

from tests.accounts.pages_support import field_errors, login_url, main, page

pytestmark = pytest.mark.django_db


def test_email_add_sends_confirmation_and_lists_address_unverified(
    client, verified_user, mailoutbox
):
    client.force_login(verified_user)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "ann.work@example.org"}
    )
    listing = client.get(reverse("account_email"))

    assert (response.status_code, response.url) == (302, reverse("account_email"))
    assert [m.to for m in mailoutbox] == [["ann.work@example.org"]]
    radios = main(listing).find_all("input", type="radio")
    labels = [main(listing).get("label", **{"for": r.attrs["id"]}).text for r in radios]
    assert sorted(labels) == ["ann.work@example.org Unverified", "ann@example.org Verified Primary"]


def test_email_add_invalid_shows_error_next_to_field(client, verified_user, mailoutbox):
    client.force_login(verified_user)

    response = client.post(reverse("account_email"), {"action_add": "", "email": "nope"})

    assert response.status_code == 200
    assert field_errors(response, "id_email") == ["Enter a valid email address."]
    assert page(response).get(id="id_email").attrs["value"] == "nope"
    assert mailoutbox == []


def test_profile_visitor_is_sent_to_login(client):
    profile_url = reverse("accounts:profile")

    response = client.get(profile_url)

    assert response.status_code == 302
    assert response.url == login_url(profile_url)


def test_profile_signed_in_user_sees_own_form(client, verified_user):
    verified_user.affiliation = "Django"
    verified_user.save()
    client.force_login(verified_user)

    response = client.get(reverse("accounts:profile"))

    parsed = page(response)
    assert response.status_code == 200
    assert response.context["form"].instance == verified_user
    assert parsed.get(id="id_affiliation").attrs["value"] == "Django"
    assert parsed.get("label", **{"for": "id_display_name"}).text == "Display name"


def test_profile_post_saves_with_whitespace_collapsed(client, verified_user):
    client.force_login(verified_user)

    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "  Ada \t  Lovelace ", "affiliation": " Analytical\n Engines "},
    )

    verified_user.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert (verified_user.display_name, verified_user.affiliation) == (
        "Ada Lovelace",
        "Analytical Engines",
    )


def test_profile_display_name_is_shown_in_navbar(client, verified_user):
    client.force_login(verified_user)
    client.post(reverse("accounts:profile"), {"display_name": "Ada Lovelace", "affiliation": ""})

    response = client.get(reverse("accounts:profile"))

    nav = page(response).get(
        "a", href=reverse("accounts:profile"), **{"class": "nav-link text-nowrap"}
    )
    assert nav.text == "Ada Lovelace"


def test_profile_navbar_falls_back_to_username(client, verified_user):
    client.force_login(verified_user)

    response = client.get(reverse("accounts:profile"))

    nav = page(response).get(
        "a", href=reverse("accounts:profile"), **{"class": "nav-link text-nowrap"}
    )
    assert nav.text == "ann"


def test_profile_overlong_display_name_shows_error_and_keeps_input(client, verified_user):
    client.force_login(verified_user)
    too_long = "A" * 151

    response = client.post(
        reverse("accounts:profile"), {"display_name": too_long, "affiliation": "Django"}
    )

    parsed = page(response)
    verified_user.refresh_from_db()
    assert response.status_code == 200
    assert field_errors(response, "id_display_name") == [
        "Ensure this value has at most 150 characters (it has 151)."
    ]
    assert "is-invalid" in parsed.get(id="id_display_name").classes
    assert parsed.get(id="id_display_name").attrs["value"] == too_long
    assert parsed.get(id="id_affiliation").attrs["value"] == "Django"
    assert (verified_user.display_name, verified_user.affiliation) == ("", "")
