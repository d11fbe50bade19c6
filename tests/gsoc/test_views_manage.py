"""Managers' pages: readiness dashboard, final list, phases, carry forward, roles; and the
mentor-facing verify and co-mentor offers."""

import pytest
from django.urls import reverse

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Idea, IdeaMentor, MentorOffer, Program, SignOff
from gsoc.permissions import COMMITTERS_GROUP
from students.models import Interest
from tests.factories import IdeaFactory, ProgramFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db

NON_MANAGERS = ["student", "mentor", "other_mentor", "reviewer", "committer"]


def _url(name, program, *args):
    return reverse(f"gsoc:{name}", args=[program.slug, *args])


def test_dashboard_for_manager_shows_counts_and_checks(client_for, program, idea, manager):
    response = client_for(manager).get(_url("dashboard", program))

    assert response.status_code == 200
    assert response.context["approved_count"] == 0
    assert response.context["target"] == program.target_list_size
    [check] = response.context["checks"]
    assert check["idea"] == idea
    assert "a single mentor" in check["problems"]
    assert "no interested student yet" in check["problems"]
    assert "Can we apply with this list?" in response.text


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_dashboard_for_non_manager_is_forbidden(request, client_for, program, role):
    response = client_for(request.getfixturevalue(role)).get(_url("dashboard", program))

    assert response.status_code == 403


def test_dashboard_for_visitor_redirects_to_login(client, program):
    response = client.get(_url("dashboard", program))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def _many_ideas(program, count):
    mentors = [UserFactory() for _ in range(4)]
    skills = [SkillFactory() for _ in range(6)]
    committer = UserFactory(groups=[COMMITTERS_GROUP])
    ideas = Idea.objects.bulk_create(
        Idea(
            program=program,
            slug=f"bulk-{n}",
            title=f"Bulk idea {n}",
            project_size=175,
            description="Short.",
            state=IdeaState.NEEDS_REVIEW if n % 2 else IdeaState.REVIEWED,
        )
        for n in range(count)
    )
    IdeaMentor.objects.bulk_create(
        IdeaMentor(idea=idea, user=mentors[(idea.pk + k) % 4], position=k)
        for idea in ideas
        for k in range(2)
    )
    Idea.skills.through.objects.bulk_create(
        Idea.skills.through(idea_id=idea.pk, skill_id=skill.pk)
        for idea in ideas
        for skill in skills[:3]
    )
    SignOff.objects.bulk_create(
        SignOff(idea=idea, committer=committer, version=1, signed_at=idea.created_at)
        for idea in ideas
    )
    student = UserFactory()
    Interest.objects.bulk_create(Interest(idea=idea, student=student) for idea in ideas[::3])


@pytest.mark.parametrize("count", [3, 200])
def test_dashboard_query_count_is_constant(
    client_for, program, manager, count, django_assert_num_queries
):
    _many_ideas(program, count)
    client = client_for(manager)
    client.get(_url("dashboard", program))  # warm the session

    with django_assert_num_queries(8):
        response = client.get(_url("dashboard", program))

    assert len(response.context["checks"]) == count


def test_final_list_bulk_approve_and_unapprove(client_for, program, committer, manager):
    first, second, waiting = (IdeaFactory(program=program) for _ in range(3))
    for idea in (first, second):
        workflow.sign_off(idea, by=committer)
    client = client_for(manager)

    response = client.post(
        _url("final_list", program),
        {"action": "approve", "ideas": [first.pk, second.pk, waiting.pk]},
        follow=True,
    )
    states = dict(Idea.objects.values_list("pk", "state"))

    assert (states[first.pk], states[second.pk], states[waiting.pk]) == (
        IdeaState.APPROVED,
        IdeaState.APPROVED,
        IdeaState.NEEDS_REVIEW,
    )
    assert "2 ideas approved." in response.text
    assert "Only community-reviewed ideas can be approved." in response.text

    client.post(_url("final_list", program), {"action": "unapprove", "ideas": [first.pk]})

    assert Idea.objects.get(pk=first.pk).state == IdeaState.REVIEWED


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_final_list_by_non_manager_is_forbidden(request, client_for, program, idea, role):
    response = client_for(request.getfixturevalue(role)).post(
        _url("final_list", program), {"ideas": [idea.pk]}
    )

    assert response.status_code == 403


def test_publish_then_page_leads_with_final_list(client_for, client, program, committer, manager):
    approved = IdeaFactory(program=program, title="On the list")
    IdeaFactory(program=program, title="Still in review")
    workflow.sign_off(approved, by=committer)
    workflow.approve(Idea.objects.get(pk=approved.pk), by=manager)

    client_for(manager).post(_url("program_publish", program))
    client.logout()
    response = client.get(program.get_absolute_url())

    assert Program.objects.get(pk=program.pk).phase == Phase.PUBLISHED
    anchors = [
        (anchor, heading, [i.title for i in ideas])
        for anchor, heading, ideas in response.context["sections"]
        if ideas
    ]
    assert anchors[0] == ("final-list", "Final list", ["On the list"])
    assert anchors[1][2] == ["Still in review"]


