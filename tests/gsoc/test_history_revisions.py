"""An idea's revisions: one on every kind of change, and workflow.restore_revision.

Ideas are made through gsoc.workflow so their revisions are the real ones.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Activity, IdeaRevision
from tests.factories import ProgramFactory
from tests.gsoc.history_support import OUTSIDERS, activity_texts, edit, fresh, revision, url
from tests.helpers import idea_content

pytestmark = pytest.mark.django_db


# --- revisions on every kind of change -------------------------------------------------


def test_create_idea_saves_revision_one(program, mentor):
    idea = workflow.create_idea(program, idea_content(), by=mentor)

    saved = revision(idea, 1)
    assert (saved.author, saved.summary, saved.data["title"]) == (
        mentor,
        "Created",
        "Faster widget",
    )
    assert (saved.data["mentors"], saved.data["skills"]) == (["menna"], ["C"])


def test_create_idea_keeps_given_summary(program, mentor):
    idea = workflow.create_idea(
        program, idea_content(summary="First draft from the wiki"), by=mentor
    )

    assert revision(idea, 1).summary == "First draft from the wiki"


def test_update_idea_saves_revision_with_edit_summary(live_idea, mentor):
    saved = revision(live_idea, 2)

    assert (saved.author, saved.summary, saved.data["title"]) == (
        mentor,
        "Better name",
        "Faster gadget",
    )
    assert list(IdeaRevision.objects.filter(idea=live_idea).values_list("version", flat=True)) == [
        3,
        2,
        1,
    ]


def test_update_idea_without_changes_saves_no_revision(live_idea, mentor):
    edit(live_idea, by=mentor)

    assert IdeaRevision.objects.filter(idea=live_idea).count() == 3


def test_carry_forward_saves_revision_naming_origin(mentor, manager):
    old_program = ProgramFactory(name="GSoC 2013", slug="gsoc-2013", phase=Phase.OPEN)
    source = workflow.create_idea(old_program, idea_content(), by=mentor, submit=True)
    target = ProgramFactory(name="GSoC 2014", slug="gsoc-2014", phase=Phase.PREPARING)

    [copy] = workflow.carry_forward([source], target, by=manager)

    saved = revision(copy, 1)
    assert (saved.author, saved.summary, saved.data["title"], saved.data["mentors"]) == (
        manager,
        "Carried forward from GSoC 2013",
        "Faster widget",
        ["menna"],
    )


# --- workflow.restore_revision ---------------------------------------------------------


def test_restore_revision_saves_old_content_as_new_revision(live_idea, mentor):
    restored = workflow.restore_revision(
        live_idea, revision(live_idea, 1), by=mentor, expected_version=3
    )

    saved = revision(live_idea, 4)
    assert (restored.version, restored.title, restored.description) == (
        4,
        "Faster widget",
        "Make the widget fast.",
    )
    assert (saved.author, saved.summary, saved.data["title"]) == (
        mentor,
        "Restored revision 1",
        "Faster widget",
    )


def test_restore_revision_records_edit_activity(live_idea, manager):
    workflow.restore_revision(live_idea, revision(live_idea, 1), by=manager, expected_version=3)

    restored, edited = Activity.objects.filter(idea=live_idea)[:2]
    assert (restored.verb, restored.actor, restored.detail) == (
        Activity.Verb.RESTORED,
        manager,
        {"from_version": 1, "version": 4},
    )
    assert (edited.verb, edited.detail) == (
        Activity.Verb.EDITED,
        {"fields": ["title", "description"], "version": 4},
    )


def test_restore_revision_restores_skills_but_keeps_the_mentors(program, mentor, other_mentor):
    # People join an idea by accepting an invitation: restoring an old revision never
    # makes someone a mentor again unasked.
    idea = workflow.create_idea(
        program,
        idea_content(skills=["C", "Python"], mentors=[other_mentor]),
        by=mentor,
        submit=True,
    )
    idea = workflow.update_idea(
        idea, idea_content(skills=["Go"], mentors=[mentor]), by=mentor, expected_version=1
    )

    restored = workflow.restore_revision(idea, revision(idea, 1), by=mentor, expected_version=2)

    assert sorted(skill.name for skill in restored.skills.all()) == ["C", "Python"]
    assert fresh(restored).ordered_mentors() == [mentor]


def test_restore_revision_skips_inactive_mentors(program, mentor, other_mentor):
    idea = workflow.create_idea(
        program, idea_content(mentors=[other_mentor]), by=mentor, submit=True
    )
    idea = workflow.update_idea(idea, idea_content(mentors=[mentor]), by=mentor, expected_version=1)
    other_mentor.is_active = False
    other_mentor.save()

    restored = workflow.restore_revision(idea, revision(idea, 1), by=mentor, expected_version=2)

    assert fresh(restored).ordered_mentors() == [mentor]


def test_restore_revision_keeps_current_mentors_when_none_left(program, mentor, other_mentor):
    idea = workflow.create_idea(
        program, idea_content(mentors=[other_mentor]), by=mentor, submit=True
    )
    idea = workflow.update_idea(
        idea, idea_content(title="Renamed", mentors=[other_mentor]), by=mentor, expected_version=1
    )
    mentor.is_active = False
    mentor.save()

    restored = workflow.restore_revision(
        idea, revision(idea, 1), by=other_mentor, expected_version=2
    )

    assert (restored.title, fresh(restored).ordered_mentors()) == ("Faster widget", [other_mentor])


def test_history_page_timeline_state_changes_start_with_the_idea(
    client_for, live_idea, mentor, committer
):
    workflow.sign_off(live_idea, by=committer)
    edit(live_idea, by=mentor, title="Fastest gadget")

    response = client_for(None).get(url("idea_history", live_idea))

    assert activity_texts(response)[:4] == [
        "This idea went back to review: its sign-offs are stale or withdrawn",
        "Menna Tor edited this idea (revision 4; changed title)",
        "This idea became community reviewed",
        "Com Mitter signed off this idea (revision 3)",
    ]


def test_restore_revision_makes_sign_offs_stale(live_idea, mentor, committer):
    workflow.sign_off(live_idea, by=committer)

    workflow.restore_revision(live_idea, revision(live_idea, 1), by=mentor, expected_version=3)

    assert fresh(live_idea).state == IdeaState.NEEDS_REVIEW
    assert list(Activity.objects.filter(idea=live_idea).values_list("verb", flat=True)[:3]) == [
        Activity.Verb.RESTORED,
        Activity.Verb.BACK_TO_REVIEW,
        Activity.Verb.EDITED,
    ]


def test_restore_revision_of_current_content_saves_nothing(live_idea, mentor):
    restored = workflow.restore_revision(
        live_idea, revision(live_idea, 3), by=mentor, expected_version=3
    )

    assert (restored.version, IdeaRevision.objects.filter(idea=live_idea).count()) == (3, 3)


def test_restore_revision_with_stale_version_is_conflict(live_idea, mentor):
    with pytest.raises(workflow.EditConflict):
        workflow.restore_revision(live_idea, revision(live_idea, 1), by=mentor, expected_version=2)

    assert (fresh(live_idea).version, fresh(live_idea).title) == (3, "Faster gadget")


def test_restore_revision_of_other_idea_is_refused(live_idea, other_idea, mentor):
    foreign = revision(other_idea, 1)

    with pytest.raises(ValidationError):
        workflow.restore_revision(live_idea, foreign, by=mentor, expected_version=3)

    assert fresh(live_idea).version == 3


@pytest.mark.parametrize("role", OUTSIDERS)
def test_restore_revision_by_outsider_is_refused(request, live_idea, other_idea, role):
    user = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        workflow.restore_revision(live_idea, revision(live_idea, 1), by=user, expected_version=3)

    assert fresh(live_idea).version == 3
