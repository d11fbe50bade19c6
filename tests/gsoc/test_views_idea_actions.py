"""The submit, withdraw and reopen buttons of an idea per role: POST only, state changes
for its mentors and managers, forbidden or not found for others.
"""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from gsoc.enums import IdeaState
from gsoc.models import Activity
from tests.gsoc.idea_views_support import ALL_ROLES, EDITORS, OUTSIDERS, edit_data, login_url, url

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- submit / withdraw / reopen ----------------------------------------------------------


ACTIONS = ["idea_submit", "idea_withdraw", "idea_reopen"]


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_idea_action_get_not_allowed(as_role, idea, action, role):
    _, client = as_role(role)

    response = client.get(url(action, idea))

    idea.refresh_from_db()
    assert response.status_code == 405
    assert idea.state == IdeaState.NEEDS_REVIEW


@pytest.mark.parametrize("action", ACTIONS)
def test_idea_action_visitor_redirected_to_login(client, idea, action):
    path = url(action, idea)

    response = client.post(path)

    idea.refresh_from_db()
    assert response.status_code == 302
    assert response.url == login_url(path)
    assert idea.state == IdeaState.NEEDS_REVIEW


@pytest.mark.parametrize("role", EDITORS)
def test_idea_submit_by_mentor_or_manager_moves_draft_to_review(as_role, draft_idea, role):
    user, client = as_role(role)

    response = client.post(url("idea_submit", draft_idea))

    draft_idea.refresh_from_db()
    assert response.status_code == 302
    assert response.url == url("idea_detail", draft_idea)
    assert draft_idea.state == IdeaState.NEEDS_REVIEW
    assert messages_of(response) == ["Submitted: the idea now needs review."]
    assert Activity.objects.filter(idea=draft_idea, verb="submitted").get().actor == user


@pytest.mark.parametrize("role", OUTSIDERS)
def test_idea_submit_draft_not_found_for_others(as_role, draft_idea, role):
    _, client = as_role(role)

    response = client.post(url("idea_submit", draft_idea))

    draft_idea.refresh_from_db()
    assert response.status_code == 404
    assert draft_idea.state == IdeaState.DRAFT


@pytest.mark.parametrize("role", OUTSIDERS)
def test_idea_submit_forged_post_on_public_idea_forbidden(as_role, idea, role):
    _, client = as_role(role)

    response = client.post(url("idea_submit", idea))

    assert response.status_code == 403
    assert Activity.objects.filter(idea=idea).count() == 0


def test_idea_submit_of_public_idea_refused_with_message(client_for, mentor, idea):
    client = client_for(mentor)

    response = client.post(url("idea_submit", idea))

    idea.refresh_from_db()
    assert response.status_code == 302
    assert idea.state == IdeaState.NEEDS_REVIEW
    assert messages_of(response) == ["Only a draft can be submitted for review."]


@pytest.mark.parametrize("role", EDITORS)
def test_idea_withdraw_by_mentor_or_manager(as_role, idea, role):
    user, client = as_role(role)

    response = client.post(url("idea_withdraw", idea))

    idea.refresh_from_db()
    assert response.status_code == 302
    assert response.url == url("idea_detail", idea)
    assert idea.state == IdeaState.WITHDRAWN
    activity = Activity.objects.filter(idea=idea, verb="withdrawn").get()
    assert (activity.actor, activity.detail) == (user, {"previous": "needs_review"})


@pytest.mark.parametrize("role", OUTSIDERS)
def test_idea_withdraw_forged_post_forbidden(as_role, idea, role):
    _, client = as_role(role)

    response = client.post(url("idea_withdraw", idea))

    idea.refresh_from_db()
    assert response.status_code == 403
    assert idea.state == IdeaState.NEEDS_REVIEW


def test_idea_withdraw_twice_refused_with_message(client_for, mentor, withdrawn_idea):
    client = client_for(mentor)

    response = client.post(url("idea_withdraw", withdrawn_idea))

    assert response.status_code == 302
    assert messages_of(response) == ["This idea is already withdrawn."]


@pytest.mark.parametrize("role", EDITORS)
def test_idea_reopen_by_mentor_or_manager_makes_draft(as_role, withdrawn_idea, role):
    _, client = as_role(role)

    response = client.post(url("idea_reopen", withdrawn_idea))

    withdrawn_idea.refresh_from_db()
    assert response.status_code == 302
    assert withdrawn_idea.state == IdeaState.DRAFT


@pytest.mark.parametrize("role", OUTSIDERS)
def test_idea_reopen_withdrawn_idea_not_found_for_others(as_role, withdrawn_idea, role):
    # A withdrawn idea is hidden from them, so they get 404 rather than 403 (STYLE.md).
    _, client = as_role(role)

    response = client.post(url("idea_reopen", withdrawn_idea))

    withdrawn_idea.refresh_from_db()
    assert response.status_code == 404
    assert withdrawn_idea.state == IdeaState.WITHDRAWN


@pytest.mark.parametrize("role", OUTSIDERS)
def test_idea_reopen_forged_post_on_public_idea_forbidden(as_role, idea, role):
    _, client = as_role(role)

    response = client.post(url("idea_reopen", idea))

    assert response.status_code == 403


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", EDITORS)
def test_idea_action_archived_program_forbidden(as_role, archived_idea, action, role):
    _, client = as_role(role)

    response = client.post(url(action, archived_idea))

    archived_idea.refresh_from_db()
    assert response.status_code == 403
    assert archived_idea.state == IdeaState.NEEDS_REVIEW


@pytest.mark.parametrize("action", ["idea_withdraw", "idea_edit"])
def test_idea_action_without_csrf_token_refused(mentor, idea, action):
    client = Client(enforce_csrf_checks=True)
    client.force_login(mentor)

    response = client.post(url(action, idea), edit_data(idea, title="Cross-site"))

    idea.refresh_from_db()
    assert response.status_code == 403
    assert (idea.state, idea.title) == (IdeaState.NEEDS_REVIEW, "Faster widget")


@pytest.mark.parametrize("action", ACTIONS)
def test_idea_action_unknown_idea_not_found(client_for, manager, program, action):
    client = client_for(manager)

    response = client.post(reverse(f"gsoc:{action}", args=[program.slug, "no-such-idea"]))

    assert response.status_code == 404
