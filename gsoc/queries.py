"""Reads that span models or depend on the user, with their joins set once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from gsoc import permissions
from gsoc.enums import PUBLIC_STATES
from gsoc.models import Idea, IdeaMentor, Program, Skill


def ideas_for_listing() -> QuerySet[Idea]:
    """Ideas with what a list shows (mentors in order, skills), in a fixed number of queries."""
    return Idea.objects.select_related("program").prefetch_related(
        Prefetch("mentor_links", queryset=IdeaMentor.objects.select_related("user")),
        "skills",
    )


def visible_ideas(user, program: Program) -> QuerySet[Idea]:
    """The program's ideas this user may see: public ones, plus drafts they mentor (or all,
    for managers)."""
    ideas = ideas_for_listing().filter(program=program)
    if permissions.is_manager(user):
        return ideas
    if user.is_authenticated:
        return ideas.filter(Q(state__in=PUBLIC_STATES) | Q(mentors=user)).distinct()
    return ideas.filter(state__in=PUBLIC_STATES)


def _visible_idea_ids(user, program: Program) -> QuerySet:
    if user is None:
        return Idea.objects.filter(program=program, state__in=PUBLIC_STATES).values("pk")
    return visible_ideas(user, program).order_by().values("pk")


def program_skills(program: Program, user=None) -> QuerySet[Skill]:
    """Skills used by the program's ideas that ``user`` may see (public ones without a user),
    for the filter: a skill tag on a mentor's own draft must be a valid filter for them."""
    return Skill.objects.filter(ideas__in=_visible_idea_ids(user, program)).distinct()


def program_mentors(program: Program, user=None):
    """Mentors of the program's ideas that ``user`` may see (public ones without a user),
    for the filter."""
    return (
        get_user_model()
        .objects.filter(mentor_links__idea__in=_visible_idea_ids(user, program))
        .distinct()
        .order_by("display_name", "username")
    )


def skill_suggestions() -> list[str]:
    """Names of all skills in use, for the idea form's suggestions."""
    return list(Skill.objects.order_by("name").values_list("name", flat=True)[:500])
