"""Roles and helpers of the idea-page tests (tests/gsoc/test_views_idea_*.py).

Roles are the fixtures of tests/conftest.py; "visitor" is nobody signed in.
"""

from urllib.parse import quote

from django.urls import reverse

ALL_ROLES = ["visitor", "student", "mentor", "other_mentor", "reviewer", "committer", "manager"]
SIGNED_IN_ROLES = [role for role in ALL_ROLES if role != "visitor"]


# May change the idea: its mentor and community managers.
EDITORS = ["mentor", "manager"]


# Signed in, but neither a mentor of the idea nor a manager.
OUTSIDERS = ["student", "other_mentor", "reviewer", "committer"]


def url(name, idea):
    return reverse(f"gsoc:{name}", args=[idea.program.slug, idea.slug])


def login_url(next_path):
    return f"{reverse('account_login')}?next={quote(next_path)}"


def edit_data(idea, **overrides):
    data = {
        "title": idea.title,
        "difficulty_min": str(idea.difficulty_min),
        "difficulty_max": str(idea.difficulty_max),
        "project_size": str(idea.project_size),
        "skills": "",
        "skills_note": idea.skills_note,
        "mentors": ", ".join(link.user.username for link in idea.mentor_links.all()),
        "description": idea.description,
        "outcomes": idea.outcomes,
        "steps": idea.steps,
        "references": idea.references,
        "is_program_eligible": "on",
        "version": str(idea.version),
    }
    data.update(overrides)
    return data
