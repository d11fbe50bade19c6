"""The manager's readiness dashboard: can we apply with this list?"""

from __future__ import annotations

from django.conf import settings
from django.db.models import OuterRef

from gsoc import extensions
from gsoc.enums import Difficulty, IdeaState, size_label
from gsoc.models import Program, SignOff
from gsoc.queries import count_of, ideas_for_listing

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
    ideas = list(
        ideas_for_listing()
        .filter(program=program)
        .annotate(
            stale_sign_offs=count_of(
                SignOff.objects.active().filter(
                    idea=OuterRef("pk"), version__lt=OuterRef("reviewed_version")
                )
            ),
            **extensions.readiness_annotations(),
        )
        .order_by("title")
    )
    by_state = {state: [i for i in ideas if i.state == state] for state in IdeaState}
    live = [i for i in ideas if i.state != IdeaState.WITHDRAWN]

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
        if idea.needs_verification:
            problems.append("not verified for this program")
        if idea.stale_sign_offs:
            problems.append(
                f"{idea.stale_sign_offs} stale sign-off{'s' if idea.stale_sign_offs > 1 else ''}"
            )
        if len(idea.mentor_links.all()) < 2:
            problems.append("a single mentor")
        problems += extensions.readiness_problems(idea)
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