def test_publish_twice_shows_message(client_for, program, idea, committer, manager):
    workflow.sign_off(idea, by=committer)
    workflow.approve(Idea.objects.get(pk=idea.pk), by=manager)
    client = client_for(manager)
    client.post(_url("program_publish", program))

    response = client.post(_url("program_publish", program), follow=True)

    assert "This program is already published." in response.text


def test_archive_asks_then_archives(client_for, program, idea, manager):
    client = client_for(manager)

    page = client.get(_url("program_archive", program))
    client.post(_url("program_archive", program), {"confirm": "yes"})

    assert "1 idea of this program is still a draft, in review" in page.text
    assert Program.objects.get(pk=program.pk).phase == Phase.ARCHIVED


def test_archive_without_confirmation_changes_nothing(client_for, program, idea, manager):
    response = client_for(manager).post(_url("program_archive", program), follow=True)

    assert "Confirm to archive anyway." in response.text
    assert Program.objects.get(pk=program.pk).phase == Phase.OPEN


def test_archived_program_settings_are_forbidden(client_for, program, manager):
    program.phase = Phase.ARCHIVED
    program.save()

    response = client_for(manager).get(_url("program_edit", program))

    assert response.status_code == 403


def test_program_settings_form_has_no_phase(client_for, program, manager):
    response = client_for(manager).get(_url("program_edit", program))

    assert "phase" not in response.context["form"].fields


def test_carry_forward_page_copies_ticked_ideas(client_for, idea, manager):
    target = ProgramFactory(phase=Phase.PREPARING)
    client = client_for(manager)

    page = client.get(_url("carry_forward", target) + f"?from={idea.program.slug}")
    client.post(_url("carry_forward", target), {"from": idea.program.slug, "ideas": [idea.pk]})

    assert [i.pk for i in page.context["ideas"]] == [idea.pk]
    copy = Idea.objects.get(program=target)
    assert (copy.origin, copy.state, copy.verified_at) == (idea, IdeaState.DRAFT, None)


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_carry_forward_by_non_manager_is_forbidden(request, client_for, idea, role):
    target = ProgramFactory()

    response = client_for(request.getfixturevalue(role)).post(
        _url("carry_forward", target), {"from": idea.program.slug, "ideas": [idea.pk]}
    )

    assert response.status_code == 403
    assert Idea.objects.filter(program=target).count() == 0


def test_roles_page_grants_committer(client_for, manager, student):
    client = client_for(manager)

    client.post(reverse("gsoc:roles"), {"user": student.pk, "role": "committers", "grant": "1"})

    assert list(student.groups.values_list("name", flat=True)) == ["committers"]


@pytest.mark.parametrize("role", NON_MANAGERS)
def test_roles_page_by_non_manager_is_forbidden(request, client_for, student, role):
    client = client_for(request.getfixturevalue(role))

    get = client.get(reverse("gsoc:roles"))
    post = client.post(
        reverse("gsoc:roles"), {"user": student.pk, "role": "managers", "grant": "1"}
    )

    assert (get.status_code, post.status_code) == (403, 403)
    assert student.groups.count() == 0


def test_verify_by_mentor(client_for, idea, mentor):
    Idea.objects.filter(pk=idea.pk).update(verified_at=None)

    client_for(mentor).post(_url("idea_verify", idea.program, idea.slug))

    assert Idea.objects.get(pk=idea.pk).verified_at is not None


@pytest.mark.parametrize("role", ["student", "other_mentor", "committer"])
def test_verify_by_others_is_forbidden(request, client_for, idea, role):
    response = client_for(request.getfixturevalue(role)).post(
        _url("idea_verify", idea.program, idea.slug)
    )

    assert response.status_code == 403


def test_offer_and_accept_co_mentor_through_pages(client_for, idea, mentor, reviewer):
    client_for(reviewer).post(
        _url("mentor_offer", idea.program, idea.slug), {"message": "I can help"}
    )
    offer = MentorOffer.objects.get()
    page = client_for(mentor).get(idea.get_absolute_url())

    client_for(mentor).post(
        _url("mentor_offer_decide", idea.program, idea.slug, offer.pk), {"accept": "1"}
    )

    assert [o.pk for o in page.context["volunteer_offers"]] == [offer.pk]
    assert Idea.objects.get(pk=idea.pk).ordered_mentors() == [mentor, reviewer]


def test_offer_decided_by_non_mentor_is_forbidden(client_for, idea, reviewer, other_mentor):
    client_for(reviewer).post(_url("mentor_offer", idea.program, idea.slug))
    offer = MentorOffer.objects.get()

    response = client_for(other_mentor).post(
        _url("mentor_offer_decide", idea.program, idea.slug, offer.pk), {"accept": "1"}
    )

    assert response.status_code == 403
    assert MentorOffer.objects.get().status == MentorOffer.Status.PENDING
