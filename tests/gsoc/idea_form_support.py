"""Helpers of the idea-form tests (tests/gsoc/test_idea_form_*.py): posting the form
and reading a re-rendered one back from the HTML, as the browser would show it.
"""

from html.parser import HTMLParser

from django.urls import reverse

from gsoc.models import Activity, MentorOffer

NUL_ERROR = "Null characters are not allowed."


class RenderedForm(HTMLParser):
    """Field values and per-field errors of a crispy form, as the page shows them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, object] = {}
        self.errors: dict[str, list[str]] = {}
        self._textarea = self._select = self._error_field = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            is_checkbox = attrs.get("type") == "checkbox"
            self.values[name] = "checked" in attrs if is_checkbox else attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value")
        elif tag == "span" and attrs.get("id", "").startswith("error_"):
            self._error_field = attrs["id"].split("_id_", 1)[1]
            self.errors.setdefault(self._error_field, []).append("")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data
        if self._error_field:
            self.errors[self._error_field][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # HTML drops the newline right after <textarea>; Django writes one.
            self.values[self._textarea] = self.values[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "span":
            self._error_field = None


def create_url(program):
    return reverse("gsoc:idea_create", args=[program.slug])


def edit_url(idea):
    return reverse("gsoc:idea_edit", args=[idea.program.slug, idea.slug])


def idea_data(**overrides):
    data = {
        "title": "Live migration progress in the CLI",
        "difficulty_min": "1",
        "difficulty_max": "3",
        "project_size": "175",
        "skills": "C, Python",
        "skills_note": "C for phase 1, x86 assembly for phase 2",
        "mentors": "",
        "description": "The CLI says **nothing** while a guest migrates.",
        "outcomes": "- a progress bar\n- tests",
        "steps": "1. read the code\n2. write the patch",
        "references": "[toolstack](https://example.org/toolstack)",
        "is_program_eligible": "on",
        "draft": "1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def edit_data(idea, **overrides):
    data = idea_data(
        title=idea.title,
        difficulty_min=str(idea.difficulty_min),
        difficulty_max=str(idea.difficulty_max),
        project_size=str(idea.project_size),
        skills=", ".join(skill.name for skill in idea.skills.all()),
        skills_note=idea.skills_note,
        mentors=", ".join(user.username for user in idea.ordered_mentors()),
        description=idea.description,
        outcomes=idea.outcomes,
        steps=idea.steps,
        references=idea.references,
        version=str(idea.version),
        draft=None,
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def activity_of(idea) -> list[tuple[str, int]]:
    return list(Activity.objects.filter(idea=idea).order_by("pk").values_list("verb", "actor"))


def invited(idea) -> list:
    """Who is invited to co-mentor the idea: users, or the address where none matched."""
    return [
        offer.user or offer.email
        for offer in MentorOffer.objects.filter(idea=idea, kind="invitation").order_by("pk")
    ]
