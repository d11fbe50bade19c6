"""The idea transitions of gsoc.workflow, called directly: create, edit, submit, withdraw,
reopen. Each re-checks permission and state and writes an Activity row."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Activity, Idea
from tests.factories import IdeaFactory, ProgramFactory
from tests.helpers import idea_content

pytestmark = pytest.mark.django_db


def verbs(idea) -> list[str]:
    return list(Activity.objects.filter(idea=idea).order_by("pk").values_list("verb", flat=True))


def current(idea) -> Idea:
    return Idea.objects.select_related("program").get(pk=idea.pk)


# --- create_idea -------------------------------------------------------------------------


def test_create_idea_draft_with_submitter_first(program, mentor, other_mentor):
    content = idea_content("Progress bar for live migration", mentors=[other_mentor, mentor])

    idea = workflow.create_idea(program, content, by=mentor)

    assert (idea.state, idea.slug, idea.version) == (
        IdeaState.DRAFT,
        "progress-bar-for-live-migration",
        1,
    )
    assert idea.ordered_mentors() == [mentor, other_mentor]
    assert verbs(idea) == ["created"]


def test_create_idea_submitted_needs_review(program, mentor):
    idea = workflow.create_idea(program, idea_content(), by=mentor, submit=True)

    assert current(idea).state == IdeaState.NEEDS_REVIEW
    assert verbs(idea) == ["created", "submitted"]


def test_create_idea_refused_in_archive(mentor):
    archive = ProgramFactory(phase=Phase.ARCHIVED)

    with pytest.raises(PermissionDenied):
        workflow.create_idea(archive, idea_content(), by=mentor)

    assert Idea.objects.count() == 0


def test_create_idea_refuses_reversed_difficulty(program, mentor):
    with pytest.raises(ValidationError) as caught:
        workflow.create_idea(program, idea_content(difficulty_min=3, difficulty_max=1), by=mentor)

    assert caught.value.message_dict["difficulty_max"] == [
        "Must not be easier than 'difficulty from'."
    ]
    assert Idea.objects.count() == 0


# --- update_idea -------------------------------------------------------------------------


def test_update_idea_bumps_version_and_keeps_slug(idea, mentor):
    updated = workflow.update_idea(
        idea, idea_content(title="Renamed", mentors=[mentor]), by=mentor, expected_version=1
    )

    assert (updated.title, updated.slug, updated.version) == ("Renamed", "faster-widget", 2)
    assert current(idea).version == 2
    assert verbs(idea) == ["edited"]


def test_update_idea_stale_version_raises_conflict(idea, mentor):
    Idea.objects.filter(pk=idea.pk).update(version=5, title="Someone else's")

    with pytest.raises(workflow.EditConflict) as caught:
        workflow.update_idea(idea, idea_content(mentors=[mentor]), by=mentor, expected_version=4)

    assert caught.value.current.version == 5
    assert current(idea).title == "Someone else's"
    assert verbs(idea) == []


def test_update_idea_refused_for_outsider(idea, student):
    with pytest.raises(PermissionDenied):
        workflow.update_idea(idea, idea_content(mentors=[student]), by=student, expected_version=1)

    assert current(idea).title == "Faster widget"


def test_update_idea_refused_without_mentors(idea, manager, mentor):
    with pytest.raises(ValidationError):
        workflow.update_idea(idea, idea_content(mentors=[]), by=manager, expected_version=1)

    assert current(idea).ordered_mentors() == [mentor]


# --- submit / withdraw / reopen ----------------------------------------------------------


def test_submit_draft_needs_review(draft_idea, mentor):
    workflow.submit(draft_idea, by=mentor)

    assert current(draft_idea).state == IdeaState.NEEDS_REVIEW
    assert verbs(draft_idea)[0] == "submitted"


@pytest.mark.parametrize("state", ["needs_review", "reviewed", "approved", "withdrawn"])
def test_submit_refused_unless_draft(program, mentor, state):
    idea = IdeaFactory(program=program, mentors=[mentor], state=state)

    with pytest.raises(ValidationError):
        workflow.submit(idea, by=mentor)

    assert current(idea).state == state


@pytest.mark.parametrize("role", ["student", "other_mentor", "reviewer", "committer"])
def test_submit_refused_for_outsider(request, draft_idea, role):
    with pytest.raises(PermissionDenied):
        workflow.submit(draft_idea, by=request.getfixturevalue(role))

    assert current(draft_idea).state == IdeaState.DRAFT


@pytest.mark.parametrize("state", ["draft", "needs_review", "reviewed", "approved"])
def test_withdraw_from_any_state_before_archive(program, manager, state):
    idea = IdeaFactory(program=program, state=state)

    workflow.withdraw(idea, by=manager)

    assert current(idea).state == IdeaState.WITHDRAWN
    assert Activity.objects.get(idea=idea, verb="withdrawn").detail == {"previous": state}


def test_withdraw_refused_in_archive(mentor):
    idea = IdeaFactory(program=ProgramFactory(phase=Phase.ARCHIVED), mentors=[mentor])

    with pytest.raises(PermissionDenied):
        workflow.withdraw(idea, by=mentor)


def test_withdraw_twice_refused(program, mentor):
    idea = IdeaFactory(program=program, mentors=[mentor], state="withdrawn")

    with pytest.raises(ValidationError):
        workflow.withdraw(idea, by=mentor)

    assert verbs(idea) == []


def test_reopen_withdrawn_idea_is_draft(program, mentor):
    idea = IdeaFactory(program=program, mentors=[mentor], state="withdrawn")

    workflow.reopen(idea, by=mentor)

    assert current(idea).state == IdeaState.DRAFT
    assert verbs(idea) == ["reopened"]


def test_reopen_refused_unless_withdrawn(idea, mentor):
    with pytest.raises(ValidationError):
        workflow.reopen(idea, by=mentor)

    assert current(idea).state == IdeaState.NEEDS_REVIEW
