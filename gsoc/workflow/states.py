"""The mentor's moves of an idea: submit, withdraw, reopen (one line each, through the
idea's state machine in ``transitions``)."""

from __future__ import annotations

from django.db import transaction

from gsoc.models import Idea
from gsoc.workflow.transitions import transition, update_review_state


def submit(idea: Idea, *, by) -> Idea:
    """Move a draft to needs review; sign-offs of unchanged content still count (after a
    withdraw and reopen), so it may become community reviewed at once."""
    with transaction.atomic():
        row = transition(idea, "submit", by=by)
        update_review_state(row, by=by)
    return row


def withdraw(idea: Idea, *, by) -> Idea:
    """Withdraw an idea from any state before the archive (mentor or manager)."""
    return transition(idea, "withdraw", by=by)


def reopen(idea: Idea, *, by) -> Idea:
    """Bring a withdrawn idea back as a draft."""
    return transition(idea, "reopen", by=by)
