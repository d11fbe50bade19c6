"""Reads for the review part of an idea page and the 'my work' page."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from gsoc import permissions as idea_permissions
from gsoc.enums import IdeaState
from gsoc.models import Idea
from gsoc.queries import ideas_for_listing
from reviews import permissions
from reviews.models import RUBRIC_QUESTIONS, ReviewComment, SignOff


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
    counters = {field: Counter() for field, _ in RUBRIC_QUESTIONS}
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
    """Everything the idea page shows about reviews, with the viewer's permissions."""
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
    sign_offs = list(
        SignOff.objects.active().filter(idea=idea).select_related("committer").order_by("signed_at")
    )
    for signed in sign_offs:
        signed.is_current = signed.is_current_for(idea)
    mine = next((s for s in sign_offs if s.committer_id == user.pk), None)
    current_count = sum(1 for s in sign_offs if s.is_current)
    return {
        "open_comments": [c for c in comments if not c.is_addressed],
        "addressed_comments": [c for c in comments if c.is_addressed],
        "open_comment_count": sum(1 for c in comments if not c.is_addressed and not c.is_hidden),
        "rubric_tally": rubric_tally(comments),
        "rubric_count": sum(1 for c in comments if c.rubric_answers and not c.is_hidden),
        "sign_offs": sign_offs,
        "current_sign_off_count": current_count,
        "my_sign_off": mine,
        "can_comment": permissions.can_comment(user, idea),
        "can_sign_off": permissions.can_sign_off(user, idea)
        and (mine is None or not mine.is_current),
        "can_withdraw_sign_off": permissions.can_withdraw_sign_off(user, idea, mine),
        "can_approve": permissions.can_approve(user, idea),
        "can_unapprove": permissions.can_unapprove(user, idea),
        "can_moderate": permissions.can_moderate_comments(user),
    }


def _annotate_comment(comment: ReviewComment, user) -> None:
    comment.can_edit = permissions.can_edit_comment(user, comment)
    comment.can_address = permissions.can_address_comment(user, comment)
    comment.can_see_body = not comment.is_hidden or permissions.can_see_hidden_comment(
        user, comment
    )


def ideas_awaiting_sign_off(user) -> QuerySet[Idea]:
    """Needs-review ideas this committer doesn't mentor and hasn't signed at this revision."""
    mine = SignOff.objects.active().filter(
        idea=OuterRef("pk"), committer=user, version__gte=OuterRef("reviewed_version")
    )
    return (
        ideas_for_listing()
        .filter(state=IdeaState.NEEDS_REVIEW, program__phase__in=("preparing", "open", "published"))
        .exclude(mentors=user)
        .exclude(Exists(mine))
        .order_by("created_at")
    )


def stale_sign_offs_of(user) -> QuerySet[SignOff]:
    """This committer's active sign-offs whose idea changed since."""
    from django.db.models import F

    return (
        SignOff.objects.active()
        .filter(committer=user, version__lt=F("idea__reviewed_version"))
        .exclude(idea__state=IdeaState.WITHDRAWN)
        .select_related("idea__program")
    )


def mentor_ideas(user) -> QuerySet[Idea]:
    """Ideas this user mentors, with counts of open comments and stale sign-offs."""
    from django.db.models import F

    return (
        ideas_for_listing()
        .filter(mentors=user)
        .exclude(program__phase="archived")
        .annotate(
            open_comments=Count(
                "comments",
                filter=Q(
                    comments__parent=None,
                    comments__is_addressed=False,
                    comments__is_hidden=False,
                ),
                distinct=True,
            ),
            stale_sign_offs=Count(
                "sign_offs",
                filter=Q(
                    sign_offs__withdrawn_at=None,
                    sign_offs__version__lt=F("reviewed_version"),
                ),
                distinct=True,
            ),
        )
        .order_by("program", "title")
    )


def ideas_needing_reviews(user, limit: int = 30) -> QuerySet[Idea]:
    """Ideas open for review, fewest reviews first, not the user's own."""
    return (
        ideas_for_listing()
        .filter(state=IdeaState.NEEDS_REVIEW, program__phase__in=("open", "published"))
        .exclude(mentors=user)
        .annotate(
            review_count=Count(
                "comments", filter=Q(comments__parent=None, comments__is_hidden=False)
            )
        )
        .order_by("review_count", "created_at")[:limit]
    )


def is_committer(user) -> bool:
    return idea_permissions.is_committer(user)
