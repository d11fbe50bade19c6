"""Defects of pages and smaller rules, each pinned by a test that failed before."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Idea, Program, SignOff
from notifications.models import Notification
from reviews import workflow as review_workflow
from students import workflow as student_workflow
from tests.factories import IdeaFactory, ProgramFactory, UserFactory


def test_my_work_lists_no_stale_sign_off_of_an_archived_program(client_for, committer, mentor):
    live, archived = ProgramFactory(), ProgramFactory()
    for program in (live, archived):
        idea = IdeaFactory(program=program, mentors=[mentor], title=f"In {program.slug}")
        SignOff.objects.create(idea=idea, committer=committer, version=1, signed_at=timezone.now())
        Idea.objects.filter(pk=idea.pk).update(version=2, reviewed_version=2)
    Program.objects.filter(pk=archived.pk).update(phase=Phase.ARCHIVED)

    response = client_for(committer).get(reverse("reviews:my_work"))

    # Positive control: the live one is listed, so an empty list can't pass.
    assert [s.idea.title for s in response.context["stale_sign_offs"]] == [f"In {live.slug}"]


def test_my_interests_lists_no_idea_the_student_can_no_longer_open(
    client_for, student, idea, other_idea, other_mentor
):
    student_workflow.register_interest(idea, by=student)
    student_workflow.register_interest(other_idea, by=student)
    workflow.withdraw(other_idea, by=other_mentor)

    response = client_for(student).get(reverse("students:my_interests"))

    assert [i.idea.title for i in response.context["interests"]] == [idea.title]
    assert client_for(student).get(idea.get_absolute_url()).status_code == 200


def test_home_page_shows_a_program_in_preparation_to_members_only(client_for, program, mentor):
    ProgramFactory(name="Outreachy round 40", slug="outreachy-40", phase=Phase.PREPARING)

    member = client_for(mentor).get(reverse("gsoc:home"))
    visitor = client_for(None).get(reverse("gsoc:home"))

    assert [p.slug for p in member.context["preparing"]] == ["outreachy-40"]
    assert "Outreachy round 40" in member.text
    assert visitor.context["preparing"] == []
    assert "Outreachy round 40" not in visitor.text


def test_roles_page_is_linked_for_managers(client_for, manager, mentor, program):
    roles = reverse("gsoc:roles")

    assert f'href="{roles}"' in client_for(manager).get(reverse("gsoc:program_list")).text
    assert f'href="{roles}"' not in client_for(mentor).get(reverse("gsoc:program_list")).text


def test_roles_search_is_kept_url_encoded_after_a_change(client_for, manager, student):
    response = client_for(manager).post(
        reverse("gsoc:roles"),
        {"user": student.pk, "role": "committers", "grant": "1", "q": "a&b c"},
    )

    assert response.url == reverse("gsoc:roles") + "?q=a%26b+c"


def test_superusers_are_told_of_interest(idea, student):
    admin = UserFactory(username="root", is_superuser=True)

    student_workflow.register_interest(idea, by=student)

    assert Notification.objects.filter(recipient=admin, kind="interest").count() == 1


def test_unhiding_a_comment_clears_its_reason(idea, reviewer, manager):
    comment = review_workflow.add_comment(idea, by=reviewer, body="Off topic.")
    review_workflow.hide_comment(comment, by=manager, reason="Off topic")

    shown = review_workflow.unhide_comment(comment, by=manager)

    assert (shown.is_hidden, shown.hidden_reason) == (False, "")


def test_verified_check_uses_the_site_time_zone(settings, program, mentor):
    settings.TIME_ZONE = "America/Los_Angeles"
    # Created at 03:00 UTC on 2 March: still 1 March in Los Angeles.
    started = datetime.datetime(2031, 3, 2, 3, 0, tzinfo=datetime.UTC)
    Program.objects.filter(pk=program.pk).update(created_at=started)
    idea = IdeaFactory(
        program=Program.objects.get(pk=program.pk), verified_at=datetime.date(2031, 3, 1)
    )

    assert idea.needs_verification is False
    idea.verified_at = datetime.date(2031, 2, 28)
    assert idea.needs_verification is True


def test_carry_forward_ignores_forged_drafts(client_for, manager, mentor):
    source = ProgramFactory(phase=Phase.ARCHIVED)
    target = ProgramFactory(phase=Phase.PREPARING)
    public = IdeaFactory(program=source, mentors=[mentor], title="Public one")
    draft = IdeaFactory(
        program=source, mentors=[mentor], title="Private draft", state=IdeaState.DRAFT
    )

    client_for(manager).post(
        reverse("gsoc:carry_forward", args=[target.slug]),
        {"from": source.slug, "ideas": [public.pk, draft.pk]},
    )

    assert list(Idea.objects.filter(program=target).values_list("title", flat=True)) == [
        "Public one"
    ]


def test_carried_forward_idea_page_costs_no_extra_queries(
    client_for, manager, mentor, django_assert_num_queries
):
    source = ProgramFactory(phase=Phase.ARCHIVED)
    target = ProgramFactory(phase=Phase.OPEN)
    plain = IdeaFactory(program=target, mentors=[mentor], slug="plain")
    origin = IdeaFactory(program=source, mentors=[mentor])
    carried = IdeaFactory(program=target, mentors=[mentor], slug="carried", origin=origin)
    client = client_for(None)
    client.get(plain.get_absolute_url())  # warm the session-free caches alike

    with django_assert_num_queries(_count(client, plain)):
        response = client.get(carried.get_absolute_url())
    assert source.name in response.text


def _count(client, idea) -> int:
    from django.db import connection  # only for counting
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(idea.get_absolute_url())
    return len(queries)


@pytest.mark.parametrize("count", [2, 12])
def test_required_sign_off_change_reads_the_ideas_at_once(
    manager, program, count, django_assert_num_queries
):
    # Nothing moves (no idea has a sign-off): the cost doesn't grow with the ideas.
    for _ in range(count):
        IdeaFactory(program=program)
    program = Program.objects.get(pk=program.pk)
    program.required_sign_offs = 2

    # Savepoints, the locked program, the save, its activity, the locked ideas at once.
    with django_assert_num_queries(7):
        workflow.save_program(program, by=manager, expected_version=program.version)

    assert Program.objects.get(pk=program.pk).required_sign_offs == 2
