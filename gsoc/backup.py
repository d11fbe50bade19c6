"""Backup and restore of the whole site as one JSON file.

``manage.py export_site FILE`` writes it and ``manage.py import_site FILE`` loads it into
an empty database, e.g. to move a community from SQLite to PostgreSQL. The commands are
thin; the format and the logic live here.

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

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.db import DataError, IntegrityError, connection, models, transaction
from django.utils import timezone

from gsoc.schema import CONTENT_FIELDS

FORMAT = "gsoc-ideas-backup"
VERSION = 1
BATCH_SIZE = 500
# How many problems an error message lists before it says "and N more".
MAX_PROBLEMS = 10


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


class Progress:
    """A one-line progress bar redrawn in place with carriage returns.

    Only for terminals: the commands make one when their output stream is a tty and pass
    ``None`` otherwise, so logs and pipes stay clean.
    """

    def __init__(self, stream: OutputWrapper, label: str, total: int, width: int = 30):
        self.stream, self.label, self.total, self.width = stream, label, total, width
        self.done = 0
        self._shown = -1
        self._last_draw = 0.0

    def advance(self, n: int = 1) -> None:
        self.done += n
        percent = self.done * 100 // max(self.total, 1)
        # Redraw when the percentage moves, at most ten times a second.
        if percent != self._shown and time.monotonic() - self._last_draw >= 0.1:
            self._draw(percent)

    def finish(self, *, complete: bool = True) -> None:
        """End the line: at 100%, or where it stopped when the work failed."""
        if complete:
            self._draw(100)
        if self._shown >= 0:
            self.stream.write("\n", ending="")
            self.stream.flush()

    def _draw(self, percent: int) -> None:
        filled = self.width * percent // 100
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(
            f"\r{self.label} [{bar}] {percent:3d}% {self.done:,}/{self.total:,}", ending=""
        )
        self.stream.flush()
        self._shown, self._last_draw = percent, time.monotonic()


def describe(counts: dict[str, int]) -> str:
    """A one-line summary: 1,234 records (12 users, 2 programs, 200 ideas, …)."""
    return (
        f"{sum(counts.values()):,} records ({counts['users']} users, "
        f"{counts['programs']} programs, {counts['ideas']} ideas, "
        f"{counts['review_comments']} review comments)"
    )


# Export


def _m2m_field(section: Section, name: str) -> models.ManyToManyField:
    field = section.field(name)
    assert isinstance(field, models.ManyToManyField), f"{section.name}.{name} is not many-to-many"
    return field


def _m2m_values(section: Section, name: str) -> dict[int, list]:
    """Row id -> sorted related ids (or [app_label, codename] for permissions)."""
    field = _m2m_field(section, name)
    through = field.remote_field.through
    source = field.m2m_field_name()
    target = field.m2m_reverse_field_name()
    if field.related_model is Permission:
        pairs = through.objects.values_list(
            f"{source}_id", f"{target}__content_type__app_label", f"{target}__codename"
        )
        pairs = ((row_id, [app_label, codename]) for row_id, app_label, codename in pairs)
    else:
        pairs = through.objects.values_list(f"{source}_id", f"{target}_id")
    values = defaultdict(list)
    for row_id, value in pairs:
        values[row_id].append(value)
    return {row_id: sorted(related) for row_id, related in values.items()}


def _dump_value(field: models.Field, value: Any) -> Any:
    # DjangoJSONEncoder would cut datetimes to milliseconds; isoformat() keeps them whole.
    if value is not None and isinstance(field, models.DateField):
        return value.isoformat()
    if isinstance(field, models.JSONField):
        return _sorted_keys(value)
    return value


def _sorted_keys(value: Any) -> Any:
    # PostgreSQL's jsonb reorders keys; sorting them makes the same site give the same
    # file on either database.
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


def _section_fields(section: Section, *, with_passwords: bool) -> list[str]:
    if section.name == "users" and not with_passwords:
        return [name for name in section.fields if name != "password"]
    return list(section.fields)


def _rows(section: Section, *, with_passwords: bool) -> Iterable[dict]:
    fields = [
        section.field(name) for name in _section_fields(section, with_passwords=with_passwords)
    ]
    many = {name: _m2m_values(section, name) for name in section.many}
    queryset = section.model._base_manager.order_by("pk").values_list(
        *(field.attname for field in fields)
    )
    for values in queryset.iterator(chunk_size=2000):
        row = {
            field.name: _dump_value(field, value)
            for field, value in zip(fields, values, strict=True)
        }
        for name, related in many.items():
            row[name] = related.get(row["id"], [])
        yield row


def export_site(
    write: Callable[[str], Any],
    *,
    with_passwords: bool = False,
    progress_to: OutputWrapper | None = None,
) -> dict[str, int]:
    """Write the whole site as a backup through ``write``; returns the row count per section.

    Reads in one transaction (repeatable read on PostgreSQL), so a site in use exports a
    consistent snapshot. ``progress_to``: an OutputWrapper to draw a progress bar on.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        counts = {section.name: section.model._base_manager.count() for section in SECTIONS}
        progress = Progress(progress_to, "Exporting", sum(counts.values())) if progress_to else None
        header = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": timezone.now().isoformat(),
            "with_passwords": with_passwords,
            "counts": counts,
        }
        write(json.dumps(header, ensure_ascii=False)[:-1] + ',\n"data": {\n')
        for index, section in enumerate(SECTIONS):
            write(f'"{section.name}": [\n')
            first = True
            for row in _rows(section, with_passwords=with_passwords):
                write(("" if first else ",\n") + json.dumps(row, ensure_ascii=False))
                first = False
                if progress:
                    progress.advance()
            write(("\n" if not first else "") + ("]\n" if index == len(SECTIONS) - 1 else "],\n"))
        write("}}\n")
    if progress:
        progress.finish()
    return counts


