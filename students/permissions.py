"""Who may register interest and see who is interested: pure predicates returning
verdicts (``gsoc.permissions.Verdict``), enforced by ``students.workflow`` as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gsoc.enums import PUBLIC_STATES, Phase
from gsoc.permissions import Verdict, check, first, forbid, is_manager, is_mentor_of, refuse

if TYPE_CHECKING:
    from gsoc.models import Idea
    from students.models import Interest

INTEREST_PHASES = (Phase.OPEN, Phase.PUBLISHED)


def can_register_interest(user, idea: Idea, mine: Interest | None = None) -> Verdict:
    """Signed-in people who don't mentor the idea, on public ideas of a live program, once
    (``mine``: their active registration, if any)."""
    return first(
        check(user.is_authenticated, forbid("Sign in to register your interest.")),
        check(
            idea.program.phase in INTEREST_PHASES,
            forbid("This program takes no registrations of interest now."),
        ),
        check(not is_mentor_of(user, idea), forbid("You mentor this idea.")),
        check(
            idea.state in PUBLIC_STATES,
            forbid("Interest can be registered only on ideas open to students."),
        ),
        check(mine is None, refuse("You have already registered your interest in this idea.")),
    )


def can_withdraw_interest(user, idea: Idea, interest: Interest | None) -> Verdict:
    """A student withdraws their own active registration, until the archive."""
    return first(
        check(not idea.program.is_archived, forbid("This program is archived.")),
        check(
            interest is not None
            and interest.student_id == user.pk
            and interest.withdrawn_at is None,
            refuse("You have no registration on this idea to withdraw."),
        ),
    )


def can_see_interested_students(user, idea: Idea) -> Verdict:
    """Names, emails and notes of interested students: the idea's mentors and managers."""
    return check(
        is_manager(user) or is_mentor_of(user, idea),
        forbid("Only the idea's mentors and managers see who is interested."),
    )


def can_sign_in_to_register(user, idea: Idea) -> bool:
    """A visitor is invited to sign in where a signed-in student could register."""
    return (
        not user.is_authenticated
        and idea.state in PUBLIC_STATES
        and idea.program.phase in INTEREST_PHASES
    )
