"""Who sees which idea is one rule, written as a predicate (permissions.can_view_idea) and
as a filter (Idea.objects.visible_to): they agree for every role, state and phase."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gsoc import permissions
from gsoc.enums import PUBLIC_STATES, IdeaState, Phase
from gsoc.models import Idea, MentorOffer
from gsoc.shortcuts import with_invitees
from tests.factories import IdeaFactory, ProgramFactory, UserFactory

ROLES = ["visitor", "student", "mentor", "reviewer", "committer", "manager", "invitee"]


@pytest.fixture
def user_for(request):
    def get(role):
        if role == "visitor":
            return AnonymousUser()
        if role == "invitee":
            return UserFactory(username="ivy")
        return request.getfixturevalue(role)

    return get


def _invite(idea, user, by):
    MentorOffer.objects.create(
        idea=idea, kind=MentorOffer.Kind.INVITATION, user=user, invited_by=by, token=f"t{idea.pk}"
    )


@pytest.mark.parametrize("phase", Phase.values)
@pytest.mark.parametrize("state", IdeaState.values)
@pytest.mark.parametrize("role", ROLES)
def test_predicate_and_queryset_agree(user_for, mentor, role, state, phase):
    user = user_for(role)
    program = ProgramFactory(phase=phase)
    idea = IdeaFactory(program=program, mentors=[mentor], state=state)
    other = IdeaFactory(program=program, state=state)  # nobody of the roles mentors it
    if role == "invitee":
        _invite(idea, user, mentor)

    fetched = Idea.objects.select_related("program").prefetch_related("mentor_links")
    by_rule = {i.pk for i in fetched if permissions.can_view_idea(user, with_invitees(i, user))}
    by_filter = set(Idea.objects.visible_to(user).values_list("pk", flat=True))

    assert by_rule == by_filter
    # Positive controls, so that agreeing on "nothing" can't pass.
    readable = state in PUBLIC_STATES and (role != "visitor" or phase != Phase.PREPARING)
    assert (idea.pk in by_filter) is (readable or role in {"mentor", "manager", "invitee"})
    assert (other.pk in by_filter) is (readable or role == "manager")