# Import


def _problem_list(problems: list[str]) -> str:
    shown = "\n".join(f"  - {problem}" for problem in problems[:MAX_PROBLEMS])
    more = len(problems) - MAX_PROBLEMS
    return shown + (f"\n  … and {more} more" if more > 0 else "")


def read_backup(stream: IO[str], name: str) -> dict:
    """Parse and check a backup without touching the database.

    Returns ``{"header": {...}, "rows": {section: [row dicts with Python values]}}``.
    Raises BackupError for a file that is not valid JSON (a truncated file is not), is not
    a backup of this site, has an unknown version, or whose rows or references are broken.
    """
    try:
        document = json.load(stream)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BackupError(
            f"{name} is not valid JSON, so it is not a complete backup "
            f"(cut off while copying?): {exc}"
        ) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = (
            f'its "format" is {document["format"]!r}'
            if isinstance(document, dict) and "format" in document
            else 'it has no "format"'
        )
        raise BackupError(
            f"{name} is not a GSoC Ideas backup ({found}, expected {FORMAT!r}). "
            "Import only files written by `manage.py export_site`."
        )
    version = document.get("version")
    if type(version) is not int or version != VERSION:
        raise BackupError(
            f"{name} is a backup of format version {version!r}; this site reads version "
            f"{VERSION}. Use the version of GSoC Ideas that wrote it (or a newer one)."
        )
    data, counts = document.get("data"), document.get("counts")
    if not isinstance(data, dict) or not isinstance(counts, dict):
        raise BackupError(f'{name} has no "data" or "counts": it is incomplete.')
    expected = [section.name for section in SECTIONS]
    missing = [key for key in expected if key not in data]
    unknown = [key for key in data if key not in expected]
    if missing or unknown:
        raise BackupError(
            f"{name} does not have the sections of a version {VERSION} backup"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
            + "."
        )
    for key in expected:
        if not isinstance(data[key], list) or counts.get(key) != len(data[key]):
            raise BackupError(
                f"{name}: the header counts {counts.get(key)!r} {key} but the file holds "
                f"{len(data[key]) if isinstance(data[key], list) else 'no list of'} "
                "of them: the file is incomplete or was edited."
            )
    problems: list[str] = []
    rows = {
        section.name: _clean_rows(section, data[section.name], problems) for section in SECTIONS
    }
    if not problems:
        _check_references(rows, problems)
    if problems:
        raise BackupError(
            f"{name} has {len(problems)} broken record(s):\n{_problem_list(problems)}"
        )
    header = {key: value for key, value in document.items() if key != "data"}
    return {"header": header, "rows": rows}


