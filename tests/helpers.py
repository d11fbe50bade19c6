"""Builders shared by the tests. Fixtures (roles, ``as_role``) are in tests/conftest.py."""

import re

from gsoc import workflow
from gsoc.models import Idea

H1_RE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)

# The idea template filled in as little as the form allows, for ideas made through the
# workflow; tests pass what they care about.
IDEA_FIELDS = {
    "title": "Faster widget",
    "difficulty_min": 1,
    "difficulty_max": 2,
    "project_size": 175,
    "skills_note": "",
    "description": "Make the widget fast.",
    "outcomes": "",
    "steps": "",
    "references": "",
    "is_program_eligible": True,
}


def idea_content(
    title: str = IDEA_FIELDS["title"],
    *,
    skills: list[str] | None = None,
    mentors: list | None = None,
    summary: str = "",
    **fields,
) -> workflow.IdeaContent:
    """Content for ``workflow.create_idea`` (or an edit that replaces everything): the
    defaults of ``IDEA_FIELDS`` with ``fields``, skill C and no co-mentors unless given."""
    return workflow.IdeaContent(
        fields={**IDEA_FIELDS, "title": title, **fields},
        skills=["C"] if skills is None else skills,
        mentors=[] if mentors is None else mentors,
        summary=summary,
    )


def edited_content(idea: Idea, *, summary: str = "", **changes) -> workflow.IdeaContent:
    """``idea``'s content as it is now, with ``changes`` to its fields, ``skills`` (names)
    or ``mentors`` (users), for ``workflow.update_idea``."""
    content = workflow.IdeaContent.of(idea, summary=summary)
    for name in ("skills", "mentors"):
        if name in changes:
            setattr(content, name, changes.pop(name))
    content.fields.update(changes)
    return content


def page_heading(response) -> str:
    """The text of the page's <h1>."""
    return H1_RE.search(response.text).group(1).strip()
