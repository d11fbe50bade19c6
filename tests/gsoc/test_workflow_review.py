"""Sign-offs, staleness and approval: the review half of gsoc.workflow."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Activity, Idea, SignOff
from gsoc.permissions import COMMITTERS_GROUP
from tests.factories import UserFactory
from tests.helpers import edited_content

pytestmark = pytest.mark.django_db


def _reload(idea):
    return Idea.objects.get(pk=idea.pk)


def test_sign_off_moves_idea_to_reviewed(idea, committer):
    workflow.sign_off(idea, by=committer, note="Clear and well scoped.")

    idea = _reload(idea)
    assert idea.state == IdeaState.REVIEWED
    signed = SignOff.objects.get(idea=idea, committer=committer)
    assert (signed.version, signed.note) == (idea.version, "Clear and well scoped.")
    verbs = list(Activity.objects.filter(idea=idea).values_list("verb", flat=True))
    assert verbs[:2] == [Activity.Verb.REVIEWED, Activity.Verb.SIGNED_OFF]


def test_sign_off_waits_for_required_count(idea, committer):
    idea.program.required_sign_offs = 2
    idea.program.save()
    second = UserFactory(groups=[COMMITTERS_GROUP])

    workflow.sign_off(idea, by=committer)
    assert _reload(idea).state == IdeaState.NEEDS_REVIEW

    workflow.sign_off(idea, by=second)
    assert _reload(idea).state == IdeaState.REVIEWED


def test_sign_off_twice_by_same_committer_counts_once(idea, committer):
    idea.program.required_sign_offs = 2
    idea.program.save()
    workflow.sign_off(idea, by=committer)

    with pytest.raises(ValidationError, match="already signed off"):
        workflow.sign_off(idea, by=committer)

    assert SignOff.objects.filter(idea=idea).count() == 1
    assert _reload(idea).state == IdeaState.NEEDS_REVIEW


@pytest.mark.parametrize("role", ["student", "reviewer", "manager", "mentor"])
def test_sign_off_by_non_committer_is_refused(request, idea, role):
    user = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        workflow.sign_off(idea, by=user)

    assert SignOff.objects.count() == 0


def test_sign_off_by_mentor_who_is_committer_is_refused(idea, mentor):
    mentor.groups.add(Group.objects.get_or_create(name=COMMITTERS_GROUP)[0])
    mentor = type(mentor).objects.get(pk=mentor.pk)

    with pytest.raises(PermissionDenied, match="mentor"):
        workflow.sign_off(_reload(idea), by=mentor)


@pytest.mark.parametrize("state", [IdeaState.DRAFT, IdeaState.WITHDRAWN])
def test_sign_off_of_unsubmitted_idea_is_refused(idea, committer, state):
    Idea.objects.filter(pk=idea.pk).update(state=state)

    with pytest.raises(ValidationError, match="drafts or withdrawn"):
        workflow.sign_off(_reload(idea), by=committer)


def test_sign_off_in_archived_program_is_refused(idea, committer):
    idea.program.phase = Phase.ARCHIVED
    idea.program.save()

    with pytest.raises(ValidationError, match="archived"):
        workflow.sign_off(_reload(idea), by=committer)


def test_withdraw_sign_off_moves_idea_back(idea, committer):
    workflow.sign_off(idea, by=committer)

    workflow.withdraw_sign_off(_reload(idea), by=committer)

    assert _reload(idea).state == IdeaState.NEEDS_REVIEW
    assert SignOff.objects.get(idea=idea).withdrawn_at is not None


def test_withdraw_sign_off_without_one_is_refused(idea, committer):
    with pytest.raises(ValidationError, match="no sign-off"):
        workflow.withdraw_sign_off(idea, by=committer)


def test_edit_of_reviewed_content_makes_sign_off_stale(idea, committer, mentor):
    workflow.sign_off(idea, by=committer)
    idea = _reload(idea)
    signed_version = idea.version

    workflow.update_idea(
        idea,
        edited_content(idea, title="A sharper title"),
        by=mentor,
        expected_version=idea.version,
    )

    idea = _reload(idea)
    signed = SignOff.objects.get(idea=idea)
    assert idea.state == IdeaState.NEEDS_REVIEW
    assert (signed.version, idea.reviewed_version) == (signed_version, signed_version + 1)
    assert signed.is_current_for(idea) is False


def test_edit_of_references_keeps_sign_off_current(idea, committer, mentor):
    workflow.sign_off(idea, by=committer)
    idea = _reload(idea)

    workflow.update_idea(
        idea,
        edited_content(idea, references="[new](https://example.org/new)"),
        by=mentor,
        expected_version=idea.version,
    )

    assert _reload(idea).state == IdeaState.REVIEWED


def test_resign_after_stale_edit_moves_idea_back_to_reviewed(idea, committer, mentor):
    workflow.sign_off(idea, by=committer)
    idea = _reload(idea)
    workflow.update_idea(
        idea,
        edited_content(idea, description="Rewritten."),
        by=mentor,
        expected_version=idea.version,
    )

    workflow.sign_off(_reload(idea), by=committer)

    idea = _reload(idea)
    assert idea.state == IdeaState.REVIEWED
    assert SignOff.objects.get(idea=idea).version == idea.version


def test_approve_reviewed_idea_by_manager(idea, committer, manager):
    workflow.sign_off(idea, by=committer)

    workflow.approve(_reload(idea), by=manager)

    assert _reload(idea).state == IdeaState.APPROVED


def test_approve_needs_review_idea_is_refused(idea, manager):
    with pytest.raises(ValidationError, match="community-reviewed"):
        workflow.approve(idea, by=manager)


def test_approve_by_committer_is_refused(idea, committer):
    workflow.sign_off(idea, by=committer)

    with pytest.raises(PermissionDenied):
        workflow.approve(_reload(idea), by=committer)


def test_stale_edit_of_approved_idea_leaves_final_list(idea, committer, manager, mentor):
    workflow.sign_off(idea, by=committer)
    workflow.approve(_reload(idea), by=manager)
    idea = _reload(idea)
    assert "final list" in workflow.stale_edit_warning(idea)

    workflow.update_idea(
        idea, edited_content(idea, project_size=350), by=mentor, expected_version=idea.version
    )

    assert _reload(idea).state == IdeaState.NEEDS_REVIEW


def test_unapprove_returns_idea_to_reviewed(idea, committer, manager):
    workflow.sign_off(idea, by=committer)
    workflow.approve(_reload(idea), by=manager)

    workflow.unapprove(_reload(idea), by=manager)

    assert _reload(idea).state == IdeaState.REVIEWED


def test_withdraw_and_reopen_by_manager(idea, manager):
    workflow.withdraw(idea, by=manager)
    assert _reload(idea).state == IdeaState.WITHDRAWN

    workflow.reopen(_reload(idea), by=manager)

    assert _reload(idea).state == IdeaState.DRAFT


def test_reopen_of_live_idea_is_refused(idea, manager):
    with pytest.raises(ValidationError, match="withdrawn"):
        workflow.reopen(idea, by=manager)


def test_withdraw_by_other_mentor_is_refused(idea, other_mentor):
    with pytest.raises(PermissionDenied):
        workflow.withdraw(idea, by=other_mentor)
