"""The idea create and edit pages per role: who may open and post them, and what a
forbidden post leaves unchanged.
"""

import pytest
from django.urls import reverse

from gsoc.enums import Phase
from gsoc.models import Activity, Idea
from tests.factories import ProgramFactory
from tests.gsoc.idea_views_support import (
    EDITORS,
    OUTSIDERS,
    SIGNED_IN_ROLES,
    edit_data,
    login_url,
    url,
)
from tests.helpers import page_heading

pytestmark = pytest.mark.django_db


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
