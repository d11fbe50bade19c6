"""Who gets what from every URL of the site: GET and POST as each role.

The table below is the site's access policy, read from the views and DOMAIN.md. A URL
that is not in it fails ``test_every_url_is_in_the_matrix``: a new view gets a row here
(and so a decision about who may use it) before it ships.

Statuses: 200 a page, 302 done and redirected, LOGIN redirected to the login page, 403
refused, 404 not visible to this user, 405 wrong method. POSTs carry data that would
succeed for an allowed user, so 302 means "it happened".
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import ROLES, World

pytestmark = pytest.mark.django_db

LOGIN = "login"
OUR_NAMESPACES = {"gsoc", "reviews", "students", "notifications", "accounts"}
# Included URL modules that are not ours to police here (they have their own tests).
THIRD_PARTY = {"admin", "allauth"}

Expect = dict[str, int | str]


def everyone(status) -> Expect:
    return dict.fromkeys(ROLES, status)


def members(status, **overrides) -> Expect:
    """Signed-in users get ``status``; visitors are sent to log in."""
    return {**everyone(status), "visitor": LOGIN, **overrides}


def only(status, *roles, others=403) -> Expect:
    """``roles`` get ``status``, other signed-in users ``others``, visitors log in."""
    return {**members(others), **dict.fromkeys(roles, status)}


POST_ONLY = everyone(405)


@dataclass(frozen=True)
class Case:
    name: str
    get: Expect
    post: Expect
    kwargs: Callable[[World], dict] = lambda w: {}
    data: Callable[[World], dict] = lambda w: {}
    query: str = ""
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


def program_of(attr="program"):
    return lambda w: {"program_slug": getattr(w, attr).slug}


def idea_of(attr="idea"):
    def kwargs(w):
        idea = getattr(w, attr)
        return {"program_slug": idea.program.slug, "idea_slug": idea.slug}

    return kwargs


def comment_of(attr="comment"):
    return lambda w: {"pk": getattr(w, attr).pk}


def program_data(w, slug="new-program"):
    return {
        "name": "A program",
        "slug": slug,
        "phase": "open",
        "allowed_sizes": "90, 175",
        "required_sign_offs": 1,
        "target_list_size": 12,
        "intro": "",
        "version": w.program.version,
    }


def idea_data(w, **extra):
    return {
        "title": "A sound idea",
        "difficulty_min": 1,
        "difficulty_max": 2,
        "project_size": 175,
        "description": "Enough to get going.",
        "skills": "C",
        "is_program_eligible": "on",
        **extra,
    }


CASES = [
    # Programs and ideas (gsoc)
    Case("gsoc:home", everyone(200), everyone(200)),
    Case("gsoc:program_list", everyone(200), everyone(200)),
    Case(
        "gsoc:program_create",
        only(200, "manager"),
        only(302, "manager"),
        data=program_data,
    ),
    Case("gsoc:program_detail", everyone(200), everyone(200), program_of()),
    Case(
        "gsoc:program_detail",
        members(200, visitor=404),
        members(200, visitor=404),
        program_of("preparing"),
        variant="preparing",
    ),
    Case(
        "gsoc:program_edit",
        only(200, "manager"),
        only(302, "manager"),
        program_of(),
        data=lambda w: program_data(w, slug=w.program.slug),
    ),
    Case(
        "gsoc:idea_create",
        members(200),
        members(302),
        program_of(),
        data=lambda w: idea_data(w, submit="1"),
    ),
    Case("gsoc:idea_detail", everyone(200), everyone(200), idea_of()),
    Case(
        "gsoc:idea_detail",
        only(200, "mentor", "manager", others=404) | {"visitor": 404},
        only(200, "mentor", "manager", others=404) | {"visitor": 404},
        idea_of("draft"),
        variant="draft",
    ),
    Case(
        "gsoc:idea_edit",
        only(200, "mentor", "manager"),
        only(302, "mentor", "manager"),
        idea_of(),
        data=lambda w: idea_data(w, mentors=w.users["mentor"].username, version=w.idea.version),
    ),
    Case(
        "gsoc:idea_submit",
        POST_ONLY,
        only(302, "mentor", "manager", others=404),
        idea_of("draft"),
    ),
    Case("gsoc:idea_withdraw", POST_ONLY, only(302, "mentor", "manager"), idea_of()),
    Case(
        "gsoc:idea_reopen",
        POST_ONLY,
        only(302, "mentor", "manager", others=404),
        idea_of("withdrawn"),
    ),
    Case("gsoc:idea_verify", POST_ONLY, only(302, "mentor", "manager"), idea_of()),
    # History
    Case("gsoc:idea_history", everyone(200), everyone(200), idea_of()),
    Case(
        "gsoc:idea_history",
        only(200, "mentor", "manager", others=404) | {"visitor": 404},
        only(200, "mentor", "manager", others=404) | {"visitor": 404},
        idea_of("draft"),
        variant="draft",
    ),
    Case("gsoc:idea_diff", everyone(200), everyone(200), idea_of(), query="?old=1&new=1"),
    Case(
        "gsoc:idea_restore",
        POST_ONLY,
        only(302, "mentor", "manager"),
        lambda w: {**idea_of()(w), "version": 1},
        data=lambda w: {"expected_version": w.idea.version},
    ),
    Case("gsoc:recent_changes", everyone(200), everyone(200)),
    Case("gsoc:recent_changes_feed", everyone(200), everyone(200)),
    # Managers
    Case(
        "gsoc:roles",
        only(200, "manager"),
        only(302, "manager"),
        data=lambda w: {"user": w.users["student"].pk, "role": "committers", "grant": "1"},
    ),
    Case("gsoc:dashboard", only(200, "manager"), only(200, "manager"), program_of()),
    Case(
        "gsoc:final_list",
        POST_ONLY,
        only(302, "manager"),
        program_of(),
        data=lambda w: {"ideas": [w.reviewed.pk], "action": "approve"},
    ),
    Case("gsoc:program_open", POST_ONLY, only(302, "manager"), program_of("preparing")),
    Case("gsoc:program_publish", POST_ONLY, only(302, "manager"), program_of()),
    Case(
        "gsoc:program_archive",
        only(200, "manager"),
        only(302, "manager"),
        program_of(),
        data=lambda w: {"confirm": "yes"},
    ),
    Case(
        "gsoc:carry_forward",
        only(200, "manager"),
        only(302, "manager"),
        program_of(),
        data=lambda w: {"from": w.archived.slug, "ideas": [w.archived_idea.pk]},
    ),
    # Co-mentoring
    Case(
        "gsoc:mentor_offer",
        POST_ONLY,
        members(302, mentor=403),
        idea_of(),
        data=lambda w: {"message": "Happy to help."},
    ),
    Case(
        "gsoc:mentor_offer_decide",
        POST_ONLY,
        only(302, "mentor", "manager"),
        lambda w: {**idea_of()(w), "pk": w.offer.pk},
        data=lambda w: {"accept": "1"},
    ),
    Case(
        "gsoc:mentor_invitation",
        members(200),
        only(302, "student"),
        lambda w: {"token": w.invitation.token},
        data=lambda w: {"accept": "0"},
    ),
    # Reviews
    Case("reviews:my_work", members(200), members(200)),
    Case(
        "reviews:comment_create",
        POST_ONLY,
        members(302),
        idea_of(),
        data=lambda w: {"body": "Looks good."},
    ),
    Case(
        "gsoc:sign_off",
        POST_ONLY,
        only(302, "committer"),
        idea_of(),
        data=lambda w: {"note": "Fits 175 hours."},
    ),
    # Everyone signed in may ask; without a sign-off of their own they get a message.
    Case("gsoc:sign_off_withdraw", POST_ONLY, members(302), idea_of("reviewed")),
    Case(
        "gsoc:changes_since_sign_off",
        only(200, "committer", others=404),
        only(200, "committer", others=404),
        idea_of("reviewed"),
    ),
    Case("gsoc:approve", POST_ONLY, only(302, "manager"), idea_of("reviewed")),
    Case("gsoc:unapprove", POST_ONLY, only(302, "manager"), idea_of("approved")),
    Case(
        "reviews:comment_edit",
        only(200, "reviewer"),
        only(302, "reviewer"),
        comment_of(),
        data=lambda w: {"body": "Better wording.", "version": w.comment.version},
    ),
    Case("reviews:comment_history", everyone(200), everyone(200), comment_of()),
    Case(
        "reviews:comment_history",
        only(200, "reviewer", "manager", others=404) | {"visitor": 404},
        only(200, "reviewer", "manager", others=404) | {"visitor": 404},
        comment_of("hidden_comment"),
        variant="hidden",
    ),
    Case(
        "reviews:comment_address",
        POST_ONLY,
        only(302, "mentor", "reviewer", "manager"),
        comment_of(),
    ),
    Case(
        "reviews:comment_reopen",
        POST_ONLY,
        only(302, "mentor", "reviewer", "manager"),
        comment_of("addressed_comment"),
    ),
    Case(
        "reviews:comment_hide",
        only(200, "manager"),
        only(302, "manager"),
        comment_of(),
        data=lambda w: {"reason": "Off topic"},
    ),
    Case(
        "reviews:comment_unhide",
        POST_ONLY,
        only(302, "manager"),
        comment_of("hidden_comment"),
    ),
    # Students
    Case("students:my_interests", members(200), members(200)),
    Case(
        "students:interest_register",
        POST_ONLY,
        members(302, mentor=403),
        idea_of(),
        data=lambda w: {"note": "I know C."},
    ),
    # Without a registration of one's own: a message, nothing withdrawn.
    Case("students:interest_withdraw", POST_ONLY, members(302), idea_of()),
    Case(
        "students:interested_students",
        only(200, "mentor", "manager"),
        only(200, "mentor", "manager"),
        idea_of(),
    ),
    # Accounts and notifications
    Case(
        "accounts:profile",
        members(200),
        members(302),
        data=lambda w: {"display_name": "Someone", "affiliation": "Somewhere"},
    ),
    Case("notifications:list", members(200), members(200)),
    Case(
        "notifications:preferences",
        members(200),
        members(302),
        data=lambda w: {"comment__app": "on"},
    ),
    Case("notifications:mark_all_read", POST_ONLY, members(302)),
    Case(
        "notifications:open",
        POST_ONLY,
        only(302, "mentor", others=404),
        lambda w: {"pk": w.notification.pk},
    ),
    # markdownx: preview for signed-in users (POST only); image upload switched off.
    Case(
        "markdownx_markdownify",
        members(405),
        members(200),
        data=lambda w: {"content": "*hi*"},
    ),
    Case("markdownx_upload", POST_ONLY, everyone(403)),
    Case("path:favicon.ico", everyone(301), everyone(301)),
]
CASES_BY_ID = {case.id: case for case in CASES}


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
