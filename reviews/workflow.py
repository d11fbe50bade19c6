"""Changes to review comments: each enforces its ``reviews.permissions`` verdict, locks
(in the order ``gsoc.workflow.base`` documents), saves and logs Activity."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gsoc.models import Activity, Idea
from notifications.models import Kind
from notifications.services import notify
from reviews import permissions
from reviews.models import CommentRevision, ReviewComment, RubricAnswer

# A second identical comment by the same person on the same idea within this time is the
# same comment posted again (a double click, a resubmitted form): it is not created twice.
REPEAT_WINDOW = timedelta(minutes=10)


class CommentConflict(Exception):
    """The comment was edited elsewhere since the editor loaded it."""

    def __init__(self, current: ReviewComment):
        super().__init__("This comment was changed while you were editing it.")
        self.current = current


def _clean_body(body: str) -> str:
    if not (body or "").strip():
        raise ValidationError({"body": "Write something before posting."})
    return body


def _record(verb, *, by, comment: ReviewComment, **detail) -> Activity:
    return Activity.objects.create(
        verb=verb,
        actor=by,
        program=comment.idea.program,
        idea=comment.idea,
        detail={"comment": comment.pk, **detail},
    )


def add_comment(
    idea: Idea, *, by, body: str, rubric: dict | None = None, parent: ReviewComment | None = None
) -> ReviewComment:
    """Post a signed comment (or a reply), optionally with rubric answers.

    The author and time come from ``by`` and the server clock; replies to replies attach to
    the top-level comment (one level of threading). The same text posted again by the same
    person within REPEAT_WINDOW returns the comment already posted.
    """
    permissions.can_comment(by, idea).enforce()
    body = _clean_body(body)
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ValidationError("That comment belongs to another idea.")
        # Fresh from the database: it may have been hidden since the page was shown.
        parent = ReviewComment.objects.get(pk=parent.parent_id or parent.pk)
        parent.idea = idea
        permissions.can_reply_to(by, parent).enforce()
        rubric = None  # the rubric goes with top-level reviews only
    with transaction.atomic():
        # Step 0 of the lock order: one person's posts, one at a time.
        get_user_model().objects.select_for_update(no_key=True).filter(pk=by.pk).exists()
        repeat = ReviewComment.objects.filter(
            idea=idea,
            author=by,
            parent=parent,
            body=body,
            created_at__gte=timezone.now() - REPEAT_WINDOW,
        ).first()
        if repeat is not None:
            return repeat
        comment = ReviewComment.objects.create(idea=idea, author=by, body=body, parent=parent)
        if rubric:
            RubricAnswer.objects.create(comment=comment, **rubric)
        activity = _record(
            Activity.Verb.COMMENTED, by=by, comment=comment, reply=parent is not None
        )
        recipients = [link.user for link in idea.mentor_links.select_related("user")]
        if parent is not None:
            recipients.append(parent.author)
        notify(
            Kind.COMMENT,
            recipients=recipients,
            event=f"activity:{activity.pk}",
            message=f"{by.get_display_name()} "
            f"{'replied to a review comment' if parent else 'commented'} on “{idea.title}”.",
            url=f"{idea.get_absolute_url()}#comment-{comment.pk}",
            actor=by,
        )
    return comment


def _lock(comment: ReviewComment) -> ReviewComment:
    """The comment row alone (step 3 of the lock order), with its idea and program read
    but not locked; the idea keeps the mentors the caller loaded."""
    locked = (
        ReviewComment.objects.select_for_update(of=("self",))
        .select_related("idea__program")
        .get(pk=comment.pk)
    )
    if comment.idea_id == locked.idea_id and "idea" in comment._state.fields_cache:
        locked.idea = comment.idea
    return locked


def edit_comment(comment: ReviewComment, *, by, body: str, expected_version: int) -> ReviewComment:
    """The author edits their comment; the earlier text is kept as a CommentRevision."""
    body = _clean_body(body)
    with transaction.atomic():
        locked = _lock(comment)
        permissions.can_edit_comment(by, locked).enforce()
        if locked.version != expected_version:
            raise CommentConflict(locked)
        if locked.body == body:
            return locked
        CommentRevision.objects.create(
            comment=locked, body=locked.body, created_at=locked.edited_at or locked.created_at
        )
        locked.body = body
        locked.edited_at = timezone.now()
        locked.version += 1
        locked.save(update_fields=["body", "edited_at", "version"])
        _record(Activity.Verb.COMMENT_EDITED, by=by, comment=locked)
    return locked


def set_addressed(comment: ReviewComment, *, by, addressed: bool) -> ReviewComment:
    """Mark a comment addressed (it folds away, never lost) or open it again."""
    with transaction.atomic():
        locked = _lock(comment)
        rule = permissions.can_address_comment if addressed else permissions.can_reopen_comment
        rule(by, locked).enforce()
        locked.is_addressed = addressed
        locked.addressed_by = by if addressed else None
        locked.addressed_at = timezone.now() if addressed else None
        locked.save(update_fields=["is_addressed", "addressed_by", "addressed_at"])
        verb = Activity.Verb.ADDRESSED if addressed else Activity.Verb.UNADDRESSED
        activity = _record(verb, by=by, comment=locked)
        if addressed:
            notify(
                Kind.ADDRESSED,
                recipients=[locked.author],
                event=f"activity:{activity.pk}",
                message=f"{by.get_display_name()} marked your comment on "
                f"“{locked.idea.title}” addressed.",
                url=f"{locked.idea.get_absolute_url()}#comment-{locked.pk}",
                actor=by,
            )
    return locked


def hide_comment(comment: ReviewComment, *, by, reason: str) -> ReviewComment:
    """A manager hides a comment; the reason is shown in its place. Nothing is deleted."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Say why the comment is hidden; the reason is shown."})
    with transaction.atomic():
        locked = _lock(comment)
        permissions.can_hide_comment(by, locked).enforce()
        locked.is_hidden, locked.hidden_by = True, by
        locked.hidden_at, locked.hidden_reason = timezone.now(), reason[:300]
        locked.save(update_fields=["is_hidden", "hidden_by", "hidden_at", "hidden_reason"])
        _record(Activity.Verb.COMMENT_HIDDEN, by=by, comment=locked)
    return locked


def unhide_comment(comment: ReviewComment, *, by) -> ReviewComment:
    """A manager shows a hidden comment again; its hiding reason goes with the hiding."""
    with transaction.atomic():
        locked = _lock(comment)
        permissions.can_unhide_comment(by, locked).enforce()
        locked.is_hidden, locked.hidden_by, locked.hidden_at = False, None, None
        locked.hidden_reason = ""
        locked.save(update_fields=["is_hidden", "hidden_by", "hidden_at", "hidden_reason"])
        _record(Activity.Verb.COMMENT_UNHIDDEN, by=by, comment=locked)
    return locked
