"""Hostile text through every text field, query parameter and the Markdown preview.

For each string of the corpus: every form is posted with it in all its text fields; a
field either stores the text as typed (after the normalisation the form documents, such
as collapsing whitespace) or refuses it with a message. Then every page that shows
those fields is fetched and read with html.parser: no script but our own, no event
handler attributes, no javascript:/data: URLs, no style attributes, user links marked
rel="ugc nofollow noopener noreferrer", and no server secrets. A 500 anywhere fails
(the test client re-raises the exception).
"""

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import User
from gsoc.forms import split_list
from gsoc.models import Idea, IdeaRevision, MentorOffer, Program, SignOff, Skill
from reviews.models import ReviewComment
from students.models import Interest
from tests.security.conftest import World
from tests.security.html_audit import USER_LINK_REL, audit, user_links

pytestmark = pytest.mark.django_db

HOSTILE = {
    "script": "<script>alert(1)</script><SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "img-onerror": '<img src=x onerror="alert(1)">',
    "attr-breakout": "\" onmouseover=\"alert(1)\" x=\" ' onfocus='alert(1)' autofocus x='",
    "js-link-markdown": "[click me](javascript:alert(1))",
    "js-link-html": '<a href="jav&#x09;ascript:alert(1)">click</a>',
    "js-link-reference": "[click][1]\n\n[1]: javascript:alert(document.cookie)",
    "js-autolink": "<javascript:alert(1)> and <https://example.org/ok>",
    "data-link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data-image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "svg": '<svg onload=alert(1)><use href="data:image/svg+xml,<svg id=x><script>alert(1)'
    '</script></svg>#x"/></svg>',
    "mathml": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>",
    "nested-broken": "<<script>script>alert(1)<</script>/script><div><p><b>open <i>tags",
    "comment-trick": '<!--<img src="--><img src=x onerror=alert(1)//">',
    "style": '<style>body{display:none}</style><p style="position:fixed">x</p>',
    "frames-and-base": '<iframe src="https://evil.example"></iframe><base href="https://e.x/">'
    '<form action="https://e.x"><meta http-equiv="refresh" content="0">',
    "markdown-html-mix": "**bold** <b onclick=alert(1)>x</b> [ok](https://example.org 't')",
    "long": "A" * 9_990 + "<b>x</b>",
    "rtl": "\u202eexe.evil\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "zero-width-emoji": "a\u200bb\u200cc\u200dd\ufeffe\u2060f 🐍💥👩‍💻",
    "nul": "before\x00after",
    "sql": "'; DROP TABLE gsoc_idea; -- \" OR 1=1 -- 100% _match_ \\% %%",
    "template": "{{ settings.SECRET_KEY }} {% debug %}{% load log %}{% get_admin_log 9 as x %}",
    "unicode-space": "\u00a0\u2028line\u2029sep\u3000",
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt; &#60;b&#62; &amp;amp;",
    "superscript-digit": "²",
}


def strip(value: str) -> str:
    return value.strip()


def markdown_text(value: str) -> str:
    # Markdown keeps leading and trailing white space (an indented code block means it).
    return value.replace("\r\n", "\n").replace("\r", "\n")


def collapse(value: str) -> str:
    return " ".join(value.split())


def skill_names(value: str) -> set[str]:
    return {Skill.normalise(name) for name in split_list(value)}


@dataclass
class Form:
    """A form of the site: who posts it where, and how each text field is stored."""

    name: str
    role: str
    url: Callable[[World], str]
    base: Callable[[World], dict]
    fields: dict[str, Callable[[str], object]]  # field -> what storing the text should give
    stored: Callable[[World], dict]  # field -> what is stored now
    context: str = "form"  # the bound form in the page's context on errors
    answers_by_redirect: bool = False  # no form page: refusals come back as a message


def _idea_kwargs(idea):
    return {"program_slug": idea.program.slug, "idea_slug": idea.slug}


def _idea_base(w):
    return {
        "title": "A sound idea",
        "difficulty_min": 1,
        "difficulty_max": 2,
        "project_size": 175,
        "description": "Enough to get going.",
        "is_program_eligible": "on",
    }


def _idea_fields(idea) -> dict:
    return {
        "title": idea.title,
        "skills_note": idea.skills_note,
        "description": idea.description,
        "outcomes": idea.outcomes,
        "steps": idea.steps,
        "references": idea.references,
        "skills": {skill.name for skill in idea.skills.all()},
    }


IDEA_TEXT = {
    "title": collapse,
    "skills_note": strip,
    "description": markdown_text,
    "outcomes": markdown_text,
    "steps": markdown_text,
    "references": markdown_text,
    "skills": skill_names,
}


def _profile(w, role):
    user = User.objects.get(pk=w.users[role].pk)
    return {"display_name": user.display_name, "affiliation": user.affiliation}


