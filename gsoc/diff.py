"""Field-by-field diffs of idea revisions, with word-level highlighting.

Output is built from escaped text only, so user content can't inject markup.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gsoc.enums import Difficulty, size_label

FIELD_LABELS = {
    "title": "Title",
    "mentors": "Mentors",
    "difficulty_min": "Difficulty from",
    "difficulty_max": "Difficulty to",
    "project_size": "Project size",
    "skills": "Skills",
    "skills_note": "Skills in detail",
    "is_program_eligible": "Eligible for the program",
    "description": "Description",
    "outcomes": "Outcomes",
    "steps": "Steps",
    "references": "References",
}
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class FieldDiff:
    name: str
    label: str
    old: str
    new: str
    html: SafeString


def _display(name: str, value) -> str:
    if value is None:
        return ""
    if name in ("difficulty_min", "difficulty_max"):
        return Difficulty(value).label
    if name == "project_size":
        return size_label(value)
    if name == "is_program_eligible":
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def word_diff(old: str, new: str) -> SafeString:
    """HTML with <del> and <ins> around the words that changed."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


def diff_revisions(old: dict, new: dict) -> list[FieldDiff]:
    """The fields that differ between two revision snapshots, in form order."""
    diffs = []
    for name, label in FIELD_LABELS.items():
        before, after = _display(name, old.get(name)), _display(name, new.get(name))
        if before != after:
            diffs.append(FieldDiff(name, label, before, after, word_diff(before, after)))
    return diffs
