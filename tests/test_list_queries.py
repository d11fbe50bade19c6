"""List pages run a fixed number of queries however many items they show.

Each page is loaded with one item and with many (as pretalx does) and must run exactly
the number pinned here. Measured; a change here means the page's reads changed: look
before changing a number, and never pin one that grows with the items (an N+1).
"""

import pytest
from django.urls import reverse

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from notifications.models import Kind, Notification
from reviews import workflow as review_workflow
from students import workflow as student_workflow
from tests.factories import IdeaFactory, ProgramFactory, SkillFactory, UserFactory
from tests.helpers import edited_content

pytestmark = pytest.mark.django_db

COUNTS = [1, 8]

# Of each number, four are what every signed-in page reads: the session, the user, their
# groups and the unread-notifications count for the navbar.
MY_WORK_AS_MENTOR_QUERIES = 11
MY_WORK_AS_COMMITTER_QUERIES = 13
MY_INTERESTS_QUERIES = 5
NOTIFICATION_LIST_QUERIES = 5
PROGRAM_LIST_QUERIES = 5
ROLES_QUERIES = 7
INTERESTED_STUDENTS_QUERIES = 7
CARRY_FORWARD_QUERIES = 11


@pytest.fixture
def skills(db):
    return [SkillFactory() for _ in range(3)]


def other_ideas(program, count, skills, **fields):
    """``count`` ideas of ``program``, each with two mentors of its own and ``skills``."""
    return [
        IdeaFactory(
            program=program, mentors=[UserFactory(), UserFactory()], skills=skills, **fields
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("count", COUNTS)
def test_my_work_as_mentor_query_count(
    client_for, django_assert_num_queries, program, mentor, reviewer, skills, count
):
    for _ in range(count):
        mine = IdeaFactory(program=program, mentors=[mentor, UserFactory()], skills=skills)
        review_workflow.add_comment(mine, by=reviewer, body="Which widget?")
    for theirs in other_ideas(program, count, skills):
        workflow.invite(theirs, [mentor], by=theirs.mentor_links.first().user)
    client = client_for(mentor)

    with django_assert_num_queries(MY_WORK_AS_MENTOR_QUERIES):
        response = client.get(reverse("reviews:my_work"))

    shown = [len(response.context[name]) for name in ("mentor_ideas", "invitations")]
    assert shown == [count, count]
    assert len(response.context["needing_reviews"]) == count


@pytest.mark.parametrize("count", COUNTS)
def test_my_work_as_committer_query_count(
    client_for, django_assert_num_queries, program, committer, skills, count
):
    other_ideas(program, count, skills)
    for idea in other_ideas(program, count, skills):
        workflow.sign_off(idea, by=committer)
        idea.refresh_from_db()
        mentor = idea.mentor_links.first().user
        changed = edited_content(idea, title=f"{idea.title}, changed")
        workflow.update_idea(idea, changed, by=mentor, expected_version=idea.version)
    client = client_for(committer)

    with django_assert_num_queries(MY_WORK_AS_COMMITTER_QUERIES):
        response = client.get(reverse("reviews:my_work"))

    assert len(response.context["stale_sign_offs"]) == count
    assert len(response.context["awaiting_sign_off"]) == 2 * count


@pytest.mark.parametrize("count", COUNTS)
def test_my_interests_query_count(
    client_for, django_assert_num_queries, program, student, skills, count
):
    for idea in other_ideas(program, count, skills):
        student_workflow.register_interest(idea, by=student, note="Keen")
    client = client_for(student)

    with django_assert_num_queries(MY_INTERESTS_QUERIES):
        response = client.get(reverse("students:my_interests"))

    assert len(response.context["interests"]) == count


@pytest.mark.parametrize("count", COUNTS)
def test_notification_list_query_count(client_for, django_assert_num_queries, mentor, count):
    Notification.objects.bulk_create(
        Notification(
            recipient=mentor,
            kind=Kind.COMMENT,
            event=f"comment-{n}",
            actor=UserFactory(),
            message=f"Someone commented ({n}).",
            url="/",
        )
        for n in range(count)
    )
    client = client_for(mentor)

    with django_assert_num_queries(NOTIFICATION_LIST_QUERIES):
        response = client.get(reverse("notifications:list"))

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", COUNTS)
def test_program_list_query_count(client_for, django_assert_num_queries, student, count):
    phases = [Phase.OPEN, Phase.ARCHIVED, Phase.PREPARING, Phase.PUBLISHED]
    for n in range(count):
        ProgramFactory(phase=phases[n % len(phases)])
    client = client_for(student)

    with django_assert_num_queries(PROGRAM_LIST_QUERIES):
        response = client.get(reverse("gsoc:program_list"))

    assert len(response.context["active"]) + len(response.context["archived"]) == count


@pytest.mark.parametrize("count", COUNTS)
def test_roles_query_count(client_for, django_assert_num_queries, manager, count):
    for n in range(count - 1):  # the manager is the first user on the page
        UserFactory(username=f"person{n}", groups=[COMMITTERS_GROUP, MANAGERS_GROUP][: n % 3])
    client = client_for(manager)

    with django_assert_num_queries(ROLES_QUERIES):
        response = client.get(reverse("gsoc:roles"))

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", COUNTS)
def test_interested_students_query_count(
    client_for, django_assert_num_queries, idea, mentor, count
):
    for n in range(count):
        student_workflow.register_interest(idea, by=UserFactory(), note=f"Keen ({n})")
    client = client_for(mentor)
    url = reverse("students:interested_students", args=[idea.program.slug, idea.slug])

    with django_assert_num_queries(INTERESTED_STUDENTS_QUERIES):
        response = client.get(url)

    assert len(response.context["interests"]) == count


@pytest.mark.parametrize("count", COUNTS)
def test_carry_forward_query_count(client_for, django_assert_num_queries, manager, skills, count):
    source = ProgramFactory(phase=Phase.ARCHIVED)
    target = ProgramFactory(phase=Phase.PREPARING)
    ideas = other_ideas(source, count, skills, state=IdeaState.APPROVED)
    workflow.carry_forward(ideas[:1], target, by=manager)  # one shown as carried already
    client = client_for(manager)
    url = reverse("gsoc:carry_forward", args=[target.slug]) + f"?from={source.slug}"

    with django_assert_num_queries(CARRY_FORWARD_QUERIES):
        response = client.get(url)

    assert len(response.context["ideas"]) == count
