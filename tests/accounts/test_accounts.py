"""Account journeys through django-allauth and the profile page.

Sign-up with email confirmation, login by username or email, logout, password reset and
the profile form, plus the markup the Bootstrap element templates (templates/allauth/)
promise: a label for every input, errors next to their field, no inline style or script.
"""

import re
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib import auth
from django.urls import resolve, reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "violet-harbour-7316"
URL_RE = re.compile(r"https?://\S+")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.parent = parent
        self.attrs = {name: value or "" for name, value in attrs}
        self.parts = []

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Page(HTMLParser):
    """The elements of an HTML page, each with its attributes and its text."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self._open = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag not in VOID_TAGS:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.parts.append(data)

    def find_all(self, tag=None, **attrs) -> list[Element]:
        return [
            element
            for element in self.elements
            if (tag is None or element.tag == tag)
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def get(self, tag=None, **attrs) -> Element:
        (element,) = self.find_all(tag, **attrs)
        return element

    def children(self, parent) -> list[Element]:
        return [element for element in self.elements if element.parent is parent]


def page(response) -> Page:
    return Page(response.text)


def main(response) -> Page:
    """The page's <main>: its content without the navbar and footer."""
    text = response.text
    return Page(text[text.index("<main") : text.index("</main>")])


def field_errors(response, field_id) -> list[str]:
    """The messages in the error block tied to ``field_id`` (its ``id_x_error`` element)."""
    parsed = page(response)
    return [child.text for child in parsed.children(parsed.get(id=f"{field_id}_error"))]


def visible_inputs(parsed) -> list[Element]:
    return [
        element
        for element in parsed.find_all()
        if element.tag in {"input", "select", "textarea"}
        and element.attrs.get("type") not in {"hidden", "submit"}
    ]


def signed_in_username(client) -> str:
    """Username of the client's session user; "" for a visitor."""
    return auth.get_user(client).get_username()


def links_in(message) -> list[str]:
    return [urlsplit(url).path for url in URL_RE.findall(message.body)]


def login_url(next_path):
    return f"{reverse('account_login')}?next={quote(next_path)}"


@pytest.fixture
def verified_user(db):
    user = UserFactory(username="ann", email="ann@example.org", display_name="")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def unverified_user(db):
    user = UserFactory(username="una", email="una@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


def signup_data(**overrides):
    data = {
        "email": "ada@example.org",
        "username": "ada",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return data | overrides


# Sign-up and email confirmation


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


# Login and logout


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


# Password reset


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


# Email addresses and password change (signed in)


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


# Profile


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


# Markup promised by templates/allauth/elements/

ACCOUNT_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_email",
    "account_change_password",
    "account_logout",
]


@pytest.mark.parametrize("url_name", ACCOUNT_PAGES)
def test_account_page_every_input_has_a_label(client, verified_user, url_name):
    if url_name in {"account_email", "account_change_password", "account_logout"}:
        client.force_login(verified_user)

    response = client.get(reverse(url_name))

    parsed = page(response)
    labelled = {label.attrs.get("for") for label in parsed.find_all("label")}
    unlabelled = [e.attrs["id"] for e in visible_inputs(parsed) if e.attrs["id"] not in labelled]
    assert response.status_code == 200
    assert unlabelled == []


@pytest.mark.parametrize("url_name", ACCOUNT_PAGES)
def test_account_page_has_no_inline_style_or_script(client, verified_user, url_name):
    if url_name in {"account_email", "account_change_password", "account_logout"}:
        client.force_login(verified_user)

    response = client.get(reverse(url_name))

    parsed = page(response)
    styled = [e.tag for e in parsed.elements if "style" in e.attrs or e.tag == "style"]
    # A JSON data block (allauth's email page) is not executed, so CSP allows it.
    inline_scripts = [
        e.text
        for e in parsed.find_all("script")
        if "src" not in e.attrs and e.attrs.get("type") != "application/json"
    ]
    handlers = [(e.tag, n) for e in parsed.elements for n in e.attrs if n.startswith("on")]
    assert response.status_code == 200
    assert (styled, inline_scripts, handlers) == ([], [], [])
