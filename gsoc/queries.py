"""Reads that span models or depend on the user, with their joins set once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from gsoc import permissions
from gsoc.enums import PUBLIC_STATES
from gsoc.models import Idea, IdeaMentor, Program, Skill


def _count(queryset) -> Coalesce:
    """A correlated COUNT subquery: no joins that would multiply the outer rows."""
    counted = queryset.order_by().values("idea").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def ideas_for_listing() -> QuerySet[Idea]:
    """Ideas with what a list shows (mentors in order, skills, number of interested
    students), in a fixed number of queries."""
    from students.models import Interest

    return (
        Idea.objects.select_related("program")
        .prefetch_related(
            Prefetch("mentor_links", queryset=IdeaMentor.objects.select_related("user")),
            "skills",
        )
        .annotate(interest_count=_count(Interest.objects.active().filter(idea=OuterRef("pk"))))
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


# The manager's readiness dashboard.

SHORT_DESCRIPTION = 400  # characters of Markdown below which a student can't get going


def _bars(rows: list[tuple[str, int]]) -> list[dict]:
    """Rows for a bar chart: label, value and the bar's length in percent of the largest."""
    top = max((value for _, value in rows), default=0) or 1
    return [
        {"label": label, "value": value, "pct": round(100 * value / top)} for label, value in rows
    ]


def readiness(program: Program) -> dict:
    """Can we apply with this list? Counts, distributions and a quality check per idea,
    in a fixed number of queries however many ideas the program has."""
    from django.conf import settings

    from gsoc.enums import Difficulty, IdeaState, size_label
    from reviews.models import ReviewComment, SignOff

    ideas = list(
        ideas_for_listing()
        .filter(program=program)
        .annotate(
            open_comments=_count(
                ReviewComment.objects.filter(
                    idea=OuterRef("pk"), parent=None, is_addressed=False, is_hidden=False
                )
            ),
            stale_sign_offs=_count(
                SignOff.objects.active().filter(
                    idea=OuterRef("pk"), version__lt=OuterRef("reviewed_version")
                )
            ),
        )
        .order_by("title")
    )
    by_state = {state: [i for i in ideas if i.state == state] for state in IdeaState}
    live = [i for i in ideas if i.state != IdeaState.WITHDRAWN]
    program_start = program.created_at.date()

    checks = []
    for idea in live:
        problems = []
        if len(idea.description.strip()) < SHORT_DESCRIPTION:
            problems.append("description too short to get a student going")
        for field in ("outcomes", "steps", "references"):
            if not getattr(idea, field).strip():
                problems.append(f"no {field}")
        if not idea.skills.all():
            problems.append("no skills")
        if idea.verified_at is None or idea.verified_at < program_start:
            problems.append("not verified for this program")
        if idea.open_comments:
            problems.append(
                f"{idea.open_comments} open review comment{'s' if idea.open_comments > 1 else ''}"
            )
        if idea.stale_sign_offs:
            problems.append(
                f"{idea.stale_sign_offs} stale sign-off{'s' if idea.stale_sign_offs > 1 else ''}"
            )
        if not idea.interest_count:
            problems.append("no interested student yet")
        if len(idea.mentor_links.all()) < 2:
            problems.append("a single mentor")
        checks.append({"idea": idea, "problems": problems})

    per_mentor: dict = {}
    for idea in live:
        for link in idea.mentor_links.all():
            per_mentor.setdefault(link.user, []).append(idea)
    limit = settings.GSOC_MAX_IDEAS_PER_MENTOR
    mentors = sorted(
        per_mentor.items(), key=lambda item: (-len(item[1]), item[0].get_display_name())
    )

    skill_counts: dict[str, int] = {}
    for idea in live:
        for skill in idea.skills.all():
            skill_counts[skill.name] = skill_counts.get(skill.name, 0) + 1

    difficulty = [
        (level.label, sum(1 for i in live if i.difficulty_min <= level <= i.difficulty_max))
        for level in Difficulty
    ]
    sizes = sorted({*program.allowed_sizes, *(i.project_size for i in live)})
    size_rows = [(size_label(h), sum(1 for i in live if i.project_size == h)) for h in sizes]
    approved = len(by_state[IdeaState.APPROVED])
    return {
        "ideas": ideas,
        "state_counts": [(state.label, len(by_state[state])) for state in IdeaState],
        "approved_count": approved,
        "reviewed_count": len(by_state[IdeaState.REVIEWED]),
        "ready_count": approved + len(by_state[IdeaState.REVIEWED]),
        "target": program.target_list_size,
        "target_reached": approved >= program.target_list_size,
        "difficulty_bars": _bars(difficulty),
        "size_bars": _bars(size_rows),
        "skill_bars": _bars(sorted(skill_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        "mentor_rows": [
            {"user": user, "count": len(list_), "overloaded": len(list_) > limit}
            for user, list_ in mentors
        ],
        "mentor_limit": limit,
        "single_mentor_count": sum(1 for i in live if len(i.mentor_links.all()) < 2),
        "checks": checks,
        "clean_count": sum(1 for c in checks if not c["problems"]),
        "reviewed_ideas": by_state[IdeaState.REVIEWED],
        "approved_ideas": by_state[IdeaState.APPROVED],
    }
