"""A small community with one of everything, shared by the security tests."""

from dataclasses import dataclass

import pytest

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Idea, MentorOffer, Program
from notifications.models import Kind, Notification
from reviews import workflow as review_workflow
from reviews.models import ReviewComment
from students import workflow as student_workflow
from students.models import Interest
from tests.factories import IdeaFactory, ProgramFactory

ROLES = ("visitor", "student", "mentor", "other_mentor", "reviewer", "committer", "manager")


@dataclass
class World:
    users: dict  # role -> user (None for the visitor)
    program: Program
    idea: Idea  # needs review, mentored by "mentor"
    draft: Idea
    withdrawn: Idea
    reviewed: Idea  # signed off by "committer"
    approved: Idea
    other_idea: Idea  # mentored by "other_mentor"
    comment: ReviewComment  # by "reviewer" on ``idea``
    addressed_comment: ReviewComment
    hidden_comment: ReviewComment
    interest: Interest  # "student" on ``idea``
    notification: Notification  # to "mentor"
    offer: MentorOffer  # pending, "reviewer" offers to co-mentor ``idea``
    invitation: MentorOffer  # pending, "student" is invited to co-mentor ``idea``
    preparing: Program  # not public yet
    archived: Program  # an earlier edition, with ``archived_idea``
    archived_idea: Idea


@pytest.fixture
def world(program, idea, draft_idea, other_idea, mentor, manager, committer, reviewer, student):
    users = {
        "visitor": None,
        "student": student,
        "mentor": mentor,
        "other_mentor": other_idea.mentor_links.get().user,
        "reviewer": reviewer,
        "committer": committer,
        "manager": manager,
    }
    withdrawn = IdeaFactory(
        program=program, mentors=[mentor], slug="withdrawn-one", state=IdeaState.WITHDRAWN
    )
    reviewed = IdeaFactory(program=program, mentors=[mentor], slug="reviewed-one")
    workflow.sign_off(reviewed, by=committer)
    approved = IdeaFactory(program=program, mentors=[mentor], slug="approved-one")
    workflow.sign_off(approved, by=committer)
    workflow.approve(approved, by=manager)
    comment = review_workflow.add_comment(idea, by=reviewer, body="Please say which **API**.")
    addressed = review_workflow.add_comment(idea, by=reviewer, body="Typo in the title.")
    review_workflow.set_addressed(addressed, by=mentor, addressed=True)
    hidden = review_workflow.add_comment(idea, by=reviewer, body="Off-topic rant.")
    review_workflow.hide_comment(hidden, by=manager, reason="Off topic")
    interest = student_workflow.register_interest(idea, by=student, note="I know C.")
    notification = Notification.objects.filter(recipient=mentor, kind=Kind.COMMENT).first()
    offer = workflow.offer_to_mentor(idea, by=reviewer, message="I know this code.")
    [invitation] = workflow.invite(idea, [student], by=mentor)
    preparing = ProgramFactory(name="Outreachy 2032", slug="outreachy-2032", phase=Phase.PREPARING)
    archived = ProgramFactory(name="GSoC 2030", slug="gsoc-2030", phase=Phase.ARCHIVED)
    archived_idea = IdeaFactory(
        program=archived, mentors=[mentor], slug="old-idea", state=IdeaState.APPROVED
    )
    return World(
        users=users,
        program=program,
        idea=idea,
        draft=draft_idea,
        withdrawn=withdrawn,
        reviewed=Idea.objects.get(pk=reviewed.pk),
        approved=Idea.objects.get(pk=approved.pk),
        other_idea=other_idea,
        comment=comment,
        addressed_comment=addressed,
        hidden_comment=hidden,
        interest=interest,
        notification=notification,
        offer=offer,
        invitation=invitation,
        preparing=preparing,
        archived=archived,
        archived_idea=archived_idea,
    )
