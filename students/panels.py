"""What students' interest adds to the core: the idea page's interest panel, the number
of interested students on every idea list, and a dashboard check."""

from __future__ import annotations

from gsoc.extensions import (
    Panel,
    register_listing_annotation,
    register_panel,
    register_readiness,
)
from students.queries import interest_context, interest_count


def interest_panel(request, idea, extra: dict) -> dict:
    return interest_context(idea, request.user)


def no_interest_problem(idea) -> list[str]:
    return [] if idea.interest_count else ["no interested student yet"]


def register() -> None:
    register_panel(Panel("interest", "students/_interest_panel.html", interest_panel, 20))
    register_listing_annotation("interest_count", interest_count)
    register_readiness(no_interest_problem)
