"""Who may do what with review comments and sign-offs. Pure predicates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gsoc.enums import IdeaState, Phase
from gsoc.permissions import can_view_idea, is_committer, is_manager, is_mentor_of

if TYPE_CHECKING:
    from gsoc.models import Idea
    from reviews.models import ReviewComment

SIGNABLE_STATES = (IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED, IdeaState.APPROVED)


def can_comment(user, idea: Idea) -> bool:
    """Any signed-in user who can see the idea, while its program is not archived."""
    return user.is_authenticated and not idea.program.is_archived and can_view_idea(user, idea)


def can_edit_comment(user, comment: ReviewComment) -> bool:
    """Only the author edits a comment, and not once a manager has hidden it."""
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and not comment.is_hidden
        and not comment.idea.program.is_archived
    )


def can_address_comment(user, comment: ReviewComment) -> bool:
    """The idea's mentors or the comment's author mark a top-level comment addressed."""
    if not user.is_authenticated or comment.parent_id or comment.idea.program.is_archived:
        return False
    return comment.author_id == user.pk or is_mentor_of(user, comment.idea) or is_manager(user)


def can_moderate_comments(user) -> bool:
    return is_manager(user)


def can_see_hidden_comment(user, comment: ReviewComment) -> bool:
    """A hidden comment's text stays visible to its author and to managers."""
    return user.is_authenticated and (comment.author_id == user.pk or is_manager(user))


def can_sign_off(user, idea: Idea) -> bool:
    """Committers who don't mentor the idea, on submitted ideas of a live program."""
    return (
        is_committer(user)
        and not is_mentor_of(user, idea)
        and idea.state in SIGNABLE_STATES
        and not idea.program.is_archived
    )


def can_approve(user, idea: Idea) -> bool:
    """Managers approve reviewed ideas until the final list is published."""
    return (
        is_manager(user)
        and idea.state == IdeaState.REVIEWED
        and idea.program.phase in (Phase.PREPARING, Phase.OPEN)
    )


def can_unapprove(user, idea: Idea) -> bool:
    return (
        is_manager(user)
        and idea.state == IdeaState.APPROVED
        and idea.program.phase in (Phase.PREPARING, Phase.OPEN)
    )


def can_withdraw_sign_off(user, idea: Idea, sign_off) -> bool:
    """The committer who signed, while the program is not archived."""
    return (
        sign_off is not None
        and sign_off.committer_id == user.pk
        and sign_off.withdrawn_at is None
        and not idea.program.is_archived
    )
