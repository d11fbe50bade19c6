"""Invitations to co-mentor by email: the link in the email is how an address with no
account yet answers, and nobody else can answer it from the idea page."""

from django.urls import reverse

from gsoc import workflow
from gsoc.models import Idea, MentorOffer
from tests.factories import UserFactory


def test_an_address_without_account_accepts_through_the_emailed_link(
    client_for, idea, mentor, other_mentor
):
    [invitation] = workflow.invite(idea, ["newcomer@example.net"], by=mentor)
    newcomer = UserFactory(username="newbie", email="newcomer@example.net")
    link = reverse("gsoc:mentor_invitation", args=[invitation.token])

    # Others on the idea page see it as waiting, with nothing to click.
    panel = client_for(mentor).get(idea.get_absolute_url())
    assert [(o.pk, bool(o.can_decline)) for o in panel.context["invitations"]] == [
        (invitation.pk, False)
    ]
    page = client_for(newcomer).get(link)
    response = client_for(newcomer).post(link, {"accept": "1"})

    assert bool(page.context["can_answer"]) is True
    assert response.url == idea.get_absolute_url()
    assert Idea.objects.get(pk=idea.pk).ordered_mentors() == [mentor, newcomer]
    assert MentorOffer.objects.get(pk=invitation.pk).user == newcomer


def test_a_mentor_of_the_idea_cannot_take_an_emailed_invitation(client_for, idea, mentor):
    [invitation] = workflow.invite(idea, ["newcomer@example.net"], by=mentor)
    link = reverse("gsoc:mentor_invitation", args=[invitation.token])

    client_for(mentor).post(link, {"accept": "1"})

    assert MentorOffer.objects.get(pk=invitation.pk).status == MentorOffer.Status.PENDING
    assert Idea.objects.get(pk=idea.pk).ordered_mentors() == [mentor]


def test_creating_an_idea_counts_its_first_mentor_towards_the_limit(program, mentor):
    others = [UserFactory() for _ in range(5)]
    content = workflow.IdeaContent(
        fields={
            "title": "Crowded",
            "difficulty_min": 1,
            "difficulty_max": 1,
            "project_size": 175,
            "skills_note": "",
            "description": "Many hands.",
            "outcomes": "",
            "steps": "",
            "references": "",
            "is_program_eligible": True,
        },
        skills=[],
        mentors=[],
        invite=others,
    )

    try:
        workflow.create_idea(program, content, by=mentor)
    except Exception as exc:  # noqa: BLE001 - the message is what is checked
        refused = str(exc)
    else:
        refused = ""
    assert "at most 5 mentors" in refused
    assert not Idea.objects.filter(title="Crowded").exists()
