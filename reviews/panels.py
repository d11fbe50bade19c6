"""What reviews add to the core: the review panel of the idea page, the open-comment
count on the manager's dashboard."""

from __future__ import annotations

from gsoc.extensions import Panel, register_panel, register_readiness
from reviews.forms import CommentForm
from reviews.queries import open_comment_count, review_context


def review_panel(request, idea, extra: dict) -> dict:
    """Comments, replies and the rubric; ``extra["comment_form"]`` is a bound form that
    failed, shown again with its errors and the text the reviewer typed."""
    context = review_context(idea, request.user)
    context["comment_form"] = extra.get("comment_form") or CommentForm()
    return context


def open_comments_problem(idea) -> list[str]:
    count = idea.open_comments
    return [f"{count} open review comment{'s' if count > 1 else ''}"] if count else []


def register() -> None:
    register_panel(Panel("reviews", "reviews/_review_panel.html", review_panel, 40))
    register_readiness(open_comments_problem, open_comments=open_comment_count)
