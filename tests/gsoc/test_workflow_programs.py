"""Program phases, the final list, carrying forward, mentor volunteers and roles."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Activity, Idea, MentorOffer, Program
from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP, can_edit_idea
from notifications.models import Kind, Notification
from tests.factories import IdeaFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def _approved(idea, committer, manager):
    workflow.sign_off(idea, by=committer)
    return workflow.approve(Idea.objects.get(pk=idea.pk), by=manager)


def test_open_program_from_preparing(manager):
    program = ProgramFactory(phase=Phase.PREPARING)

    workflow.open_program(program, by=manager)

    assert Program.objects.get(pk=program.pk).phase == Phase.OPEN


def test_publish_program_freezes_final_list_and_notifies(idea, committer, manager, mentor):
    _approved(idea, committer, manager)

    workflow.publish_program(idea.program, by=manager)

    idea = Idea.objects.get(pk=idea.pk)
    assert idea.program.phase == Phase.PUBLISHED
    # Frozen as a list, but its mentors may still correct their idea (shown as updated).
    assert bool(can_edit_idea(mentor, idea)) is True
    assert Notification.objects.filter(recipient=mentor, kind=Kind.PUBLISHED).count() == 1
    with pytest.raises(ValidationError, match="frozen"):
        workflow.unapprove(idea, by=manager)


def test_publish_twice_is_refused(idea, committer, manager):
    _approved(idea, committer, manager)
    workflow.publish_program(idea.program, by=manager)

    with pytest.raises(ValidationError, match="already published"):
        workflow.publish_program(idea.program, by=manager)


def test_publish_without_approved_ideas_is_refused(idea, manager):
    with pytest.raises(ValidationError, match="Approve at least one"):
        workflow.publish_program(idea.program, by=manager)


@pytest.mark.parametrize("role", ["mentor", "committer", "student"])
def test_program_phase_changes_by_non_manager_are_refused(request, idea, role):
    user = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        workflow.publish_program(idea.program, by=user)
    with pytest.raises(PermissionDenied):
        workflow.archive_program(idea.program, by=user, confirm_unfinished=True)

    assert Program.objects.get(pk=idea.program.pk).phase == Phase.OPEN


def test_archive_with_unfinished_ideas_asks_first(idea, manager):
    with pytest.raises(ValidationError, match="Confirm to archive anyway"):
        workflow.archive_program(idea.program, by=manager)
    assert Program.objects.get(pk=idea.program.pk).phase == Phase.OPEN

    workflow.archive_program(idea.program, by=manager, confirm_unfinished=True)

    assert Program.objects.get(pk=idea.program.pk).phase == Phase.ARCHIVED


def test_approve_many_reports_the_ones_it_cannot(program, committer, manager):
    reviewed = IdeaFactory(program=program)
    workflow.sign_off(reviewed, by=committer)
    waiting = IdeaFactory(program=program)

    approved, problems = workflow.approve_many(
        [Idea.objects.get(pk=reviewed.pk), waiting], by=manager
    )

    assert [i.pk for i in approved] == [reviewed.pk]
    assert problems == [f"“{waiting.title}”: Only community-reviewed ideas can be approved."]


def test_carry_forward_makes_unverified_drafts_with_mentors(idea, manager, mentor):
    target = ProgramFactory(phase=Phase.PREPARING, allowed_sizes=[90, 350])

    [copy] = workflow.carry_forward([idea], target, by=manager)

    copy = Idea.objects.get(pk=copy.pk)
    assert (copy.state, copy.origin, copy.verified_at, copy.title) == (
        IdeaState.DRAFT,
        idea,
        None,
        idea.title,
    )
    assert copy.ordered_mentors() == [mentor]
    assert copy.project_size in (90, 350)
    assert copy.revisions.count() == 1


def test_carry_forward_twice_skips_existing(idea, manager):
    target = ProgramFactory(phase=Phase.OPEN)
    workflow.carry_forward([idea], target, by=manager)

    again = workflow.carry_forward([idea], target, by=manager)

    assert again == []
    assert Idea.objects.filter(program=target).count() == 1


def test_carry_forward_into_archived_program_is_refused(idea, manager):
    target = ProgramFactory(phase=Phase.ARCHIVED)

    with pytest.raises(ValidationError, match="preparation or open"):
        workflow.carry_forward([idea], target, by=manager)


def test_verify_sets_date(idea, mentor):
    Idea.objects.filter(pk=idea.pk).update(verified_at=None)

    workflow.verify(Idea.objects.get(pk=idea.pk), by=mentor)

    assert Idea.objects.get(pk=idea.pk).verified_at is not None


def test_mentor_offer_accepted_adds_co_mentor(idea, mentor, reviewer):
    offer = workflow.offer_to_mentor(idea, by=reviewer, message="I know this code")

    workflow.decide_offer(offer, by=mentor, accept=True)

    idea = Idea.objects.get(pk=idea.pk)
    assert idea.ordered_mentors() == [mentor, reviewer]
    assert MentorOffer.objects.get().status == MentorOffer.Status.ACCEPTED
    assert Notification.objects.filter(recipient=reviewer, kind=Kind.MENTORING).count() == 1


def test_mentor_offer_declined_keeps_mentors(idea, mentor, reviewer):
    offer = workflow.offer_to_mentor(idea, by=reviewer)

    workflow.decide_offer(offer, by=mentor, accept=False)

    assert Idea.objects.get(pk=idea.pk).ordered_mentors() == [mentor]
    with pytest.raises(ValidationError, match="answered already"):
        workflow.decide_offer(offer, by=mentor, accept=True)


def test_mentor_offer_by_existing_mentor_is_refused(idea, mentor):
    with pytest.raises(PermissionDenied):
        workflow.offer_to_mentor(idea, by=mentor)


def test_mentor_offer_decided_by_other_is_refused(idea, reviewer, other_mentor):
    offer = workflow.offer_to_mentor(idea, by=reviewer)

    with pytest.raises(PermissionDenied):
        workflow.decide_offer(offer, by=other_mentor, accept=True)


def test_set_role_grants_and_records(manager, student):
    workflow.set_role(student, COMMITTERS_GROUP, granted=True, by=manager)

    assert list(student.groups.values_list("name", flat=True)) == [COMMITTERS_GROUP]
    activity = Activity.objects.get(verb=Activity.Verb.ROLE_GRANTED)
    assert activity.detail == {"user": student.username, "role": COMMITTERS_GROUP}


@pytest.mark.parametrize("role", ["committer", "mentor", "student"])
def test_set_role_by_non_manager_is_refused(request, role, student):
    with pytest.raises(PermissionDenied):
        workflow.set_role(student, MANAGERS_GROUP, granted=True, by=request.getfixturevalue(role))

    assert student.groups.count() == 0


def test_manager_cannot_revoke_own_manager_role(manager):
    with pytest.raises(ValidationError, match="own manager role"):
        workflow.set_role(manager, MANAGERS_GROUP, granted=False, by=manager)


def test_withdraw_from_published_final_list_by_mentor(idea, committer, manager, mentor):
    _approved(idea, committer, manager)
    workflow.publish_program(idea.program, by=manager)

    workflow.withdraw(Idea.objects.get(pk=idea.pk), by=mentor)

    assert Idea.objects.get(pk=idea.pk).state == IdeaState.WITHDRAWN


def test_withdraw_in_archived_program_is_refused(idea, manager):
    workflow.archive_program(idea.program, by=manager, confirm_unfinished=True)

    with pytest.raises(PermissionDenied):
        workflow.withdraw(Idea.objects.get(pk=idea.pk), by=manager)


def test_withdrawn_sign_off_keeps_published_list_frozen(idea, committer, manager):
    _approved(idea, committer, manager)
    workflow.publish_program(idea.program, by=manager)

    workflow.withdraw_sign_off(Idea.objects.get(pk=idea.pk), by=committer)

    assert Idea.objects.get(pk=idea.pk).state == IdeaState.APPROVED


def test_lowering_required_sign_offs_promotes_signed_ideas(program, committer, manager):
    program.required_sign_offs = 2
    program.save()
    idea = IdeaFactory(program=program)
    workflow.sign_off(idea, by=committer)
    program = Program.objects.get(pk=program.pk)

    program.required_sign_offs = 1
    workflow.save_program(program, by=manager, expected_version=program.version)

    assert Idea.objects.get(pk=idea.pk).state == IdeaState.REVIEWED


def test_raising_required_sign_offs_sends_ideas_back(program, committer, manager):
    idea = IdeaFactory(program=program)
    workflow.sign_off(idea, by=committer)
    program = Program.objects.get(pk=program.pk)

    program.required_sign_offs = 2
    workflow.save_program(program, by=manager, expected_version=program.version)

    assert Idea.objects.get(pk=idea.pk).state == IdeaState.NEEDS_REVIEW


def test_withdraw_tells_the_other_mentors(program, mentor, other_mentor):
    idea = IdeaFactory(program=program, mentors=[mentor, other_mentor])

    workflow.withdraw(idea, by=mentor)

    assert list(
        Notification.objects.filter(kind=Kind.STATE).values_list("recipient__username", flat=True)
    ) == [other_mentor.username]
