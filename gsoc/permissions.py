"""Who may do what: pure predicates, the only place these rules live.

Roles are Django groups (committers, managers) plus the per-idea mentor relation.
Views ask these functions and pass ``can_…`` flags to templates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from gsoc.enums import EDITABLE_PHASES, PUBLIC_PHASES, Phase

if TYPE_CHECKING:
    from gsoc.models import Idea, Program

MANAGERS_GROUP = "managers"
COMMITTERS_GROUP = "committers"


def _group_names(user) -> frozenset[str]:
    # Cached on the user object: a page asks several predicates.
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_gsoc_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._gsoc_group_names = cached
    return cached


def is_manager(user) -> bool:
    """Community managers run programs; superusers count as managers."""
    return user.is_authenticated and (user.is_superuser or MANAGERS_GROUP in _group_names(user))


def is_committer(user) -> bool:
    return user.is_authenticated and COMMITTERS_GROUP in _group_names(user)


def is_mentor_of(user, idea: Idea) -> bool:
    """True if the user is one of the idea's mentors (uses prefetched mentor links)."""
    if not user.is_authenticated or idea.pk is None:
        return False
    return any(link.user_id == user.pk for link in idea.mentor_links.all())


def can_view_program(user, program: Program) -> bool:
    """Open, published and archived programs are public; a preparing one is for members."""
    return program.phase in PUBLIC_PHASES or user.is_authenticated


def can_manage_programs(user) -> bool:
    return is_manager(user)


def program_actions(user, program: Program) -> dict[str, bool]:
    """Which program-level buttons a manager gets in the program's current phase."""
    manager = can_manage_programs(user)
    return {
        "can_change_final_list": manager and program.phase in (Phase.PREPARING, Phase.OPEN),
        "can_open": manager and program.phase == Phase.PREPARING,
        "can_publish": manager and program.phase == Phase.OPEN,
        "can_archive": manager and program.phase != Phase.ARCHIVED,
        "can_carry_forward": manager and program.phase in (Phase.PREPARING, Phase.OPEN),
    }


def can_submit_idea(user, program: Program) -> bool:
    return user.is_authenticated and program.phase in EDITABLE_PHASES


def can_view_idea(user, idea: Idea) -> bool:
    """Public states for all; drafts and withdrawn ideas for their mentors and managers."""
    if not can_view_program(user, idea.program):
        return False
    return idea.is_public or is_manager(user) or is_mentor_of(user, idea)


def can_edit_idea(user, idea: Idea) -> bool:
    """Mentors and managers, while the program is not archived. Once the final list is
    published, its ideas are frozen."""
    from gsoc.enums import IdeaState

    if idea.program.phase == Phase.ARCHIVED:
        return False
    if idea.program.phase == Phase.PUBLISHED and idea.state == IdeaState.APPROVED:
        return False
    return is_manager(user) or is_mentor_of(user, idea)


def can_submit_draft(user, idea: Idea) -> bool:
    from gsoc.enums import IdeaState

    return idea.state == IdeaState.DRAFT and can_edit_idea(user, idea)


def can_reopen_idea(user, idea: Idea) -> bool:
    from gsoc.enums import IdeaState

    return idea.state == IdeaState.WITHDRAWN and can_edit_idea(user, idea)


def can_withdraw_idea(user, idea: Idea) -> bool:
    """Mentors and managers withdraw an idea from any state before the archive, even off
    a published final list (a mentor may drop out)."""
    from gsoc.enums import IdeaState

    if idea.program.phase == Phase.ARCHIVED or idea.state == IdeaState.WITHDRAWN:
        return False
    return is_manager(user) or is_mentor_of(user, idea)


def can_offer_to_mentor(user, idea: Idea) -> bool:
    """Signed-in people who don't mentor it yet, on visible ideas of a live program."""
    return (
        user.is_authenticated
        and idea.program.phase in EDITABLE_PHASES
        and idea.is_public
        and not is_mentor_of(user, idea)
    )


def can_manage_roles(user) -> bool:
    return is_manager(user)


def can_change_mentors(user, idea: Idea) -> bool:
    return can_edit_idea(user, idea)


def can_see_email_addresses(user) -> bool:
    """Mentor email addresses are for signed-in users only (DOMAIN.md)."""
    return user.is_authenticated


def get_program_for_user(request, program_slug: str, *, manage: bool = False) -> Program:
    """The program, or 404 if the user may not see it; 403 if ``manage`` and not a manager."""
    from gsoc.models import Program

    program = get_object_or_404(Program, slug=program_slug)
    if not can_view_program(request.user, program):
        raise Http404("No such program.")
    if manage and not can_manage_programs(request.user):
        raise PermissionDenied("Only community managers can change programs.")
    return program


def get_idea_for_user(request, program_slug: str, idea_slug: str, *, write: bool = False) -> Idea:
    """The idea, or 404 to those who may not see it and 403 to those who may not change it."""
    from gsoc.models import Idea

    idea = get_object_or_404(
        Idea.objects.select_related("program").prefetch_related("mentor_links__user"),
        program__slug=program_slug,
        slug=idea_slug,
    )
    if not can_view_idea(request.user, idea):
        raise Http404("No such idea.")
    if write and not can_edit_idea(request.user, idea):
        raise PermissionDenied("Only the idea's mentors and community managers can change it.")
    return idea
