"""Reading a backup, checking it whole, and loading it into an empty database."""

from __future__ import annotations

import json
from typing import IO, Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.db import DataError, IntegrityError, connection, models, transaction
from django.utils import timezone

from gsoc.backup.format import (
    FORMAT,
    OPTIONAL_FIELDS,
    SECTION_BY_LABEL,
    SECTIONS,
    VERSION,
    BackupError,
    Section,
)
from gsoc.backup.progress import Progress

BATCH_SIZE = 500
# How many problems an error message lists before it says "and N more".
MAX_PROBLEMS = 10


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
            if _valid_many(section.m2m_field(name), raw[name]):
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
            (name, SECTION_BY_LABEL[section.m2m_field(name).related_model._meta.label_lower].name)
            for name in section.many
            if section.m2m_field(name).related_model is not Permission
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
        field = section.m2m_field(name)
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
