"""Reads that span models or depend on the user, with their joins set once, so list
pages run a fixed number of queries however many ideas there are."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from gsoc import extensions
from gsoc.enums import EDITABLE_PHASES, IdeaState, Phase
from gsoc.models import Idea, IdeaMentor, MentorOffer, Program, SignOff, Skill


def count_of(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT subquery over rows with an ``idea`` column: no joins that would
    multiply the outer rows."""
    counted = queryset.order_by().values("idea").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def current_sign_offs() -> Coalesce:
    """How many active sign-offs of the idea's current reviewed content it has."""
    return count_of(
        SignOff.objects.active().filter(
            idea=OuterRef("pk"), version__gte=OuterRef("reviewed_version")
        )
    )


def ideas_for_listing() -> QuerySet[Idea]:
    """Ideas with what a list shows (mentors in order, skills, current sign-offs and what
    the apps on top register, e.g. the number of interested students), in a fixed number
    of queries."""
    return (
        Idea.objects.select_related("program")
        .prefetch_related(
            Prefetch("mentor_links", queryset=IdeaMentor.objects.select_related("user")),
            "skills",
        )
        .annotate(current_sign_offs=current_sign_offs(), **extensions.listing_annotations())
    )


def visible_ideas(user, program: Program) -> QuerySet[Idea]:
    """The program's ideas this user may see (``Idea.objects.visible_to``), for a list."""
    return ideas_for_listing().filter(program=program) & Idea.objects.visible_to(user)


def _visible_idea_ids(user, program: Program) -> QuerySet:
    visible = Idea.objects.visible_to(user) if user is not None else Idea.objects.public()
    return visible.filter(program=program).order_by().values("pk")


def program_skills(program: Program, user=None) -> QuerySet[Skill]:
    """Skills used by the program's ideas that ``user`` may see (public ones without a user),
    for the filter: a skill tag on a mentor's own draft must be a valid filter for them."""
    used = Idea.skills.through.objects.filter(
        skill=OuterRef("pk"), idea__in=_visible_idea_ids(user, program)
    )
    return Skill.objects.filter(Exists(used))


def program_mentors(program: Program, user=None) -> QuerySet:
    """Mentors of the program's ideas that ``user`` may see (public ones without a user),
    for the filter."""
    links = IdeaMentor.objects.filter(
        user=OuterRef("pk"), idea__in=_visible_idea_ids(user, program)
    )
    return get_user_model().objects.filter(Exists(links)).order_by("display_name", "username")


def skill_suggestions() -> list[str]:
    """Names of all skills in use, for the idea form's suggestions."""
    return list(Skill.objects.order_by("name").values_list("name", flat=True)[:500])


# Sign-offs


def sign_offs_of(idea: Idea) -> list[SignOff]:
    """The idea's active sign-offs with committers, oldest first, each marked current."""
    sign_offs = list(
        SignOff.objects.active().filter(idea=idea).select_related("committer").order_by("signed_at")
    )
    for signed in sign_offs:
        signed.is_current = signed.is_current_for(idea)
    return sign_offs


def ideas_awaiting_sign_off(user) -> QuerySet[Idea]:
    """Needs-review ideas of live programs this committer doesn't mentor and hasn't
    signed at this revision, and published-list ideas changed since their sign-offs."""
    mine = SignOff.objects.active().filter(
        idea=OuterRef("pk"), committer=user, version__gte=OuterRef("reviewed_version")
    )
    mentored = IdeaMentor.objects.filter(idea=OuterRef("pk"), user=user)
    changed_on_list = Q(
        state=IdeaState.APPROVED,
        program__phase=Phase.PUBLISHED,
        current_sign_offs__lt=F("program__required_sign_offs"),
    )
    return (
        ideas_for_listing()
        .filter(program__phase__in=EDITABLE_PHASES)
        .filter(Q(state=IdeaState.NEEDS_REVIEW) | changed_on_list)
        .exclude(Exists(mentored))
        .exclude(Exists(mine))
        .order_by("created_at")
    )


def stale_sign_offs_of(user) -> QuerySet[SignOff]:
    """This committer's active sign-offs whose idea changed since, on ideas they can still
    act on: not withdrawn, not in an archived program."""
    return (
        SignOff.objects.active()
        .filter(committer=user, version__lt=F("idea__reviewed_version"))
        .filter(idea__program__phase__in=EDITABLE_PHASES)
        .exclude(idea__state=IdeaState.WITHDRAWN)
        .select_related("idea__program")
    )


# Co-mentoring


def pending_offers(idea: Idea) -> list[MentorOffer]:
    """Offers and invitations waiting for an answer, with the people they name."""
    return list(
        MentorOffer.objects.pending().filter(idea=idea).select_related("user", "invited_by")
    )


def invitations_for(user) -> QuerySet[MentorOffer]:
    """Invitations waiting for ``user``'s answer, with their ideas and programs."""
    return MentorOffer.objects.invitations_for(user).select_related("idea__program", "invited_by")
