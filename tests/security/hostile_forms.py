"""The corpus of hostile strings and every form that takes text, as a table: how to post
it, where its text is stored and what the form makes of it (used by
tests/security/test_hostile_input.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from accounts.models import User
from gsoc.forms import split_list
from gsoc.models import Idea, IdeaRevision, MentorOffer, Program, SignOff, Skill
from reviews.models import ReviewComment
from students.models import Interest
from tests.security.conftest import World

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
