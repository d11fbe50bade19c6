"""A rich site made through the workflow and the helpers of the backup tests
(tests/gsoc/test_backup_*.py).
"""

import io

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.models import User
from gsoc.models import (
    Activity,
    Idea,
    IdeaMentor,
    IdeaRevision,
    MentorOffer,
    Program,
    SignOff,
    Skill,
)
from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from notifications.models import Mute, Notification
from reviews.models import CommentRevision, ReviewComment, RubricAnswer
from students.models import Interest

# Every model a backup holds, in an order that deletes cleanly when reversed.
MODELS = [
    User,
    EmailAddress,
    Program,
    Skill,
    Idea,
    IdeaMentor,
    IdeaRevision,
    MentorOffer,
    Activity,
    ReviewComment,
    CommentRevision,
    RubricAnswer,
    SignOff,
    Interest,
    Notification,
    Mute,
]


def row_counts() -> dict[str, int]:
    counts = {model._meta.label: model.objects.count() for model in [Group, *MODELS]}
    counts["group permissions"] = Group.permissions.through.objects.count()
    return counts


def export_text(*args) -> str:
    out = io.StringIO()
    call_command("export_site", "-", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def import_file(path, **kwargs) -> str:
    out = io.StringIO()
    call_command("import_site", str(path), stdout=out, **kwargs)
    return out.getvalue()


def empty_site() -> None:
    """Back to a freshly migrated database: no site data, only the migrations' groups."""
    for model in reversed(MODELS):
        model.objects.all().delete()
    Group.objects.exclude(name__in=(MANAGERS_GROUP, COMMITTERS_GROUP)).delete()


def write(tmp_path, text: str):
    path = tmp_path / "backup.json"
    path.write_text(text, encoding="utf-8")
    return path
