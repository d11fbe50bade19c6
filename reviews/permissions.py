"""Who may do what with review comments: pure predicates returning verdicts
(``gsoc.permissions.Verdict``), enforced by ``reviews.workflow`` as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gsoc.permissions import (
    Verdict,
    can_view_idea,
    check,
    first,
    forbid,
    is_manager,
    is_mentor_of,
    refuse,
)

if TYPE_CHECKING:
    from gsoc.models import Idea
    from reviews.models import ReviewComment


def _live(idea: Idea) -> Verdict:
    return check(not idea.program.is_archived, forbid("This program is archived."))


def can_comment(user, idea: Idea) -> Verdict:
    """Any signed-in user who can see the idea, while its program is not archived."""
    return first(
        check(user.is_authenticated, forbid("Sign in to comment.")),
        can_view_idea(user, idea),
        _live(idea),
    )


def can_reply_to(user, comment: ReviewComment) -> Verdict:
    """Replies go to visible comments only (one level deep: to the top-level one)."""
    return first(
        can_comment(user, comment.idea),
        check(not comment.is_hidden, refuse("That comment is hidden; replies to it are closed.")),
    )


def can_edit_comment(user, comment: ReviewComment) -> Verdict:
    """Only the author edits a comment, and not once a manager has hidden it."""
    return first(
        check(
            user.is_authenticated and comment.author_id == user.pk,
            forbid("Only the author can edit this comment."),
        ),
        check(not comment.is_hidden, refuse("This comment is hidden and can't be edited.")),
        _live(comment.idea),
    )


def _may_address(user, comment: ReviewComment) -> Verdict:
    return first(
        check(
            user.is_authenticated
            and (
                comment.author_id == user.pk or is_mentor_of(user, comment.idea) or is_manager(user)
            ),
            forbid("Only the idea's mentors or the comment's author can do this."),
        ),
        check(not comment.parent_id, refuse("Replies can't be marked addressed.")),
        _live(comment.idea),
    )


def can_address_comment(user, comment: ReviewComment) -> Verdict:
    """The idea's mentors or the comment's author mark a top-level comment addressed."""
    return first(
        _may_address(user, comment),
        check(not comment.is_addressed, refuse("This comment is already marked addressed.")),
    )


def can_reopen_comment(user, comment: ReviewComment) -> Verdict:
    return first(
        _may_address(user, comment),
        check(comment.is_addressed, refuse("This comment is already open.")),
    )


def can_moderate_comments(user) -> Verdict:
    return check(is_manager(user), forbid("Only community managers can hide comments."))


def can_hide_comment(user, comment: ReviewComment) -> Verdict:
    return first(
        can_moderate_comments(user),
        check(not comment.is_hidden, refuse("This comment is already hidden.")),
    )


def can_unhide_comment(user, comment: ReviewComment) -> Verdict:
    return first(
        check(is_manager(user), forbid("Only community managers can unhide comments.")),
        check(comment.is_hidden, refuse("This comment is not hidden.")),
    )


def can_see_hidden_comment(user, comment: ReviewComment) -> Verdict:
    """A hidden comment's text stays visible to its author and to managers."""
    return check(
        user.is_authenticated and (comment.author_id == user.pk or is_manager(user)),
        forbid("No such comment."),
    )
