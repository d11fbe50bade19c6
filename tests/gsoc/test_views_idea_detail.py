"""The idea page per role: who may read it, email addresses, edit flags.

Every view has an allowed and a forbidden test for each role. Roles are the fixtures of
tests/conftest.py; "visitor" is nobody signed in.
"""

import re

import pytest
from django.urls import reverse

from gsoc.enums import Phase
from tests.factories import IdeaFactory, ProgramFactory
from tests.gsoc.idea_views_support import (
    ALL_ROLES,
    EDITORS,
    OUTSIDERS,
    SIGNED_IN_ROLES,
    url,
)
from tests.helpers import page_heading

pytestmark = pytest.mark.django_db


EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


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