def _new_idea(w):
    return Idea.objects.filter(program=w.program).latest("pk")


def _last_comment(w, **filters):
    return ReviewComment.objects.filter(idea=w.idea, **filters).latest("pk")


FORMS = [
    Form(
        "profile (reviewer)",
        "reviewer",
        lambda w: reverse("accounts:profile"),
        lambda w: {"display_name": "Rev", "affiliation": ""},
        {"display_name": collapse, "affiliation": collapse},
        lambda w: _profile(w, "reviewer"),
    ),
    Form(
        "profile (student)",
        "student",
        lambda w: reverse("accounts:profile"),
        lambda w: {"display_name": "Stu", "affiliation": ""},
        {"display_name": collapse, "affiliation": collapse},
        lambda w: _profile(w, "student"),
    ),
    Form(
        "idea create",
        "mentor",
        lambda w: reverse("gsoc:idea_create", args=[w.program.slug]),
        lambda w: {**_idea_base(w), "submit": "1"},
        {**IDEA_TEXT, "mentors": None},
        lambda w: _idea_fields(_new_idea(w)),
    ),
    Form(
        "idea edit",
        "mentor",
        lambda w: reverse("gsoc:idea_edit", kwargs=_idea_kwargs(w.idea)),
        lambda w: {
            **_idea_base(w),
            "mentors": w.users["mentor"].username,
            "version": Idea.objects.get(pk=w.idea.pk).version,
        },
        {**IDEA_TEXT, "summary": collapse},
        lambda w: {
            **_idea_fields(Idea.objects.get(pk=w.idea.pk)),
            "summary": IdeaRevision.objects.filter(idea=w.idea).latest("version").summary,
        },
    ),
    Form(
        "review comment",
        "reviewer",
        lambda w: reverse("reviews:comment_create", kwargs=_idea_kwargs(w.idea)),
        lambda w: {},
        {"body": strip},
        lambda w: {"body": _last_comment(w, parent=None).body},
        context="comment_form",
    ),
    Form(
        "reply",
        "mentor",
        lambda w: reverse("reviews:comment_create", kwargs=_idea_kwargs(w.idea)),
        lambda w: {"parent": w.comment.pk},
        {"body": strip},
        lambda w: {"body": _last_comment(w, parent=w.comment).body},
        context="comment_form",
    ),
    Form(
        "comment edit",
        "reviewer",
        lambda w: reverse("reviews:comment_edit", args=[w.comment.pk]),
        lambda w: {"version": ReviewComment.objects.get(pk=w.comment.pk).version},
        {"body": strip},
        lambda w: {"body": ReviewComment.objects.get(pk=w.comment.pk).body},
    ),
    Form(
        "hide reason",
        "manager",
        lambda w: reverse("reviews:comment_hide", args=[w.addressed_comment.pk]),
        lambda w: {},
        {"reason": lambda v: collapse(v)[:300]},
        lambda w: {"reason": ReviewComment.objects.get(pk=w.addressed_comment.pk).hidden_reason},
    ),
    Form(
        "sign-off note",
        "committer",
        lambda w: reverse("gsoc:sign_off", kwargs=_idea_kwargs(w.idea)),
        lambda w: {},
        {"note": strip},
        lambda w: {
            "note": getattr(
                SignOff.objects.filter(idea=w.idea, committer=w.users["committer"]).first(),
                "note",
                None,
            )
        },
        answers_by_redirect=True,
    ),
    Form(
        "interest note",
        "student",
        lambda w: reverse("students:interest_register", kwargs=_idea_kwargs(w.reviewed)),
        lambda w: {},
        {"note": collapse},
        lambda w: {
            "note": getattr(
                Interest.objects.filter(idea=w.reviewed, student=w.users["student"]).first(),
                "note",
                None,
            )
        },
        answers_by_redirect=True,
    ),
    Form(
        "co-mentor offer",
        "committer",
        lambda w: reverse("gsoc:mentor_offer", kwargs=_idea_kwargs(w.idea)),
        lambda w: {},
        {"message": collapse},
        lambda w: {
            "message": getattr(
                MentorOffer.objects.filter(idea=w.idea, user=w.users["committer"]).first(),
                "message",
                None,
            )
        },
        answers_by_redirect=True,
    ),
    Form(
        "program settings",
        "manager",
        lambda w: reverse("gsoc:program_edit", args=[w.program.slug]),
        lambda w: {
            "name": "GSoC",
            "slug": w.program.slug,
            "phase": "open",
            "allowed_sizes": "90, 175, 350",
            "required_sign_offs": 1,
            "target_list_size": 12,
            "version": Program.objects.get(pk=w.program.pk).version,
        },
        {"name": strip, "intro": strip, "allowed_sizes": None},
        lambda w: {
            "name": Program.objects.get(pk=w.program.pk).name,
            "intro": Program.objects.get(pk=w.program.pk).intro,
        },
    ),
]


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
