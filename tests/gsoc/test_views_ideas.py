"""Idea pages per role: detail, create, edit and the submit / withdraw / reopen actions.

Every view has an allowed and a forbidden test for each role. Roles are the fixtures of
tests/conftest.py; "visitor" is nobody signed in.
"""

import re
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from gsoc.enums import IdeaState, Phase
from gsoc.models import Activity, Idea
from tests.factories import IdeaFactory, ProgramFactory

pytestmark = pytest.mark.django_db

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
H1_RE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)

ALL_ROLES = ["visitor", "student", "mentor", "other_mentor", "reviewer", "committer", "manager"]
SIGNED_IN_ROLES = [role for role in ALL_ROLES if role != "visitor"]
# May change the idea: its mentor and community managers.
EDITORS = ["mentor", "manager"]
# Signed in, but neither a mentor of the idea nor a manager.
OUTSIDERS = ["student", "other_mentor", "reviewer", "committer"]


@pytest.fixture
def withdrawn_idea(program, mentor):
    return IdeaFactory(
        program=program, mentors=[mentor], title="Given up", slug="given-up", state="withdrawn"
    )


@pytest.fixture
def archived_idea(mentor):
    archive = ProgramFactory(name="GSoC 2013", slug="gsoc-2013", phase=Phase.ARCHIVED)
    return IdeaFactory(program=archive, mentors=[mentor], title="Old one", slug="old-one")


def url(name, idea):
    return reverse(f"gsoc:{name}", args=[idea.program.slug, idea.slug])


def login_url(next_path):
    return f"{reverse('account_login')}?next={quote(next_path)}"


def page_heading(response) -> str:
    return H1_RE.search(response.text).group(1).strip()


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def edit_data(idea, **overrides):
    data = {
        "title": idea.title,
        "difficulty_min": str(idea.difficulty_min),
        "difficulty_max": str(idea.difficulty_max),
        "project_size": str(idea.project_size),
        "skills": "",
        "skills_note": idea.skills_note,
        "mentors": ", ".join(link.user.username for link in idea.mentor_links.all()),
        "description": idea.description,
        "outcomes": idea.outcomes,
        "steps": idea.steps,
        "references": idea.references,
        "is_program_eligible": "on",
        "version": str(idea.version),
    }
    data.update(overrides)
    return data


# --- idea_detail -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_idea_detail_public_idea_readable_by_every_role(as_role, idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_detail", idea))

    assert response.status_code == 200
    assert page_heading(response) == "Faster widget"


