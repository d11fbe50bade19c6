import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gsoc.enums import Phase
from gsoc.models import Activity
from reviews import workflow
from reviews.models import CommentRevision, ReviewComment, RubricAnswer

pytestmark = pytest.mark.django_db

RUBRIC = {"gets_going": "yes", "no_assumptions": "unsure", "fits_time": "no", "meets_goals": "yes"}


def test_add_comment_records_author_and_rubric(idea, reviewer):
    comment = workflow.add_comment(idea, by=reviewer, body="Which **API**?", rubric=RUBRIC)

    assert (comment.author, comment.body, comment.parent) == (reviewer, "Which **API**?", None)
    assert RubricAnswer.objects.get(comment=comment).fits_time == "no"
    assert Activity.objects.filter(idea=idea, verb=Activity.Verb.COMMENTED).count() == 1


@pytest.mark.parametrize("body", ["", "   \n\t "])
def test_add_comment_empty_is_refused(idea, reviewer, body):
    with pytest.raises(ValidationError, match="Write something"):
        workflow.add_comment(idea, by=reviewer, body=body)

    assert ReviewComment.objects.count() == 0


def test_add_comment_on_archived_program_is_refused(idea, reviewer):
    idea.program.phase = Phase.ARCHIVED
    idea.program.save()

    with pytest.raises(PermissionDenied):
        workflow.add_comment(idea, by=reviewer, body="Late thought")


def test_add_comment_on_draft_by_non_mentor_is_refused(draft_idea, reviewer):
    with pytest.raises(PermissionDenied):
        workflow.add_comment(draft_idea, by=reviewer, body="Peeking")


def test_reply_to_reply_attaches_to_top_level(idea, reviewer, mentor):
    top = workflow.add_comment(idea, by=reviewer, body="Question")
    reply = workflow.add_comment(idea, by=mentor, body="Answer", parent=top)

    again = workflow.add_comment(idea, by=reviewer, body="Thanks", parent=reply, rubric=RUBRIC)

    assert (reply.parent, again.parent) == (top, top)
    assert RubricAnswer.objects.filter(comment=again).exists() is False


def test_edit_comment_keeps_earlier_text(idea, reviewer):
    comment = workflow.add_comment(idea, by=reviewer, body="First thought")

    edited = workflow.edit_comment(comment, by=reviewer, body="Second thought", expected_version=1)

    assert (edited.body, edited.version) == ("Second thought", 2)
    assert edited.edited_at is not None
    assert list(CommentRevision.objects.values_list("body", flat=True)) == ["First thought"]


def test_edit_comment_by_other_user_is_refused(idea, reviewer, mentor, manager):
    comment = workflow.add_comment(idea, by=reviewer, body="Mine")

    for user in (mentor, manager):
        with pytest.raises(PermissionDenied):
            workflow.edit_comment(comment, by=user, body="Forged", expected_version=1)

    assert ReviewComment.objects.get(pk=comment.pk).body == "Mine"


def test_edit_comment_with_old_version_conflicts(idea, reviewer):
    comment = workflow.add_comment(idea, by=reviewer, body="v1")
    workflow.edit_comment(comment, by=reviewer, body="v2", expected_version=1)

    with pytest.raises(workflow.CommentConflict) as caught:
        workflow.edit_comment(comment, by=reviewer, body="v2 from other tab", expected_version=1)

    assert caught.value.current.body == "v2"


@pytest.mark.parametrize("role", ["mentor", "reviewer", "manager"])
def test_mark_addressed_allowed_for_mentor_author_manager(request, idea, reviewer, role):
    comment = workflow.add_comment(idea, by=reviewer, body="Fix the steps")
    user = request.getfixturevalue(role)

    workflow.set_addressed(comment, by=user, addressed=True)

    comment.refresh_from_db()
    assert (comment.is_addressed, comment.addressed_by) == (True, user)


@pytest.mark.parametrize("role", ["student", "other_mentor", "committer"])
def test_mark_addressed_refused_for_others(request, idea, reviewer, role):
    comment = workflow.add_comment(idea, by=reviewer, body="Fix the steps")

    with pytest.raises(PermissionDenied):
        workflow.set_addressed(comment, by=request.getfixturevalue(role), addressed=True)


def test_unmark_addressed_reopens(idea, reviewer, mentor):
    comment = workflow.add_comment(idea, by=reviewer, body="Fix")
    workflow.set_addressed(comment, by=mentor, addressed=True)

    workflow.set_addressed(comment, by=mentor, addressed=False)

    comment.refresh_from_db()
    assert (comment.is_addressed, comment.addressed_by, comment.addressed_at) == (False, None, None)


def test_mark_addressed_twice_is_refused(idea, reviewer, mentor):
    comment = workflow.add_comment(idea, by=reviewer, body="Fix")
    workflow.set_addressed(comment, by=mentor, addressed=True)

    with pytest.raises(ValidationError, match="already"):
        workflow.set_addressed(comment, by=mentor, addressed=True)


def test_hide_needs_manager_and_reason(idea, reviewer, manager, mentor):
    comment = workflow.add_comment(idea, by=reviewer, body="Rude words")

    with pytest.raises(PermissionDenied):
        workflow.hide_comment(comment, by=mentor, reason="rude")
    with pytest.raises(ValidationError, match="Say why"):
        workflow.hide_comment(comment, by=manager, reason="  ")
    workflow.hide_comment(comment, by=manager, reason="Personal attack")

    comment.refresh_from_db()
    assert (comment.is_hidden, comment.hidden_reason, comment.body) == (
        True,
        "Personal attack",
        "Rude words",
    )


def test_unhide_restores_comment(idea, reviewer, manager):
    comment = workflow.add_comment(idea, by=reviewer, body="Fine after all")
    workflow.hide_comment(comment, by=manager, reason="Checking")

    workflow.unhide_comment(comment, by=manager)

    comment.refresh_from_db()
    assert comment.is_hidden is False


def test_reply_to_hidden_comment_is_refused(idea, reviewer, manager, mentor):
    comment = workflow.add_comment(idea, by=reviewer, body="Off topic")
    workflow.hide_comment(comment, by=manager, reason="Off topic")

    with pytest.raises(ValidationError, match="hidden"):
        workflow.add_comment(idea, by=mentor, body="Reply", parent=comment)
