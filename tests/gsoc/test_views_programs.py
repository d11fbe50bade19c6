"""Program pages per role: home, the program list and a program's page.

Roles are the fixtures of tests/conftest.py; "visitor" is nobody signed in.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from gsoc.enums import Phase
from gsoc.models import Program
from tests.factories import IdeaFactory, ProgramFactory
from tests.helpers import page_heading

pytestmark = pytest.mark.django_db


EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CARD_TITLE_RE = re.compile(r'<h3 class="h5 card-title"[^>]*>\s*<a href="[^"]*">(.*?)</a>', re.S)
ALL_ROLES = ["visitor", "student", "mentor", "other_mentor", "reviewer", "committer", "manager"]
SIGNED_IN_ROLES = [role for role in ALL_ROLES if role != "visitor"]


def card_titles(response) -> list[str]:
    return [title.strip() for title in CARD_TITLE_RE.findall(response.text)]


# --- home --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_home_shows_current_program_ideas(as_role, idea, role):
    _, client = as_role(role)

    response = client.get(reverse("gsoc:home"))

    assert response.status_code == 200
    assert page_heading(response) == "Google Summer of Code 2031"
    assert card_titles(response)[0:1] == ["Faster widget"]


def test_home_picks_newest_open_program(client, program):
    ProgramFactory(name="Outreachy round 40", slug="outreachy-40", phase=Phase.PUBLISHED)
    ProgramFactory(name="Next year", slug="next", phase=Phase.PREPARING)
    Program.objects.exclude(pk=program.pk).update(created_at=program.created_at + timedelta(1))

    response = client.get(reverse("gsoc:home"))

    assert page_heading(response) == "Outreachy round 40"


def test_home_without_program_shows_welcome(client, db):
    response = client.get(reverse("gsoc:home"))

    assert response.status_code == 200
    assert page_heading(response) == "Welcome to GSoC Ideas"
    assert bool(response.context["can_manage_programs"]) is False


def test_home_without_program_offers_manager_to_start_one(client_for, manager):
    client = client_for(manager)

    response = client.get(reverse("gsoc:home"))

    assert bool(response.context["can_manage_programs"]) is True
    assert reverse("gsoc:program_create") in response.text


def test_home_visitor_sees_no_draft_and_no_email(client, idea, draft_idea, mentor):
    response = client.get(reverse("gsoc:home"))

    assert card_titles(response) == ["Faster widget"]
    assert mentor.get_display_name() in response.text  # the card names its mentor
    assert EMAIL_RE.findall(response.text) == []


# --- program_list ------------------------------------------------------------------------


@pytest.fixture
def programs(db):
    return {
        phase: ProgramFactory(name=f"Program {phase}", slug=f"program-{phase}", phase=phase)
        for phase in Phase.values
    }


def test_program_list_visitor_sees_public_programs_and_archive(client, programs):
    response = client.get(reverse("gsoc:program_list"))

    assert response.status_code == 200
    assert {p.slug for p in response.context["active"]} == {"program-published", "program-open"}
    assert [p.slug for p in response.context["archived"]] == ["program-archived"]


@pytest.mark.parametrize("role", SIGNED_IN_ROLES)
def test_program_list_signed_in_user_also_sees_preparing(as_role, programs, role):
    _, client = as_role(role)

    response = client.get(reverse("gsoc:program_list"))

    assert response.status_code == 200
    assert {p.slug for p in response.context["active"]} == {
        "gsoc-2031",  # the fixture program of other_idea
        "program-open",
        "program-published",
        "program-preparing",
    }


@pytest.mark.parametrize(("role", "expected"), [("visitor", False), ("mentor", False)])
def test_program_list_new_program_link_hidden_from_non_manager(as_role, programs, role, expected):
    _, client = as_role(role)

    response = client.get(reverse("gsoc:program_list"))

    assert bool(response.context["can_manage_programs"]) is expected
    assert (reverse("gsoc:program_create") in response.text) is expected


def test_program_list_new_program_link_shown_to_manager(client_for, manager):
    client = client_for(manager)

    response = client.get(reverse("gsoc:program_list"))

    assert bool(response.context["can_manage_programs"]) is True
    assert reverse("gsoc:program_create") in response.text


# --- program_detail ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["visitor", "student", "other_mentor", "reviewer", "committer"])
def test_program_detail_hides_drafts_from_others(as_role, idea, draft_idea, role):
    _, client = as_role(role)

    response = client.get(reverse("gsoc:program_detail", args=["gsoc-2031"]))

    assert response.status_code == 200
    assert card_titles(response) == ["Faster widget", "Other one"]


@pytest.mark.parametrize("role", ["mentor", "manager"])
def test_program_detail_shows_drafts_to_their_mentor_and_manager(as_role, idea, draft_idea, role):
    _, client = as_role(role)

    response = client.get(reverse("gsoc:program_detail", args=["gsoc-2031"]))

    assert response.status_code == 200
    drafts = dict((anchor, ideas) for anchor, _, ideas in response.context["sections"])["drafts"]
    assert drafts == [draft_idea]
    assert card_titles(response) == ["Faster widget", "Other one", "Secret draft"]


def test_program_detail_visitor_sees_no_email_address(client, idea, draft_idea, mentor):
    response = client.get(reverse("gsoc:program_detail", args=["gsoc-2031"]))

    assert card_titles(response) == ["Faster widget"]
    assert mentor.get_display_name() in response.text  # the card names its mentor
    assert EMAIL_RE.findall(response.text) == []


def test_program_detail_sections_group_ideas_by_state(client, program, mentor):
    for state in ["approved", "reviewed", "needs_review"]:
        IdeaFactory(program=program, mentors=[mentor], title=state, state=state)

    response = client.get(reverse("gsoc:program_detail", args=["gsoc-2031"]))

    shown = [
        (anchor, [i.title for i in ideas]) for anchor, _, ideas in response.context["sections"]
    ]
    assert shown == [
        ("final-list", ["approved"]),
        ("community-reviewed", ["reviewed"]),
        ("needs-review", ["needs_review"]),
        ("drafts", []),
        ("withdrawn", []),
    ]


def test_program_detail_unknown_slug_not_found(client, db):
    response = client.get(reverse("gsoc:program_detail", args=["no-such-program"]))

    assert response.status_code == 404
    assert page_heading(response) == "Page not found"


def test_program_detail_preparing_program_not_found_for_visitor(client, db):
    ProgramFactory(slug="gsoc-2040", phase=Phase.PREPARING)

    response = client.get(reverse("gsoc:program_detail", args=["gsoc-2040"]))

    assert response.status_code == 404


def test_program_detail_preparing_program_readable_by_member(client_for, student):
    ProgramFactory(name="Next year", slug="gsoc-2040", phase=Phase.PREPARING)
    client = client_for(student)

    response = client.get(reverse("gsoc:program_detail", args=["gsoc-2040"]))

    assert response.status_code == 200
    assert page_heading(response) == "Next year"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_program_detail_archived_readable_without_propose_button(as_role, mentor, role):
    archive = ProgramFactory(name="GSoC 2013", slug="gsoc-2013", phase=Phase.ARCHIVED)
    IdeaFactory(program=archive, mentors=[mentor], title="Old one")
    _, client = as_role(role)

    response = client.get(reverse("gsoc:program_detail", args=["gsoc-2013"]))

    assert response.status_code == 200
    assert card_titles(response) == ["Old one"]
    assert bool(response.context["can_submit_idea"]) is False
    assert reverse("gsoc:idea_create", args=["gsoc-2013"]) not in response.text
