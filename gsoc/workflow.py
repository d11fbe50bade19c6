"""Every change of an idea's state or content goes through a function here.

Each function re-checks permission and the current state, runs in a transaction with
the idea row locked, saves with ``update_fields``, and writes an Activity row. Nothing
else assigns ``Idea.state``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from gsoc import permissions
from gsoc.enums import EDITABLE_PHASES, IdeaState
from gsoc.models import Activity, Idea, IdeaMentor, Program, Skill

CONTENT_FIELDS = (
    "title",
    "difficulty_min",
    "difficulty_max",
    "project_size",
    "skills_note",
    "description",
    "outcomes",
    "steps",
    "references",
    "is_program_eligible",
)


class EditConflict(Exception):
    """The idea changed since the editor loaded it; their text must not overwrite it."""

    def __init__(self, current: Idea):
        super().__init__("This idea was changed by someone else while you were editing it.")
        self.current = current


@dataclass
class IdeaContent:
    """What a mentor typed into the idea form, cleaned."""

    fields: dict
    skills: list[str]
    mentors: list  # users, in order


def _unique_slug(program: Program, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "idea"
    slug, n = base, 2
    while Idea.objects.filter(program=program, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _record(verb: str, *, by, program: Program, idea: Idea | None = None, **detail) -> Activity:
    return Activity.objects.create(verb=verb, actor=by, program=program, idea=idea, detail=detail)


def _set_mentors(idea: Idea, mentors: list) -> None:
    idea.mentor_links.all().delete()
    IdeaMentor.objects.bulk_create(
        IdeaMentor(idea=idea, user=user, position=i) for i, user in enumerate(mentors)
    )


def _lock(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().select_related("program").get(pk=idea.pk)


def create_idea(program: Program, content: IdeaContent, *, by, submit: bool = False) -> Idea:
    """Create an idea with ``by`` as first mentor; as a draft, or submitted for review."""
    if not permissions.can_submit_idea(by, program):
        raise PermissionDenied("Ideas can't be added to this program now.")
    mentors = [by] + [user for user in content.mentors if user.pk != by.pk]
    with transaction.atomic():
        idea = Idea(program=program, slug=_unique_slug(program, content.fields["title"]))
        for name, value in content.fields.items():
            setattr(idea, name, value)
        idea.verified_at = timezone.localdate()
        idea.full_clean(exclude=["slug"])
        idea.save()
        _set_mentors(idea, mentors)
        idea.skills.set(Skill.get_or_create_many(content.skills))
        _record(Activity.Verb.CREATED, by=by, program=program, idea=idea)
        if submit:
            idea.state = IdeaState.NEEDS_REVIEW
            idea.save(update_fields=["state"])
            _record(Activity.Verb.SUBMITTED, by=by, program=program, idea=idea)
    return idea


def update_idea(idea: Idea, content: IdeaContent, *, by, expected_version: int) -> Idea:
    """Save an edit of an idea, refusing it if someone else saved since ``expected_version``.

    Bumps ``version`` when anything changed and records an ``edited`` activity listing the
    changed fields. Raises EditConflict, PermissionDenied or ValidationError.
    """
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_edit_idea(by, locked):
            raise PermissionDenied("Only the idea's mentors and community managers can change it.")
        if locked.version != expected_version:
            raise EditConflict(locked)
        if not content.mentors:
            raise ValidationError({"mentors": "An idea needs at least one mentor."})
        changed = [name for name, value in content.fields.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, content.fields[name])
        old_mentors = [link.user_id for link in locked.mentor_links.all()]
        new_mentors = [user.pk for user in content.mentors]
        if old_mentors != new_mentors:
            _set_mentors(locked, content.mentors)
            changed.append("mentors")
        new_skills = Skill.get_or_create_many(content.skills)
        if {s.pk for s in locked.skills.all()} != {s.pk for s in new_skills}:
            locked.skills.set(new_skills)
            changed.append("skills")
        if not changed:
            return locked
        locked.full_clean(exclude=["slug"])
        locked.version += 1
        locked.verified_at = timezone.localdate()
        locked.save()
        _record(
            Activity.Verb.EDITED,
            by=by,
            program=locked.program,
            idea=locked,
            fields=changed,
            version=locked.version,
        )
    return locked


def submit(idea: Idea, *, by) -> Idea:
    """Move a draft to needs review."""
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_edit_idea(by, locked):
            raise PermissionDenied("Only the idea's mentors and community managers can submit it.")
        if locked.state != IdeaState.DRAFT:
            raise ValidationError("Only a draft can be submitted for review.")
        if locked.program.phase not in EDITABLE_PHASES:
            raise ValidationError("This program takes no more ideas.")
        locked.state = IdeaState.NEEDS_REVIEW
        locked.save(update_fields=["state", "updated_at"])
        _record(Activity.Verb.SUBMITTED, by=by, program=locked.program, idea=locked)
    return locked


def withdraw(idea: Idea, *, by) -> Idea:
    """Withdraw an idea from any state before the archive (mentor or manager)."""
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_edit_idea(by, locked):
            raise PermissionDenied(
                "Only the idea's mentors and community managers can withdraw it."
            )
        if locked.state == IdeaState.WITHDRAWN:
            raise ValidationError("This idea is already withdrawn.")
        previous = locked.state
        locked.state = IdeaState.WITHDRAWN
        locked.save(update_fields=["state", "updated_at"])
        _record(
            Activity.Verb.WITHDRAWN, by=by, program=locked.program, idea=locked, previous=previous
        )
    return locked


def reopen(idea: Idea, *, by) -> Idea:
    """Bring a withdrawn idea back as a draft."""
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_edit_idea(by, locked):
            raise PermissionDenied("Only the idea's mentors and community managers can reopen it.")
        if locked.state != IdeaState.WITHDRAWN:
            raise ValidationError("Only a withdrawn idea can be reopened.")
        locked.state = IdeaState.DRAFT
        locked.save(update_fields=["state", "updated_at"])
        _record(Activity.Verb.REOPENED, by=by, program=locked.program, idea=locked)
    return locked


def save_program(program: Program, *, by, expected_version: int | None = None) -> Program:
    """Create or update a program from a validated form instance (managers only)."""
    if not permissions.can_manage_programs(by):
        raise PermissionDenied("Only community managers can change programs.")
    with transaction.atomic():
        if program.pk is None:
            program.save()
            _record(Activity.Verb.PROGRAM_CREATED, by=by, program=program)
            return program
        current = Program.objects.select_for_update().get(pk=program.pk)
        if expected_version is not None and current.version != expected_version:
            raise EditConflict(current)
        program.version = current.version + 1
        program.save()
        _record(Activity.Verb.PROGRAM_EDITED, by=by, program=program)
    return program
