"""Programs: their settings, their phases, the final list, carrying ideas forward."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from gsoc import permissions
from gsoc.enums import IdeaState
from gsoc.models import Activity, Idea, IdeaMentor, Program
from gsoc.schema import CONTENT_FIELDS
from gsoc.workflow.base import EditConflict, lock_program, record
from gsoc.workflow.content import _unique_slug
from gsoc.workflow.revisions import save_revision, set_mentors
from gsoc.workflow.transitions import move_program, reevaluate_program, transition
from notifications.models import Kind
from notifications.services import notify

# What archiving would freeze unfinished; drafts and withdrawn ideas can't be carried.
UNFINISHED_STATES = (IdeaState.DRAFT, IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED)
NOT_CARRIED_STATES = (IdeaState.DRAFT, IdeaState.WITHDRAWN)


def save_program(program: Program, *, by, expected_version: int | None = None) -> Program:
    """Create or update a program from a validated form instance (managers only). A
    change of the required sign-offs re-evaluates the program's ideas."""
    permissions.can_manage_programs(by).enforce()
    with transaction.atomic():
        if program.pk is None:
            program.save()
            record(Activity.Verb.PROGRAM_CREATED, by=by, program=program)
            return program
        current = lock_program(program, settings_only=True)
        permissions.can_edit_program(by, current).enforce()
        if expected_version is not None and current.version != expected_version:
            raise EditConflict(current)
        program.version = current.version + 1
        program.phase = current.phase  # phases change through their own moves only
        program.save()
        record(Activity.Verb.PROGRAM_EDITED, by=by, program=program)
        if program.required_sign_offs != current.required_sign_offs:
            reevaluate_program(program, by=by)
    return program


def open_program(program: Program, *, by) -> Program:
    """preparing -> open: ideas become public and reviews start."""
    with transaction.atomic():
        locked, _ = move_program(program, "open", by=by)
    return locked


def _approved(program: Program) -> QuerySet[Idea]:
    return Idea.objects.filter(program=program, state=IdeaState.APPROVED)


def publish_program(program: Program, *, by) -> Program:
    """open -> published: the final list (approved ideas) is frozen and leads the public
    page. Mentors of approved ideas are told."""
    with transaction.atomic():
        locked, activity = move_program(
            program, "publish", by=by, facts=lambda row: {"approved_count": _approved(row).count()}
        )
        approved = _approved(locked)
        activity.detail = {"approved": approved.count()}
        activity.save(update_fields=["detail"])
        mentors = IdeaMentor.objects.filter(idea__in=approved).select_related("user")
        notify(
            Kind.PUBLISHED,
            recipients={link.user for link in mentors},
            event=f"activity:{activity.pk}",
            message=f"The final list of {locked.name} is published, with your idea on it.",
            url=locked.get_absolute_url(),
            actor=by,
        )
    return locked


def unpublished_idea_count(program: Program) -> int:
    """Ideas still in review or drafting: what archiving would freeze unfinished."""
    return Idea.objects.filter(program=program, state__in=UNFINISHED_STATES).count()


def archive_program(program: Program, *, by, confirm_unfinished: bool = False) -> Program:
    """-> archived: read-only everywhere. Refused while ideas are unfinished unless the
    manager confirmed it."""
    with transaction.atomic():
        unfinished = unpublished_idea_count(program)
        if unfinished and not confirm_unfinished:
            permissions.can_archive_program(by, program).enforce()
            raise ValidationError(
                f"{unfinished} idea{'s' if unfinished != 1 else ''} of this program "
                "are not on a published final list. Confirm to archive anyway."
            )
        locked, _ = move_program(program, "archive", by=by, unfinished=unfinished)
    return locked


# The final list


def approve(idea: Idea, *, by) -> Idea:
    """A manager puts a community-reviewed idea on the final list."""
    return transition(idea, "approve", by=by)


def unapprove(idea: Idea, *, by) -> Idea:
    """A manager takes an idea off the final list; it stays community reviewed."""
    return transition(idea, "unapprove", by=by)


def _each(ideas, action, *, by) -> tuple[list[Idea], list[str]]:
    done, problems = [], []
    for idea in ideas:
        try:
            done.append(action(idea, by=by))
        except ValidationError as exc:
            problems.append(f"“{idea.title}”: {' '.join(exc.messages)}")
    return done, problems


def approve_many(ideas, *, by) -> tuple[list[Idea], list[str]]:
    """Approve several reviewed ideas; returns (approved, messages about the others)."""
    return _each(ideas, approve, by=by)


def unapprove_many(ideas, *, by) -> tuple[list[Idea], list[str]]:
    """Take several ideas off the final list; returns (done, messages about the others)."""
    return _each(ideas, unapprove, by=by)


# Carrying ideas forward


def carryable_ideas(source: Program, target: Program) -> QuerySet[Idea]:
    """Ideas of ``source`` that may be carried into ``target``, with what a copy needs
    loaded in a fixed number of queries: no drafts or withdrawn ideas (they were never
    public), nothing of the target itself."""
    return (
        Idea.objects.filter(program=source)
        .exclude(program=target)
        .exclude(state__in=NOT_CARRIED_STATES)
        .select_related("program")
        .prefetch_related(
            Prefetch("mentor_links", queryset=IdeaMentor.objects.select_related("user")),
            "skills",
        )
        .order_by("title")
    )


def carry_forward(ideas, target: Program, *, by) -> list[Idea]:
    """Copy ideas of earlier programs into ``target`` as unverified drafts with their
    mentors, each linked to its origin. Ideas already carried into ``target``, drafts and
    withdrawn ideas are skipped. Pass ideas from ``carryable_ideas`` to read them in a
    fixed number of queries."""
    created = []
    with transaction.atomic():
        locked = lock_program(target, settings_only=True)
        permissions.can_carry_forward_into(by, locked).enforce()
        already = set(
            Idea.objects.filter(program=locked, origin__isnull=False).values_list(
                "origin_id", flat=True
            )
        )
        for source in ideas:
            if (
                source.pk in already
                or source.program_id == locked.pk
                or source.state in NOT_CARRIED_STATES
            ):
                continue
            copy = Idea(program=locked, slug=_unique_slug(locked, source.title), origin=source)
            for name in CONTENT_FIELDS:
                setattr(copy, name, getattr(source, name))
            if copy.project_size not in locked.allowed_sizes:
                copy.project_size = min(
                    locked.allowed_sizes, key=lambda hours: abs(hours - source.project_size)
                )
            copy.verified_at = None
            copy.save()
            set_mentors(copy, [link.user for link in source.mentor_links.all()])
            copy.skills.set(source.skills.all())
            save_revision(copy, by=by, summary=f"Carried forward from {source.program.name}")
            record(
                Activity.Verb.CARRIED_FORWARD, by=by, program=locked, idea=copy, origin=source.pk
            )
            already.add(source.pk)
            created.append(copy)
    return created
