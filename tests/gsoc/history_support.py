"""Helpers of the idea-history tests (tests/gsoc/test_history_*.py)."""

import re

from django.urls import reverse

from gsoc import workflow
from gsoc.models import Idea, IdeaRevision
from tests.helpers import edited_content

EDITORS = ["mentor", "manager"]
OUTSIDERS = ["student", "other_mentor", "reviewer", "committer"]
ACTIVITY_TEXT_RE = re.compile(r'<span class="activity-text">(.*?)</span>\n', re.S)
TAG_RE = re.compile(r"<[^>]+>")


def edit(idea, *, by, **changes) -> Idea:
    """Save an edit of ``idea`` (as it is now) through the workflow."""
    idea = Idea.objects.select_related("program").get(pk=idea.pk)
    new = edited_content(idea, **changes)
    return workflow.update_idea(idea, new, by=by, expected_version=idea.version)


def revision(idea, version) -> IdeaRevision:
    return IdeaRevision.objects.get(idea=idea, version=version)


def fresh(idea) -> Idea:
    return Idea.objects.select_related("program").get(pk=idea.pk)


def url(name, idea, *args):
    return reverse(f"gsoc:{name}", args=[idea.program.slug, idea.slug, *args])


def activity_texts(response) -> list[str]:
    return [
        " ".join(TAG_RE.sub("", text).split()) for text in ACTIVITY_TEXT_RE.findall(response.text)
    ]
