"""The fields of an idea, once: everything that lists them derives from ``IDEA_FIELDS``.

The idea form's fields and layout, which changes make sign-offs stale, the labels of the
history and its diffs, the snapshot a revision stores, the backup's idea section and the
warning an editor reads before changing reviewed content all come from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IdeaField:
    name: str
    label: str
    # A change after a sign-off makes that sign-off stale (DOMAIN.md).
    reviewed: bool
    # "text", "markdown", "difficulty", "size", "bool"; "relation" for mentors and skills,
    # which a revision stores as lists of names.
    kind: str = "text"
    # The idea form's fieldset: "idea" or "write-up".
    fieldset: str = "idea"
    # How the stale-edit warning names it ("difficulty" for both ends of the range).
    short: str = ""

    @property
    def is_column(self) -> bool:
        """Stored on the idea row (not a relation)."""
        return self.kind != "relation"


IDEA_FIELDS: tuple[IdeaField, ...] = (
    IdeaField("title", "Title", reviewed=True),
    IdeaField("difficulty_min", "Difficulty from", True, "difficulty", short="difficulty"),
    IdeaField("difficulty_max", "Difficulty to", True, "difficulty", short="difficulty"),
    IdeaField("project_size", "Project size", reviewed=True, kind="size", short="size"),
    IdeaField("skills", "Skills", reviewed=True, kind="relation"),
    IdeaField("skills_note", "Skills in detail", reviewed=True, short="skills"),
    IdeaField("mentors", "Mentors", reviewed=True, kind="relation"),
    IdeaField("is_program_eligible", "Eligible for the program", reviewed=False, kind="bool"),
    IdeaField("description", "Description", reviewed=True, kind="markdown", fieldset="write-up"),
    IdeaField("outcomes", "Outcomes", reviewed=True, kind="markdown", fieldset="write-up"),
    IdeaField("steps", "Steps", reviewed=True, kind="markdown", fieldset="write-up"),
    IdeaField("references", "References", reviewed=False, kind="markdown", fieldset="write-up"),
)  # fmt: skip

FIELDS_BY_NAME = {field.name: field for field in IDEA_FIELDS}
# Columns a mentor writes (the form's model fields, a revision's plain values).
CONTENT_FIELDS = tuple(field.name for field in IDEA_FIELDS if field.is_column)
REVIEWED_FIELDS = tuple(field.name for field in IDEA_FIELDS if field.reviewed)
MARKDOWN_FIELDS = tuple(field.name for field in IDEA_FIELDS if field.kind == "markdown")
FIELD_LABELS = {field.name: field.label for field in IDEA_FIELDS}


def fieldset(name: str) -> tuple[str, ...]:
    return tuple(field.name for field in IDEA_FIELDS if field.fieldset == name)


def reviewed_fields_in_words() -> str:
    """ "title, difficulty, size, skills, mentors, description, outcomes or steps"."""
    words: list[str] = []
    for field in IDEA_FIELDS:
        word = field.short or field.label.lower()
        if field.reviewed and word not in words:
            words.append(word)
    return ", ".join(words[:-1]) + " or " + words[-1]
