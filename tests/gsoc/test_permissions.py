"""The permission predicates and the fetch helpers of gsoc.permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from gsoc import permissions, shortcuts
from gsoc.enums import IdeaState, Phase
from gsoc.models import Idea
from tests.factories import IdeaFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = ["visitor", "student", "mentor", "other_mentor", "reviewer", "committer", "manager"]


@pytest.fixture
def user_for(request, other_idea):
    def get(role):
        return AnonymousUser() if role == "visitor" else request.getfixturevalue(role)

    return get


def fetch(idea) -> Idea:
    """The idea as views get it: program joined, mentor links prefetched."""
    return Idea.objects.select_related("program").prefetch_related("mentor_links").get(pk=idea.pk)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", False), ("student", False), ("committer", False), ("manager", True)],
)
def test_is_manager_per_role(user_for, role, expected):
    assert permissions.is_manager(user_for(role)) is expected


def test_is_manager_true_for_superuser(db):
    assert permissions.is_manager(UserFactory(is_superuser=True)) is True


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", False), ("mentor", False), ("manager", False), ("committer", True)],
)
def test_is_committer_per_role(user_for, role, expected):
    assert permissions.is_committer(user_for(role)) is expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", False), ("other_mentor", False), ("manager", False), ("mentor", True)],
)
def test_is_mentor_of_per_role(user_for, idea, role, expected):
    assert permissions.is_mentor_of(user_for(role), fetch(idea)) is expected


def test_is_mentor_of_unsaved_idea_false(mentor):
    assert permissions.is_mentor_of(mentor, Idea()) is False


@pytest.mark.parametrize(
    ("phase", "visitor", "member"),
    [
        (Phase.PREPARING, False, True),
        (Phase.OPEN, True, True),
        (Phase.PUBLISHED, True, True),
        (Phase.ARCHIVED, True, True),
    ],
)
def test_can_view_program_per_phase(student, phase, visitor, member):
    program = ProgramFactory(phase=phase)

    assert (
        permissions.can_view_program(AnonymousUser(), program),
        permissions.can_view_program(student, program),
    ) == (visitor, member)


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (Phase.PREPARING, True),
        (Phase.OPEN, True),
        (Phase.PUBLISHED, True),
        (Phase.ARCHIVED, False),
    ],
)
def test_can_submit_idea_per_phase(student, phase, expected):
    assert bool(permissions.can_submit_idea(student, ProgramFactory(phase=phase))) is expected


def test_can_submit_idea_false_for_visitor(program):
    assert bool(permissions.can_submit_idea(AnonymousUser(), program)) is False


@pytest.mark.parametrize("state", IdeaState.values)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_view_idea_per_role_and_state(user_for, program, mentor, state, role):
    idea = fetch(IdeaFactory(program=program, mentors=[mentor], state=state))
    is_public = state in {"needs_review", "reviewed", "approved"}

    allowed = permissions.can_view_idea(user_for(role), idea)

    assert bool(allowed) is (is_public or role in {"mentor", "manager"})


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_edit_idea_only_mentor_and_manager(user_for, idea, role):
    assert bool(permissions.can_edit_idea(user_for(role), fetch(idea))) is (
        role in {"mentor", "manager"}
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_edit_idea_never_in_archive(user_for, mentor, role):
    archived = IdeaFactory(program=ProgramFactory(phase=Phase.ARCHIVED), mentors=[mentor])

    assert bool(permissions.can_edit_idea(user_for(role), fetch(archived))) is False


@pytest.mark.parametrize(("role", "expected"), [("visitor", False), ("student", True)])
def test_can_see_email_addresses_signed_in_only(user_for, role, expected):
    assert bool(permissions.can_see_email_addresses(user_for(role))) is expected


# --- fetch helpers -----------------------------------------------------------------------


def request_as(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_get_idea_for_user_returns_visible_idea(idea, student):
    fetched = shortcuts.get_idea_for_user(request_as(student), "gsoc-2031", "faster-widget")

    assert fetched == idea


def test_get_idea_for_user_draft_is_404_for_outsider(draft_idea, student):
    with pytest.raises(Http404):
        shortcuts.get_idea_for_user(request_as(student), "gsoc-2031", "secret-draft")


def test_get_idea_for_user_write_is_403_for_reader(idea, student):
    with pytest.raises(PermissionDenied):
        shortcuts.get_idea_for_user(request_as(student), "gsoc-2031", "faster-widget", write=True)


def test_get_idea_for_user_write_allowed_for_mentor(idea, mentor):
    fetched = shortcuts.get_idea_for_user(
        request_as(mentor), "gsoc-2031", "faster-widget", write=True
    )

    assert fetched == idea


def test_get_program_for_user_manage_is_403_for_mentor(program, mentor):
    with pytest.raises(PermissionDenied):
        shortcuts.get_program_for_user(request_as(mentor), "gsoc-2031", manage=True)


def test_get_program_for_user_preparing_is_404_for_visitor(db):
    ProgramFactory(slug="early", phase=Phase.PREPARING)

    with pytest.raises(Http404):
        shortcuts.get_program_for_user(request_as(AnonymousUser()), "early")
