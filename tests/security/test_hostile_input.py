"""Hostile text through every text field, query parameter and the Markdown preview.

For each string of the corpus (tests/security/hostile_forms.py): every form is posted
with it in all its text fields; a field either stores the text as typed (after the
normalisation the form documents, such as collapsing whitespace) or refuses it with a
message. Then every page that shows those fields is fetched and read with html.parser:
no script but our own, no event handler attributes, no javascript:/data: URLs, no style
attributes, user links marked rel="ugc nofollow noopener noreferrer", and no server
secrets. A 500 anywhere fails (the test client re-raises the exception).
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from gsoc.models import Idea
from tests.security.conftest import World
from tests.security.hostile_forms import FORMS, HOSTILE, Form, _idea_kwargs, _new_idea, collapse
from tests.security.html_audit import USER_LINK_REL, audit, user_links

pytestmark = pytest.mark.django_db


class Clients:
    """One test client per role, each logged in once."""

    def __init__(self, world: World):
        self.world = world
        self.by_role: dict[str, Client] = {}

    def __call__(self, role: str) -> Client:
        if role not in self.by_role:
            self.by_role[role] = Client()
            if self.world.users[role] is not None:
                self.by_role[role].force_login(self.world.users[role])
        return self.by_role[role]


def _check_html(response, where: str, problems: list, *, fragment: bool = False) -> None:
    html = response.content.decode()
    found, _ = audit(html, fragment_is_user_content=fragment)
    problems += [f"{where}: {p}" for p in found]
    if settings.SECRET_KEY in html:
        problems.append(f"{where}: SECRET_KEY in the page")


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _push(clients: Clients, w, form: Form, value: str, problems: list) -> None:
    """Post ``value`` in every text field of ``form``; check what is stored or refused."""
    client = clients(form.role)
    url = form.url(w)
    data = {**form.base(w), **dict.fromkeys(form.fields, value)}
    response = client.post(url, data)
    refused: set[str] = set()
    if response.status_code in (200, 400):
        _check_html(response, f"{form.name} (errors)", problems)
        errors = response.context[form.context].errors
        refused = set(errors) & set(form.fields)
        if not refused:
            problems.append(f"{form.name}: refused without a field error: {errors}")
            return
        if refused == set(form.fields):
            return
        data = {**form.base(w), **{f: value for f in form.fields if f not in refused}}
        response = client.post(url, data)
    if response.status_code != 302:
        problems.append(f"{form.name}: answered {response.status_code}")
        return
    stored = form.stored(w)
    for name, expected_of in form.fields.items():
        if name in refused or expected_of is None:
            continue
        expected = expected_of(value)
        if stored.get(name) == expected:
            continue
        if form.answers_by_redirect and _messages(response) and stored.get(name) is None:
            continue  # refused with a message, nothing stored
        problems.append(
            f"{form.name}.{name}: stored {str(stored.get(name))[:60]!r}, "
            f"typed {str(expected)[:60]!r}, messages {_messages(response)}"
        )


def _pages(w) -> list[tuple[str, str, bool]]:
    """(role, url, is a Markdown fragment) of every page that shows the typed text."""
    idea_kwargs = _idea_kwargs(w.idea)
    new_idea = _new_idea(w)
    return [
        ("mentor", w.idea.get_absolute_url(), False),
        ("manager", w.idea.get_absolute_url(), False),
        ("student", w.reviewed.get_absolute_url(), False),
        ("mentor", new_idea.get_absolute_url(), False),
        ("manager", w.program.get_absolute_url(), False),
        ("visitor", reverse("gsoc:program_list"), False),
        ("mentor", reverse("gsoc:idea_edit", kwargs=idea_kwargs), False),
        ("manager", reverse("gsoc:program_edit", args=[w.program.slug]), False),
        ("visitor", reverse("gsoc:idea_history", kwargs=idea_kwargs), False),
        (
            "visitor",
            reverse("gsoc:idea_diff", kwargs=idea_kwargs)
            + f"?old=1&new={Idea.objects.get(pk=w.idea.pk).version}",
            False,
        ),
        ("visitor", reverse("reviews:comment_history", args=[w.comment.pk]), False),
        ("manager", reverse("reviews:comment_hide", args=[w.comment.pk]), False),
        ("mentor", reverse("reviews:my_work"), False),
        ("committer", reverse("reviews:my_work"), False),
        ("student", reverse("students:my_interests"), False),
        ("mentor", reverse("students:interested_students", kwargs=_idea_kwargs(w.reviewed)), False),
        ("mentor", reverse("notifications:list"), False),
        ("manager", reverse("gsoc:recent_changes"), False),
        ("manager", reverse("gsoc:dashboard", args=[w.program.slug]), False),
        ("manager", reverse("gsoc:roles"), False),
        ("reviewer", reverse("accounts:profile"), False),
    ]


@pytest.mark.parametrize("key", list(HOSTILE))
def test_markdown_preview_of_hostile_text_is_inert(key, student, client):
    client.force_login(student)

    response = client.post(reverse("markdownx_markdownify"), {"content": HOSTILE[key]})

    problems: list[str] = []
    _check_html(response, "preview", problems, fragment=True)
    assert response.status_code == 200
    assert problems == [], "\n".join(problems)


def _query_urls(w, value) -> list[tuple[str, str]]:
    """(role, url) of pages that read text from the query string."""
    q = lambda **params: "?" + urlencode(params)  # noqa: E731
    idea_kwargs = _idea_kwargs(w.idea)
    return [
        (
            "visitor",
            w.program.get_absolute_url()
            + q(q=value, difficulty=value, size=value, skill=value, mentor=value),
        ),
        ("visitor", reverse("gsoc:home") + q(q=value)),
        (
            "visitor",
            reverse("gsoc:recent_changes") + q(program=value, kind=value, person=value, page=value),
        ),
        ("mentor", reverse("gsoc:recent_changes") + q(person=value)),
        ("visitor", reverse("gsoc:idea_diff", kwargs=idea_kwargs) + q(old=value, new=value)),
        ("mentor", reverse("notifications:list") + q(page=value)),
        ("mentor", reverse("students:interested_students", kwargs=idea_kwargs) + q(format=value)),
        ("manager", reverse("gsoc:roles") + q(q=value, page=value)),
        ("manager", reverse("gsoc:carry_forward", args=[w.program.slug]) + q(**{"from": value})),
    ]


def _machine_posts(w, value) -> list[tuple[str, str, dict]]:
    """(role, url, data) of POSTs whose fields are normally filled by our own pages."""
    idea_kwargs = _idea_kwargs(w.idea)
    return [
        ("manager", reverse("gsoc:roles"), {"user": value, "role": value, "grant": value}),
        (
            "manager",
            reverse("gsoc:roles"),
            {"user": w.users["student"].pk, "role": "committers", "grant": "1", "q": value},
        ),
        ("manager", reverse("gsoc:final_list", args=[w.program.slug]), {"ideas": value}),
        (
            "manager",
            reverse("gsoc:carry_forward", args=[w.program.slug]),
            {"from": value, "ideas": value},
        ),
        (
            "mentor",
            reverse("gsoc:idea_restore", kwargs={**idea_kwargs, "version": 1}),
            {"expected_version": value},
        ),
        (
            "mentor",
            reverse("gsoc:mentor_offer_decide", kwargs={**idea_kwargs, "pk": w.offer.pk}),
            {"accept": value},
        ),
        ("manager", reverse("gsoc:program_archive", args=[w.program.slug]), {"confirm": value}),
        ("reviewer", reverse("reviews:comment_create", kwargs=idea_kwargs), {"parent": value}),
        ("mentor", reverse("notifications:preferences"), {"comment__app": value}),
    ]


@pytest.mark.parametrize("key", list(HOSTILE))
def test_hostile_text_is_stored_or_refused_and_always_rendered_inert(key, world):
    value = HOSTILE[key]
    problems: list[str] = []
    clients = Clients(world)

    for form in FORMS:
        _push(clients, world, form, value, problems)
    for role, url, fragment in _pages(world):
        response = clients(role).get(url)
        if response.status_code != 200:
            problems.append(f"{url} as {role}: {response.status_code}")
        _check_html(response, f"{url} as {role}", problems, fragment=fragment)
    # Stored text comes back as text: escaped, not dropped or turned into markup.
    new_idea = _new_idea(world)
    if new_idea.title == collapse(value):
        _, text = audit(clients("mentor").get(new_idea.get_absolute_url()).content.decode())
        if new_idea.title not in text:
            problems.append("the idea's title is not shown as typed")
    feed = clients("visitor").get(reverse("gsoc:recent_changes_feed"))
    ET.fromstring(feed.content)  # well-formed XML whatever the titles say
    # Text in the query string and in fields our pages fill themselves.
    for role, url in _query_urls(world, value):
        response = clients(role).get(url)
        if response.status_code not in (200, 404):
            problems.append(f"GET {url[:80]} as {role}: {response.status_code}")
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            _check_html(response, f"GET {url[:80]}", problems)
    for role, url, data in _machine_posts(world, value):
        response = clients(role).post(url, data)
        if response.status_code not in (200, 302, 400, 404):
            problems.append(f"POST {url} {list(data)} as {role}: {response.status_code}")

    assert problems == [], "\n".join(problems)


def test_links_in_user_markdown_are_marked_as_user_content(world, client):
    links = "[docs](https://example.org/docs) <https://example.org/auto> [rel](/local/)"
    client.force_login(world.users["mentor"])
    client.post(reverse("reviews:comment_create", kwargs=_idea_kwargs(world.idea)), {"body": links})

    page = user_links(client.get(world.idea.get_absolute_url()).content.decode())
    preview = user_links(
        client.post(reverse("markdownx_markdownify"), {"content": links}).content.decode(),
        fragment_is_user_content=True,
    )

    # The idea's references hold the factory's one link; the comment three more.
    assert [(a["href"], a["rel"]) for a in page] == [
        ("https://example.org/docs", USER_LINK_REL),
        ("https://example.org/docs", USER_LINK_REL),
        ("https://example.org/auto", USER_LINK_REL),
        ("/local/", USER_LINK_REL),
    ]
    assert [a["rel"] for a in preview] == [USER_LINK_REL] * 3