def _clean_rows(section: Section, raw_rows: list, problems: list[str]) -> list[dict]:
    fields = {name: section.field(name) for name in section.fields}
    required = {name for name in section.fields if (section.name, name) not in OPTIONAL_FIELDS}
    allowed = set(section.fields) | set(section.many)
    cleaned, seen = [], set()
    for index, raw in enumerate(raw_rows):
        where = f"{section.name}[{index}]"
        if not isinstance(raw, dict):
            problems.append(f"{where} is not an object")
            continue
        where = f"{section.name} id {raw.get('id')!r}"
        absent = (required | set(section.many)) - raw.keys()
        extra = raw.keys() - allowed
        parts = [f"missing {', '.join(sorted(absent))}"] if absent else []
        parts += [f"unknown {', '.join(sorted(extra))}"] if extra else []
        if parts:
            problems.append(f"{where}: {'; '.join(parts)}")
            continue
        row = {}
        for name in raw.keys() & fields.keys():
            try:
                row[name] = _load_value(fields[name], raw[name])
            except ValidationError as exc:
                problems.append(f"{where}: {name}: {' '.join(exc.messages)}")
        for name in section.many:
            if _valid_many(_m2m_field(section, name), raw[name]):
                row[name] = raw[name]
            else:
                problems.append(f"{where}: {name} is not a list of ids")
        if not isinstance(row.get("id"), int) or row["id"] in seen:
            problems.append(f"{where}: the id is missing, not a number or used twice")
        seen.add(row.get("id"))
        cleaned.append(row)
    return cleaned


def _valid_many(field: models.ManyToManyField, values: Any) -> bool:
    if not isinstance(values, list):
        return False
    if field.related_model is Permission:
        # [app_label, codename] pairs
        return all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)
            for pair in values
        )
    return all(type(value) is int for value in values)


def _load_value(field: models.Field, value: Any) -> Any:
    if value is None:
        if not field.null:
            raise ValidationError("may not be null")
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.DateField) and not isinstance(value, str):
        raise ValidationError(f"{value!r} is not an ISO 8601 date")
    python = field.to_python(value)
    if isinstance(field, models.DateTimeField) and timezone.is_naive(python):
        raise ValidationError(f"{value!r} has no UTC offset")
    return python


def _check_references(rows: dict[str, list[dict]], problems: list[str]) -> None:
    ids = {name: {row["id"] for row in section_rows} for name, section_rows in rows.items()}
    for section in SECTIONS:
        links = []
        for name in section.fields:
            field = section.field(name)
            if field.is_relation:
                links.append((name, SECTION_BY_LABEL[field.related_model._meta.label_lower].name))
        many = [
            (name, SECTION_BY_LABEL[_m2m_field(section, name).related_model._meta.label_lower].name)
            for name in section.many
            if _m2m_field(section, name).related_model is not Permission
        ]
        for row in rows[section.name]:
            for name, target in links:
                if row[name] is not None and row[name] not in ids[target]:
                    problems.append(
                        f"{section.name} id {row['id']}: {name} {row[name]} is not among the "
                        f"{target} of the backup"
                    )
            for name, target in many:
                absent = [value for value in row[name] if value not in ids[target]]
                if absent:
                    problems.append(
                        f"{section.name} id {row['id']}: {name} {absent} are not among the "
                        f"{target} of the backup"
                    )


def site_contents() -> dict[str, int]:
    """Rows per section already in the database, groups aside (migrations create some)."""
    counts = {
        section.name: section.model._base_manager.count()
        for section in SECTIONS
        if section.name != "groups"
    }
    return {name: count for name, count in counts.items() if count}


def _permission_ids(rows: dict[str, list[dict]]) -> dict[tuple[str, str], int]:
    wanted = {
        tuple(pair)
        for section in ("groups", "users")
        for row in rows[section]
        for name in ("permissions", "user_permissions")
        for pair in row.get(name, ())
    }
    known = {
        (app_label, codename): pk
        for app_label, codename, pk in Permission.objects.values_list(
            "content_type__app_label", "codename", "pk"
        )
    }
    missing = sorted(".".join(map(str, pair)) for pair in wanted if pair not in known)
    if missing:
        raise BackupError(
            "The backup uses permissions this site doesn't have (run `manage.py migrate` "
            f"first, with the same version of the site): {', '.join(missing)}"
        )
    return known


