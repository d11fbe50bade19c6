"""Reads for the review part of an idea page and the 'my work' page."""

from __future__ import annotations

from collections import Counter

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from gsoc.enums import IdeaState, Phase
from gsoc.models import Idea, IdeaMentor, SignOff
from gsoc.queries import count_of, ideas_for_listing
from reviews import permissions
from reviews.models import RUBRIC_QUESTIONS, ReviewComment


def open_comment_count():
    """Top-level comments neither addressed nor hidden, as a subquery of an idea list."""
    return count_of(
        ReviewComment.objects.filter(
            idea=OuterRef("pk"), parent=None, is_addressed=False, is_hidden=False
        )
    )


def comments_for_idea(idea: Idea) -> list[ReviewComment]:
    """Top-level comments with authors, rubric and replies: three queries however many."""
    replies = ReviewComment.objects.select_related("author", "hidden_by")
    return list(
        ReviewComment.objects.top_level()
        .filter(idea=idea)
        .select_related("author", "addressed_by", "hidden_by", "rubric")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


def rubric_tally(comments: list[ReviewComment]) -> list[dict]:
    """Per rubric question, how many visible reviews answered yes / no / unsure."""
    counters: dict[str, Counter[str]] = {field: Counter() for field, _ in RUBRIC_QUESTIONS}
    for comment in comments:
        rubric = comment.rubric_answers if not comment.is_hidden else None
        if rubric is None:
            continue
        for field, _ in RUBRIC_QUESTIONS:
            counters[field][getattr(rubric, field)] += 1
    return [
        {
            "question": question,
            "yes": counters[field]["yes"],
            "no": counters[field]["no"],
            "unsure": counters[field]["unsure"],
            "total": sum(counters[field].values()),
        }
        for field, question in RUBRIC_QUESTIONS
    ]


def _has_rubric(comment: ReviewComment) -> bool:
    try:
        return comment.rubric is not None
    except ReviewComment.rubric.RelatedObjectDoesNotExist:
        return False


def review_context(idea: Idea, user) -> dict:
    """The review panel of the idea page (comments, replies, rubric), with the viewer's
    permissions on each comment."""
    comments = comments_for_idea(idea)
    for comment in comments:
        # The page's idea object carries the prefetched mentors the permission checks use.
        comment.idea = idea
        comment.rubric_answers = comment.rubric if _has_rubric(comment) else None
        _annotate_comment(comment, user)
        for reply in comment.replies.all():
            reply.idea = idea
            reply.rubric_answers = None
            _annotate_comment(reply, user)
    can_comment = permissions.can_comment(user, idea)
    context: dict[str, object] = {
        "open_comments": [c for c in comments if not c.is_addressed],
        "addressed_comments": [c for c in comments if c.is_addressed],
        "open_comment_count": sum(1 for c in comments if not c.is_addressed and not c.is_hidden),
        "rubric_tally": rubric_tally(comments),
        "rubric_count": len([c for c in comments if c.rubric_answers and not c.is_hidden]),
        "can_comment": can_comment,
        "can_sign_in_to_comment": not user.is_authenticated,
    }
    return context


def _annotate_comment(comment: ReviewComment, user) -> None:
    comment.can_edit = permissions.can_edit_comment(user, comment)
    comment.can_address = permissions.can_address_comment(user, comment)
    comment.can_reopen = permissions.can_reopen_comment(user, comment)
    comment.can_hide = permissions.can_hide_comment(user, comment)
    comment.can_unhide = permissions.can_unhide_comment(user, comment)
    comment.can_reply = not comment.parent_id and permissions.can_reply_to(user, comment)
    comment.can_see_body = not comment.is_hidden or permissions.can_see_hidden_comment(
        user, comment
    )


def _mentored_by(user) -> Exists:
    return Exists(IdeaMentor.objects.filter(idea=OuterRef("pk"), user=user))


def mentor_ideas(user) -> QuerySet[Idea]:
    """Ideas this user mentors in live programs, with counts of open comments and stale
    sign-offs."""
    return (
        ideas_for_listing()
        .filter(_mentored_by(user))
        .exclude(program__phase=Phase.ARCHIVED)
        .annotate(
            open_comments=open_comment_count(),
            stale_sign_offs=count_of(
                SignOff.objects.active().filter(
                    idea=OuterRef("pk"), version__lt=OuterRef("reviewed_version")
                )
            ),
        )
        .order_by("program", "title")
    )


def ideas_needing_reviews(user, limit: int = 30) -> QuerySet[Idea]:
    """Ideas open for review, fewest reviews first, not the user's own."""
    return (
        ideas_for_listing()
        .filter(state=IdeaState.NEEDS_REVIEW, program__phase__in=(Phase.OPEN, Phase.PUBLISHED))
        .exclude(_mentored_by(user))
        .annotate(
            review_count=count_of(
                ReviewComment.objects.filter(idea=OuterRef("pk"), parent=None, is_hidden=False)
            )
        )
        .order_by("review_count", "created_at")[:limit]
    )
