"""Who may register interest and see who is interested. Pure predicates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gsoc.enums import PUBLIC_STATES, Phase
from gsoc.permissions import is_manager, is_mentor_of

if TYPE_CHECKING:
    from gsoc.models import Idea

INTEREST_PHASES = (Phase.OPEN, Phase.PUBLISHED)


def can_register_interest(user, idea: Idea) -> bool:
    """Signed-in people who don't mentor the idea, on public ideas of a live program."""
    return (
        user.is_authenticated
        and idea.state in PUBLIC_STATES
        and idea.program.phase in INTEREST_PHASES
        and not is_mentor_of(user, idea)
    )


def can_withdraw_interest(user, idea: Idea, interest) -> bool:
    """A student withdraws their own active registration, until the archive."""
    return (
        interest is not None
        and interest.student_id == user.pk
        and interest.withdrawn_at is None
        and not idea.program.is_archived
    )


def can_see_interested_students(user, idea: Idea) -> bool:
    """Names, emails and notes of interested students: the idea's mentors and managers."""
    return is_manager(user) or is_mentor_of(user, idea)