@pytest.mark.parametrize("role", EDITORS)
def test_idea_detail_draft_readable_by_its_mentor_and_manager(as_role, draft_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_detail", draft_idea))

    assert response.status_code == 200
    assert page_heading(response) == "Secret draft"


@pytest.mark.parametrize("role", ["visitor", *OUTSIDERS])
def test_idea_detail_draft_not_found_for_others(as_role, draft_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_detail", draft_idea))

    assert response.status_code == 404
    assert page_heading(response) == "Page not found"


@pytest.mark.parametrize("role", ["visitor", *OUTSIDERS])
def test_idea_detail_withdrawn_not_found_for_others(as_role, withdrawn_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_detail", withdrawn_idea))

    assert response.status_code == 404


@pytest.mark.parametrize("role", EDITORS)
def test_idea_detail_withdrawn_readable_by_its_mentor_and_manager(as_role, withdrawn_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_detail", withdrawn_idea))

    assert response.status_code == 200
    assert bool(response.context["can_reopen"]) is True


def test_idea_detail_shows_no_email_address_to_visitor(as_role, idea, mentor):
    _, client = as_role("visitor")

    response = client.get(url("idea_detail", idea))

    assert response.status_code == 200
    assert EMAIL_RE.findall(response.text) == []
    assert response.context["mentors"] == [mentor]
    assert mentor.get_display_name() in response.text


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_idea_detail_shows_mentor_email_to_signed_in_user(as_role, idea, mentor, role):
    _, client = as_role(role)

    response = client.get(url("idea_detail", idea))

    assert response.status_code == 200
    assert set(EMAIL_RE.findall(response.text)) == {mentor.email}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", False),
        ("student", False),
        ("other_mentor", False),
        ("reviewer", False),
        ("committer", False),
        ("mentor", True),
        ("manager", True),
    ],
)
def test_idea_detail_edit_flag_per_role(as_role, idea, role, expected):
    _, client = as_role(role)

    response = client.get(url("idea_detail", idea))

    assert bool(response.context["can_edit"]) is expected
    assert (url("idea_edit", idea) in response.text) is expected


@pytest.mark.parametrize(
    ("program_slug", "idea_slug"),
    [("gsoc-2031", "no-such-idea"), ("no-such-program", "faster-widget")],
)
def test_idea_detail_unknown_slug_not_found(client, idea, program_slug, idea_slug):
    response = client.get(reverse("gsoc:idea_detail", args=[program_slug, idea_slug]))

    assert response.status_code == 404


def test_idea_detail_of_other_program_not_found(client, idea):
    elsewhere = ProgramFactory(slug="outreachy-40")

    response = client.get(reverse("gsoc:idea_detail", args=[elsewhere.slug, idea.slug]))

    assert response.status_code == 404


def test_idea_detail_preparing_program_not_found_for_visitor(client, mentor):
    preparing = ProgramFactory(slug="gsoc-2040", phase=Phase.PREPARING)
    early = IdeaFactory(program=preparing, mentors=[mentor], slug="early")

    response = client.get(url("idea_detail", early))

    assert response.status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_idea_detail_archived_program_readable_without_edit_buttons(as_role, archived_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_detail", archived_idea))

    assert response.status_code == 200
    assert page_heading(response) == "Old one"
    assert bool(response.context["can_edit"]) is False
    assert bool(response.context["can_withdraw"]) is False


# --- idea_create -------------------------------------------------------------------------


def test_idea_create_visitor_redirected_to_login(client, program):
    path = reverse("gsoc:idea_create", args=[program.slug])

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == login_url(path)


def test_idea_create_visitor_post_redirected_without_creating(client, program):
    path = reverse("gsoc:idea_create", args=[program.slug])

    response = client.post(path, {"title": "Sneaky", "description": "x", "project_size": "90"})

    assert response.status_code == 302
    assert response.url == login_url(path)
    assert Idea.objects.count() == 0


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_idea_create_form_shown_to_signed_in_user(as_role, program, role):
    _, client = as_role(role)

    response = client.get(reverse("gsoc:idea_create", args=[program.slug]))

    assert response.status_code == 200
    assert page_heading(response) == "Propose an idea for Google Summer of Code 2031"
    assert response.context["creating"] is True


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_idea_create_archived_program_forbidden(as_role, role):
    archive = ProgramFactory(slug="gsoc-2013", phase=Phase.ARCHIVED)
    _, client = as_role(role)

    response = client.post(
        reverse("gsoc:idea_create", args=[archive.slug]),
        {"title": "Late", "description": "x", "project_size": "90", "submit": "1"},
    )

    assert response.status_code == 403
    assert Idea.objects.filter(program=archive).count() == 0


def test_idea_create_unknown_program_not_found(client_for, student):
    client = client_for(student)

    response = client.get(reverse("gsoc:idea_create", args=["no-such-program"]))

    assert response.status_code == 404


# --- idea_edit ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", EDITORS)
def test_idea_edit_form_shown_to_mentor_and_manager(as_role, idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_edit", idea))

    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Faster widget"
    assert response.context["form"]["version"].value() == 1


@pytest.mark.parametrize("role", EDITORS)
def test_idea_edit_post_saves_for_mentor_and_manager(as_role, idea, role):
    user, client = as_role(role)

    response = client.post(url("idea_edit", idea), edit_data(idea, title="Much faster widget"))

    idea.refresh_from_db()
    assert response.status_code == 302
    assert response.url == url("idea_detail", idea)
    assert (idea.title, idea.slug, idea.version) == ("Much faster widget", "faster-widget", 2)
    assert Activity.objects.filter(idea=idea, verb="edited").get().actor == user


@pytest.mark.parametrize("role", OUTSIDERS)
def test_idea_edit_forbidden_for_others(as_role, idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_edit", idea))

    assert response.status_code == 403
    assert page_heading(response) == "Not allowed"


@pytest.mark.parametrize("role", OUTSIDERS)
def test_idea_edit_forged_post_forbidden_and_changes_nothing(as_role, idea, role):
    user, client = as_role(role)

    response = client.post(
        url("idea_edit", idea), edit_data(idea, title="Hijacked", mentors=user.username)
    )

    idea.refresh_from_db()
    assert response.status_code == 403
    assert (idea.title, idea.version) == ("Faster widget", 1)
    assert idea.ordered_mentors() != [user]


def test_idea_edit_visitor_get_redirected_to_login(client, idea):
    path = url("idea_edit", idea)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url == login_url(path)


def test_idea_edit_visitor_post_redirected_and_changes_nothing(client, idea):
    path = url("idea_edit", idea)

    response = client.post(path, edit_data(idea, title="Hijacked"))

    idea.refresh_from_db()
    assert response.status_code == 302
    assert response.url == login_url(path)
    assert idea.title == "Faster widget"


@pytest.mark.parametrize("role", OUTSIDERS)
def test_idea_edit_of_draft_not_found_for_others(as_role, draft_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_edit", draft_idea))

    assert response.status_code == 404


@pytest.mark.parametrize("role", EDITORS)
def test_idea_edit_archived_program_forbidden(as_role, archived_idea, role):
    _, client = as_role(role)

    response = client.post(url("idea_edit", archived_idea), edit_data(archived_idea, title="New"))

    archived_idea.refresh_from_db()
    assert response.status_code == 403
    assert archived_idea.title == "Old one"


def test_idea_edit_unknown_idea_not_found(client_for, manager, program):
    client = client_for(manager)

    response = client.get(reverse("gsoc:idea_edit", args=[program.slug, "no-such-idea"]))

    assert response.status_code == 404


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
