"""Writing a backup: every section's rows, one per line, from one consistent snapshot."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import Permission
from django.core.management.base import OutputWrapper
from django.db import connection, models, transaction
from django.utils import timezone

from gsoc.backup.format import FORMAT, SECTIONS, VERSION, Section
from gsoc.backup.progress import Progress


def _m2m_values(section: Section, name: str) -> dict[int, list]:
    """Row id -> sorted related ids (or [app_label, codename] for permissions)."""
    field = section.m2m_field(name)
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