def _merge_groups(rows: list[dict], permission_ids: dict) -> dict[int, int]:
    """Groups matched by name, created when missing; returns backup id -> database id."""
    group_ids = {}
    for row in rows:
        group, _ = Group.objects.get_or_create(name=row["name"])
        group.permissions.add(*(permission_ids[tuple(pair)] for pair in row["permissions"]))
        group_ids[row["id"]] = group.pk
    return group_ids


def _insert(section: Section, section_rows: list[dict], progress: Progress | None) -> None:
    model = section.model
    fields = [section.field(name) for name in section.fields]
    # bulk_create stamps auto_now/auto_now_add fields with the current time; they are put
    # back to their exported values with a bulk_update, which doesn't stamp.
    stamped = [
        field.name
        for field in fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    for start in range(0, len(section_rows), BATCH_SIZE):
        batch_rows = section_rows[start : start + BATCH_SIZE]
        objects = [
            model(**{field.attname: row[field.name] for field in fields if field.name in row})
            for row in batch_rows
        ]
        if section.name == "users":
            for obj, row in zip(objects, batch_rows, strict=True):
                if "password" not in row:
                    obj.password = make_password(None)
        model._base_manager.bulk_create(objects)
        if stamped:
            for obj, row in zip(objects, batch_rows, strict=True):
                for name in stamped:
                    setattr(obj, name, row[name])
            model._base_manager.bulk_update(objects, stamped)
        if progress:
            progress.advance(len(objects))


def _insert_many(
    section: Section, section_rows: list[dict], group_ids: dict, permission_ids: dict
) -> None:
    for name in section.many:
        field = _m2m_field(section, name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        if field.related_model is Permission:
            targets = permission_ids
        elif field.related_model is Group:
            targets = group_ids
        else:
            targets = None  # kept ids: the value is the database id
        links = [
            through(
                **{
                    f"{source}_id": row["id"],
                    f"{target}_id": value if targets is None else targets[_key(value)],
                }
            )
            for row in section_rows
            for value in row[name]
        ]
        through.objects.bulk_create(links, batch_size=BATCH_SIZE)


def _key(value):
    # Permission pairs arrive as JSON lists; dictionary keys need tuples.
    return tuple(value) if isinstance(value, list) else value


def _reset_sequences() -> None:
    # Rows were inserted with explicit ids; PostgreSQL's sequences must move past them so
    # the next new row gets a fresh id. (SQLite keeps no separate sequence to fix.)
    statements = connection.ops.sequence_reset_sql(
        no_style(), [section.model for section in SECTIONS]
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def import_site(backup: dict, *, progress_to: OutputWrapper | None = None) -> dict[str, int]:
    """Load a backup from ``read_backup`` into an empty database, all or nothing.

    Refuses (BackupError) when the database already holds site data. Groups are merged by
    name; every other row keeps its id and timestamps. On any failure nothing is written.
    Returns the row count per section.
    """
    rows = backup["rows"]
    total = sum(len(section_rows) for section_rows in rows.values())
    progress = Progress(progress_to, "Importing", total) if progress_to else None
    completed = False
    try:
        with transaction.atomic():
            present = site_contents()
            if present:
                listed = ", ".join(
                    f"{count} {name.replace('_', ' ')}" for name, count in present.items()
                )
                raise BackupError(
                    f"The database is not empty (it has {listed}). import_site only loads "
                    "into a new database: create one, run `manage.py migrate`, then import."
                )
            permission_ids = _permission_ids(rows)
            group_ids = _merge_groups(rows["groups"], permission_ids)
            if progress:
                progress.advance(len(rows["groups"]))
            for section in SECTIONS[1:]:
                _insert(section, rows[section.name], progress)
                _insert_many(section, rows[section.name], group_ids, permission_ids)
            _reset_sequences()
        completed = True
    except (IntegrityError, DataError) as exc:
        raise BackupError(
            f"The backup breaks a rule of the database, so nothing was imported: {exc}"
        ) from exc
    finally:
        if progress:
            progress.finish(complete=completed)
    return {section.name: len(rows[section.name]) for section in SECTIONS}
