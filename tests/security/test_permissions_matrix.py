"""Who gets what from every URL of the site: GET and POST as each role.

The table in tests/security/matrix.py is the site's access policy. A URL that is not in
it fails ``test_every_url_is_in_the_matrix``: a new view gets a row there (and so a
decision about who may use it) before it ships.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import ROLES, World
from tests.security.matrix import CASES, CASES_BY_ID, LOGIN, Case

pytestmark = pytest.mark.django_db


OUR_NAMESPACES = {"gsoc", "reviews", "students", "notifications", "accounts"}


# Included URL modules that are not ours to police here (they have their own tests).
THIRD_PARTY = {"admin", "allauth"}


def _our_urls(patterns, namespace: str = "", prefix: str = "") -> set[str]:
    """Names ("ns:name") of our URLs; unnamed ones as "path:<route>"."""
    found = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if pattern.namespace in THIRD_PARTY or module.split(".")[0] in THIRD_PARTY:
                continue
            inner = pattern.namespace or namespace
            found |= _our_urls(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                found.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            else:
                found.add(f"path:{prefix}{pattern.pattern}")
    return found


def test_every_url_is_in_the_matrix():
    urls = _our_urls(get_resolver().url_patterns)
    namespaces = {name.split(":")[0] for name in urls if ":" in name} - {"path"}

    missing = sorted(urls - {case.name for case in CASES})
    stale = sorted({case.name for case in CASES} - urls)

    assert missing == [], "New URLs: add a row saying who may GET and POST them."
    assert stale == []
    assert namespaces == OUR_NAMESPACES


def _url(case: Case, world: World) -> str:
    if case.name.startswith("path:"):
        return "/" + case.name.removeprefix("path:")
    return reverse(case.name, kwargs=case.kwargs(world)) + case.query


def _outcome(response) -> int | str:
    location = response.headers.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


def _request(client, method, url, data):
    # Each request in a savepoint that is rolled back: every role meets the same world.
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, data)
        transaction.set_rollback(True)
    return _outcome(response)


@pytest.mark.parametrize("case_id", list(CASES_BY_ID))
def test_access(case_id, world, client):
    case = CASES_BY_ID[case_id]
    url = _url(case, world)
    data = case.data(world)
    actual = {}
    for role in ROLES:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        actual[role] = {
            "GET": _request(client, "GET", url, {}),
            "POST": _request(client, "POST", url, data),
        }

    expected = {role: {"GET": case.get[role], "POST": case.post[role]} for role in ROLES}
    assert actual == expected


# CSRF: no POST endpoint acts on a request without the token.

ALLAUTH_POSTS = [
    "account_login",
    "account_signup",
    "account_logout",
    "account_reset_password",
    "account_email",
    "account_change_password",
]


@pytest.mark.parametrize("role", ["visitor", "manager"])
def test_posts_without_csrf_token_are_refused(world, role):
    client = Client(enforce_csrf_checks=True)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    urls = {case.id: _url(case, world) for case in CASES}
    urls |= {name: reverse(name) for name in ALLAUTH_POSTS}

    statuses = {name: client.post(url, {}).status_code for name, url in urls.items()}

    assert statuses == dict.fromkeys(urls, 403)
