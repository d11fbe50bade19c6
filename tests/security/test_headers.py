"""Security headers and cookies on every kind of page, and pages that a strict CSP can run.

The CSP forbids inline script and style, so every page must also be free of them: that is
checked on the same pages, the Django admin included.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from gsoc.middleware import build_policy
from tests.factories import PASSWORD, UserFactory
from tests.security.html_audit import audit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
STATIC_HEADERS = {
    "Content-Security-Policy": EXPECTED_CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def security_headers(response) -> dict:
    return {name: response.headers.get(name) for name in STATIC_HEADERS}


def page_urls(world) -> dict[str, tuple[str | None, str]]:
    """Every page type: name -> (role to view it as, url)."""
    idea = world.idea
    idea_kwargs = {"program_slug": idea.program.slug, "idea_slug": idea.slug}
    return {
        "home": (None, reverse("gsoc:home")),
        "program list": (None, reverse("gsoc:program_list")),
        "program": (None, world.program.get_absolute_url()),
        "idea": (None, idea.get_absolute_url()),
        "idea as mentor": ("mentor", idea.get_absolute_url()),
        "idea as manager": ("manager", idea.get_absolute_url()),
        "idea form": ("mentor", reverse("gsoc:idea_create", args=[world.program.slug])),
        "idea edit form": ("mentor", reverse("gsoc:idea_edit", kwargs=idea_kwargs)),
        "program settings": ("manager", reverse("gsoc:program_edit", args=[world.program.slug])),
        "comment edit": ("reviewer", reverse("reviews:comment_edit", args=[world.comment.pk])),
        "comment hide": ("manager", reverse("reviews:comment_hide", args=[world.comment.pk])),
        "interested students": (
            "mentor",
            reverse("students:interested_students", kwargs=idea_kwargs),
        ),
        "my work": ("committer", reverse("reviews:my_work")),
        "my interests": ("student", reverse("students:my_interests")),
        "notifications": ("mentor", reverse("notifications:list")),
        "notification settings": ("mentor", reverse("notifications:preferences")),
        "profile": ("student", reverse("accounts:profile")),
        "login": (None, reverse("account_login")),
        "signup": (None, reverse("account_signup")),
        "password reset": (None, reverse("account_reset_password")),
        "not found": (None, "/programs/no-such-program/"),
        "admin login": (None, reverse("admin:login")),
    }


@pytest.fixture
def pages(world, client):
    fetched = {}
    for name, (role, url) in page_urls(world).items():
        client.logout()
        if role:
            client.force_login(world.users[role])
        fetched[name] = client.get(url)
    return fetched


def test_csp_setting_builds_the_policy_in_the_brief():
    assert build_policy(settings.SECURE_CSP) == EXPECTED_CSP


def test_security_headers_on_every_page_type(pages):
    statuses = {name: response.status_code for name, response in pages.items()}
    headers = {name: security_headers(response) for name, response in pages.items()}

    assert statuses == {name: 404 if name == "not found" else 200 for name in pages}
    assert headers == {name: STATIC_HEADERS for name in pages}


def test_permissions_policy_switches_off_powerful_features(pages):
    policies = {response.headers.get("Permissions-Policy") for response in pages.values()}

    assert len(policies) == 1
    features = dict(item.split("=") for item in policies.pop().split(", "))
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(features)
    assert set(features.values()) == {"()"}


def test_pages_have_no_inline_script_or_style(pages):
    problems = {
        name: audit(response.content.decode(), csp_only=name.startswith("admin"))[0]
        for name, response in pages.items()
    }

    assert problems == {name: [] for name in pages}


def test_static_files_and_redirects_carry_the_policy(client):
    redirect = client.get(reverse("reviews:my_work"))
    static = client.get("/static/css/site.css")
    static.close()

    assert (redirect.status_code, static.status_code) == (302, 200)
    assert security_headers(redirect)["Content-Security-Policy"] == EXPECTED_CSP
    assert static.headers.get("Content-Security-Policy") == EXPECTED_CSP


def test_markdownx_preview_response_carries_the_policy(client, student):
    client.force_login(student)

    response = client.post(reverse("markdownx_markdownify"), {"content": "**hi**"})

    assert response.content == b"<p><strong>hi</strong></p>"
    assert security_headers(response) == STATIC_HEADERS


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def admin_urls(world) -> list[str]:
    return [
        reverse("admin:index"),
        reverse("admin:gsoc_idea_changelist"),
        reverse("admin:gsoc_idea_change", args=[world.idea.pk]),
        reverse("admin:gsoc_program_change", args=[world.program.pk]),
        reverse("admin:accounts_user_changelist"),
        reverse("admin:accounts_user_change", args=[world.users["student"].pk]),
        reverse("admin:accounts_user_add"),
        reverse("admin:auth_group_add"),
        reverse("admin:reviews_reviewcomment_changelist"),
        reverse("admin:password_change"),
    ]


def test_admin_pages_run_under_the_strict_policy(world, client, superuser):
    # Django's admin has used no inline script since 4.x and no style attribute in its
    # templates; if that changed, the admin would need a policy of its own under /admin/.
    client.force_login(superuser)

    responses = {url: client.get(url) for url in admin_urls(world)}

    assert {url: r.status_code for url, r in responses.items()} == dict.fromkeys(responses, 200)
    assert {url: audit(r.content.decode(), csp_only=True)[0] for url, r in responses.items()} == {
        url: [] for url in responses
    }
    assert {r.headers["Content-Security-Policy"] for r in responses.values()} == {EXPECTED_CSP}


def test_debug_error_pages_keep_their_inline_style(client, settings):
    # Django's technical 404 page is built with inline CSS; DEBUG only.
    settings.DEBUG = True

    response = client.get("/programs/no-such-program/")

    assert response.status_code == 404
    assert "Content-Security-Policy" not in response.headers


# Cookies


def _production_settings(*names: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(
        DEBUG="0",
        SECRET_KEY="p" * 30 + "-cookie-test-secret-" + "q" * 30,
        ALLOWED_HOSTS="ideas.example.org",
    )
    env["DJANGO_SETTINGS_MODULE"] = "gsoc.settings"
    code = "from django.conf import settings\n" + "".join(
        f"print(repr(settings.{name}))\n" for name in names
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(zip(names, result.stdout.split("\n"), strict=False))


def test_production_cookies_are_host_prefixed_and_secure():
    values = _production_settings(
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_DOMAIN",
        "CSRF_COOKIE_DOMAIN",
        "SESSION_COOKIE_PATH",
        "CSRF_COOKIE_PATH",
        "SESSION_COOKIE_HTTPONLY",
    )

    assert values == {
        "SESSION_COOKIE_NAME": "'__Host-sessionid'",
        "CSRF_COOKIE_NAME": "'__Host-csrftoken'",
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SESSION_COOKIE_DOMAIN": "None",
        "CSRF_COOKIE_DOMAIN": "None",
        "SESSION_COOKIE_PATH": "'/'",
        "CSRF_COOKIE_PATH": "'/'",
        "SESSION_COOKIE_HTTPONLY": "True",
    }


@pytest.fixture
def https_cookies(settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"


def _cookie_line(response, name) -> str:
    return response.cookies[name].output(header="").strip()


def test_host_prefixed_cookies_are_set_as_browsers_require(https_cookies, student):
    client = Client(enforce_csrf_checks=True)
    login_url = reverse("account_login")

    page = client.get(login_url, secure=True)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    login = client.post(
        login_url,
        {"login": student.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        secure=True,
        headers={"origin": "https://testserver"},
    )

    assert login.status_code == 302
    for response, name in ((page, "__Host-csrftoken"), (login, "__Host-sessionid")):
        line = _cookie_line(response, name)
        assert "Secure" in line
        assert "Path=/;" in line or line.endswith("Path=/")
        assert "Domain" not in line


def test_markdownx_preview_works_with_the_token_from_the_idea_form(https_cookies, world):
    # markdownx's script finds no "csrftoken" cookie (it is __Host-csrftoken, and HttpOnly)
    # and sends the form's csrfmiddlewaretoken field instead: the idea form must have one.
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["mentor"])
    form_page = client.get(reverse("gsoc:idea_create", args=[world.program.slug]), secure=True)
    html = form_page.content.decode()
    idea_form = html[html.index('<form method="post" class="idea-form"') :]
    idea_form = idea_form[: idea_form.index("</form>")]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', idea_form)[1]

    preview = client.post(
        reverse("markdownx_markdownify"),
        {"content": "*hi*", "csrfmiddlewaretoken": token},
        secure=True,
        headers={"origin": "https://testserver"},
    )

    assert 'class="markdownx' in idea_form
    assert (preview.status_code, preview.content) == (200, b"<p><em>hi</em></p>")
