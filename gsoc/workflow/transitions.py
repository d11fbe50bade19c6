"""The idea's and the program's state machines: one table each, one guarded move each.

A row of a table names the move (its from-states and to-state live in
``gsoc.lifecycle``), the activity it records, the rule that decides who may make it (a
``gsoc.permissions`` predicate, the same one that draws the button; None for the
automatic moves) and what the idea's mentors are told. ``transition()`` and
``move_program()`` lock, check the row's rule, save with ``update_fields``, record the
activity and queue the notifications for after commit; the named functions are one-line
calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gsoc import permissions
from gsoc.enums import IdeaState, Phase
from gsoc.lifecycle import IDEA_MOVES, PROGRAM_MOVES, SUBMITTED_STATES, Move
from gsoc.models import Activity, Idea, Program, SignOff
from gsoc.permissions import Verdict
from gsoc.queries import current_sign_offs
from gsoc.workflow.base import lock_idea, lock_program, name_of, record, tell_mentors
from notifications.models import Kind

Verb = Activity.Verb


@dataclass(frozen=True)
class Transition:
    move: Move
    verb: str
    # Who may make the move; None: it happens by itself (sign-offs reached or lost).
    rule: Callable[[Any, Idea], Verdict] | None
    # The idea's mentors hear of it, with this message ({actor}, {title}).
    tell: Kind | None = None
    message: str = ""


IDEA_TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(IDEA_MOVES["submit"], Verb.SUBMITTED, permissions.can_submit_draft),
    "withdraw": Transition(
        IDEA_MOVES["withdraw"],
        Verb.WITHDRAWN,
        permissions.can_withdraw_idea,
        Kind.STATE,
        "{actor} withdrew “{title}”.",
    ),
    "reopen": Transition(IDEA_MOVES["reopen"], Verb.REOPENED, permissions.can_reopen_idea),
    "review": Transition(
        IDEA_MOVES["review"],
        Verb.REVIEWED,
        None,
        Kind.STATE,
        "“{title}” is now community reviewed.",
    ),
    "back_to_review": Transition(
        IDEA_MOVES["back_to_review"],
        Verb.BACK_TO_REVIEW,
        None,
        Kind.STATE,
        "“{title}” went back to needs review: its sign-offs are stale or withdrawn.",
    ),
    "approve": Transition(
        IDEA_MOVES["approve"],
        Verb.APPROVED,
        permissions.can_approve,
        Kind.STATE,
        "“{title}” is approved for the final list.",
    ),
    "unapprove": Transition(
        IDEA_MOVES["unapprove"],
        Verb.UNAPPROVED,
        permissions.can_unapprove,
        Kind.STATE,
        "“{title}” was taken off the final list.",
    ),
}


def transition(idea: Idea, name: str, *, by, locked: bool = False) -> Idea:
    """Make the move ``name`` on the idea as ``by``. Raises PermissionDenied or
    ValidationError with the rule's reason. ``locked``: ``idea`` is already the locked row
    of the caller's transaction."""
    step = IDEA_TRANSITIONS[name]
    with transaction.atomic():
        row = idea if locked else lock_idea(idea)
        if step.rule is not None:
            step.rule(by, row).enforce()
        elif row.state not in step.move.sources:
            raise ValidationError(step.move.refusal)
        previous = row.state
        row.state = step.move.target
        row.save(update_fields=["state", "updated_at"])
        activity = record(step.verb, by=by, program=row.program, idea=row, previous=previous)
        if step.tell:
            message = step.message.format(actor=name_of(by), title=row.title)
            tell_mentors(row, activity, step.tell, message)
    return row


def current_sign_off_count(idea: Idea) -> int:
    return SignOff.objects.active().filter(idea=idea, version__gte=idea.reviewed_version).count()


def _review_move(idea: Idea, current: int) -> str | None:
    """The automatic move the idea's current sign-offs call for, if any. A published final
    list is frozen: its ideas stay on it, marked as changed, until committers re-sign."""
    if idea.state == IdeaState.APPROVED and idea.program.phase == Phase.PUBLISHED:
        return None
    enough = current >= idea.program.required_sign_offs
    if idea.state == IdeaState.NEEDS_REVIEW and enough:
        return "review"
    if idea.state in (IdeaState.REVIEWED, IdeaState.APPROVED) and not enough:
        return "back_to_review"
    return None


def update_review_state(locked: Idea, *, by) -> None:
    """Move a locked idea between needs_review and reviewed by its current sign-offs."""
    name = _review_move(locked, current_sign_off_count(locked))
    if name:
        transition(locked, name, by=by, locked=True)


def reevaluate_program(program: Program, *, by) -> int:
    """After the required number of sign-offs changed: move every submitted idea of the
    program that now has enough current sign-offs, or too few. One query finds them
    whatever their number; only the ideas that move cost more. Returns how many moved."""
    ideas = (
        Idea.objects.select_for_update(of=("self",))
        .filter(program=program, state__in=SUBMITTED_STATES)
        .annotate(current=current_sign_offs())
        .order_by("pk")
    )
    moved = 0
    for idea in ideas:
        idea.program = program
        name = _review_move(idea, idea.current)
        if name:
            transition(idea, name, by=by, locked=True)
            moved += 1
    return moved


# Programs


@dataclass(frozen=True)
class ProgramTransition:
    move: Move
    verb: str
    rule: Callable[..., Verdict]


PROGRAM_TRANSITIONS: dict[str, ProgramTransition] = {
    "open": ProgramTransition(
        PROGRAM_MOVES["open"], Verb.PROGRAM_OPENED, permissions.can_open_program
    ),
    "publish": ProgramTransition(
        PROGRAM_MOVES["publish"], Verb.PROGRAM_PUBLISHED, permissions.can_publish_program
    ),
    "archive": ProgramTransition(
        PROGRAM_MOVES["archive"], Verb.PROGRAM_ARCHIVED, permissions.can_archive_program
    ),
}


def move_program(
    program: Program, name: str, *, by, facts: Callable[[Program], dict] | None = None, **detail
) -> tuple[Program, Activity]:
    """Move the program to the next phase as ``by``, inside the caller's transaction.

    ``facts(locked)`` computes what the rule needs beyond the program (e.g. how many ideas
    are approved) on the locked row; ``detail`` goes into the activity."""
    step = PROGRAM_TRANSITIONS[name]
    locked = lock_program(program)
    known = facts(locked) if facts else {}
    step.rule(by, locked, **known).enforce()
    locked.phase = step.move.target
    locked.version += 1
    fields = ["phase", "version", "updated_at"]
    if name == "publish":
        locked.published_at = timezone.now()
        fields.append("published_at")
    locked.save(update_fields=fields)
    activity = record(step.verb, by=by, program=locked, **detail)
    return locked, activity
