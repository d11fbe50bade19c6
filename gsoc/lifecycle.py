"""The state machines as data: which states each move starts from and where it ends.

Pure: no models, no queries. ``gsoc.permissions`` asks it whether a thing's state allows
a move (so a button and the workflow agree), and ``gsoc.workflow.transitions`` adds what
happens around each move (the activity verb, who is told).
"""

from __future__ import annotations

from dataclasses import dataclass

from gsoc.enums import IdeaState, Phase

State = IdeaState
LIVE_STATES = (State.DRAFT, State.NEEDS_REVIEW, State.REVIEWED, State.APPROVED)
SUBMITTED_STATES = (State.NEEDS_REVIEW, State.REVIEWED, State.APPROVED)


@dataclass(frozen=True)
class Move:
    """One edge of a state machine: from ``sources`` to ``target``."""

    sources: tuple[str, ...]
    target: str
    # What a person is told when the thing is in another state.
    refusal: str


IDEA_MOVES: dict[str, Move] = {
    "submit": Move((State.DRAFT,), State.NEEDS_REVIEW, "Only a draft can be submitted for review."),
    "withdraw": Move(LIVE_STATES, State.WITHDRAWN, "This idea is already withdrawn."),
    "reopen": Move((State.WITHDRAWN,), State.DRAFT, "Only a withdrawn idea can be reopened."),
    # Automatic: enough current sign-offs, or no longer enough.
    "review": Move((State.NEEDS_REVIEW,), State.REVIEWED, "Only an idea in review can pass it."),
    "back_to_review": Move(
        (State.REVIEWED, State.APPROVED), State.NEEDS_REVIEW, "This idea is in review already."
    ),
    "approve": Move(
        (State.REVIEWED,), State.APPROVED, "Only community-reviewed ideas can be approved."
    ),
    "unapprove": Move((State.APPROVED,), State.REVIEWED, "This idea is not on the final list."),
}

PROGRAM_MOVES: dict[str, Move] = {
    "open": Move((Phase.PREPARING,), Phase.OPEN, "Only a program in preparation can be opened."),
    "publish": Move((Phase.OPEN,), Phase.PUBLISHED, "Only an open program can be published."),
    "archive": Move(
        (Phase.PREPARING, Phase.OPEN, Phase.PUBLISHED),
        Phase.ARCHIVED,
        "This program is already archived.",
    ),
}
