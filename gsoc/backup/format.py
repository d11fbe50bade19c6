"""Backup and restore of the whole site as one JSON file.

``manage.py export_site FILE`` writes it and ``manage.py import_site FILE`` loads it into
an empty database, e.g. to move a community from SQLite to PostgreSQL. The commands are
thin; the format is described here, the logic lives in the rest of ``gsoc.backup``.

File format, version 1
======================

One UTF-8 JSON object, one row per line so the file greps and diffs well::

    {"format": "gsoc-ideas-backup", "version": 1,
     "exported_at": "2031-03-01T12:00:00.123456+00:00",
     "with_passwords": false,
     "counts": {"groups": 3, "users": 41, ...},
     "data": {
    "groups": [
    {"id": 1, "name": "managers", "permissions": []},
    ...
    ],
    "users": [
    ...
    ]}}

``data`` has one list per entry of ``SECTIONS`` below, in that order, which is also the
order of import. Each row is an object with exactly the section's fields:

- ``id`` is the row's primary key on the exported site and is kept on import, so every
  relation survives. Groups are the exception: they are matched by name, because the
  migrations of a new database already create "managers" and "committers".
- A foreign key is stored under the field's name, as the id of the row it points to:
  ``"idea": 17``, ``"origin": null``.
- A many-to-many field is a sorted list of ids (``"skills": [2, 5]``), except
  permissions, which are ``[app_label, codename]`` pairs because their ids differ from
  one database to the next.
- Date-times are ISO 8601 with microseconds and UTC offset; dates are ISO 8601; JSON
  fields are inlined as JSON. Timestamps Django sets itself (``created_at``,
  ``updated_at``) are restored as exported, not re-stamped.
- ``users`` rows carry ``password`` (the hash, never the password) only in a backup made
  with ``--with-passwords``; ``with_passwords`` in the header says which. Without it,
  imported users get an unusable password and set a new one with "Forgot password?".

Not in the backup, on purpose: sessions (everyone signs in again), queued email tasks,
the admin's log, allauth's email confirmation keys and the Site row (the new site's
migrations set its name and domain from SITE_NAME and SITE_URL).

A new version of the format gets a new number; ``import_site`` refuses numbers it does
not know rather than guessing. ``tests/gsoc/test_backup.py`` fails when a model or a
model field has no place here, so a schema change can't silently drop data from backups.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from gsoc.schema import CONTENT_FIELDS

FORMAT = "gsoc-ideas-backup"
VERSION = 1


class BackupError(Exception):
    """A backup that can't be written or read; the message is meant for the operator."""


@dataclass(frozen=True)
class Section:
    """One model's rows in the file: which fields, under which name."""

    name: str
    model_label: str
    fields: tuple[str, ...]
    many: tuple[str, ...] = ()

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def field(self, name: str) -> models.Field:
        return self.model._meta.get_field(name)

    def m2m_field(self, name: str) -> models.ManyToManyField:
        field = self.field(name)
        assert isinstance(field, models.ManyToManyField), f"{self.name}.{name} is not many-to-many"
        return field


SECTIONS = (
    Section("groups", "auth.Group", ("id", "name"), many=("permissions",)),
    Section(
        "users",
        "accounts.User",
        (
            "id",
            "password",
            "last_login",
            "username",
            "first_name",
            "last_name",
            "email",
            "display_name",
            "affiliation",
            "is_active",
            "is_staff",
            "is_superuser",
            "date_joined",
        ),
        many=("groups", "user_permissions"),
    ),
    Section(
        "email_addresses", "account.EmailAddress", ("id", "user", "email", "verified", "primary")
    ),
    Section(
        "programs",
        "gsoc.Program",
        (
            "id",
            "name",
            "slug",
            "intro",
            "phase",
            "ideas_deadline",
            "org_application_deadline",
            "required_sign_offs",
            "target_list_size",
            "allowed_sizes",
            "created_at",
            "updated_at",
            "published_at",
            "version",
        ),
    ),
    Section("skills", "gsoc.Skill", ("id", "name", "slug")),
    Section(
        "ideas",
        "gsoc.Idea",
        (
            "id",
            "program",
            "slug",
            *CONTENT_FIELDS,
            "state",
            "version",
            "reviewed_version",
            "created_at",
            "updated_at",
            "verified_at",
            "edited_at",
            "origin",
        ),
        many=("skills",),
    ),
    # Mentors in their order: ``position`` keeps it.
    Section("idea_mentors", "gsoc.IdeaMentor", ("id", "idea", "user", "position")),
    Section(
        "idea_revisions",
        "gsoc.IdeaRevision",
        ("id", "idea", "version", "author", "created_at", "summary", "data"),
    ),
    Section(
        "mentor_offers",
        "gsoc.MentorOffer",
        (
            "id",
            "idea",
            "kind",
            "user",
            "email",
            "token",
            "invited_by",
            "message",
            "status",
            "created_at",
            "decided_by",
            "decided_at",
        ),
    ),
    Section(
        "activities",
        "gsoc.Activity",
        ("id", "verb", "actor", "program", "idea", "detail", "created_at"),
    ),
    Section(
        "review_comments",
        "reviews.ReviewComment",
        (
            "id",
            "idea",
            "author",
            "parent",
            "body",
            "created_at",
            "edited_at",
            "version",
            "is_addressed",
            "addressed_by",
            "addressed_at",
            "is_hidden",
            "hidden_by",
            "hidden_at",
            "hidden_reason",
        ),
    ),
    Section(
        "comment_revisions", "reviews.CommentRevision", ("id", "comment", "body", "created_at")
    ),
    Section(
        "rubric_answers",
        "reviews.RubricAnswer",
        ("id", "comment", "gets_going", "no_assumptions", "fits_time", "meets_goals"),
    ),
    Section(
        "sign_offs",
        "gsoc.SignOff",
        ("id", "idea", "committer", "version", "note", "signed_at", "withdrawn_at"),
    ),
    Section(
        "interests",
        "students.Interest",
        ("id", "student", "idea", "note", "created_at", "withdrawn_at"),
    ),
    Section(
        "notifications",
        "notifications.Notification",
        (
            "id",
            "recipient",
            "kind",
            "event",
            "actor",
            "message",
            "url",
            "created_at",
            "show_in_app",
            "read_at",
            "email_wanted",
            "email_claimed_at",
            "email_sent_at",
            "email_attempts",
        ),
    ),
    Section("mutes", "notifications.Mute", ("id", "user", "kind", "channel")),
)

SECTION_BY_LABEL = {section.model_label.lower(): section for section in SECTIONS}
# Fields a file may lack: the password hashes, and fields added to the format after it was
# written (they take the model's default).
OPTIONAL_FIELDS = {
    ("users", "password"),
    ("programs", "published_at"),
    ("ideas", "edited_at"),
    ("notifications", "email_claimed_at"),
    ("mentor_offers", "kind"),
    ("mentor_offers", "email"),
    ("mentor_offers", "token"),
    ("mentor_offers", "invited_by"),
}


def describe(counts: dict[str, int]) -> str:
    """A one-line summary: 1,234 records (12 users, 2 programs, 200 ideas, …)."""
    return (
        f"{sum(counts.values()):,} records ({counts['users']} users, "
        f"{counts['programs']} programs, {counts['ideas']} ideas, "
        f"{counts['review_comments']} review comments)"
    )
