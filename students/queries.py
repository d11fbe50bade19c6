"""Reads about students' interest."""

from __future__ import annotations

from django.db.models import QuerySet

from gsoc.models import Idea
from students import permissions
from students.models import Interest


def interest_context(idea: Idea, user) -> dict:
    """What the idea page shows about interest, for this viewer."""
    # One query: registrations are few per idea, and the viewer's own is among them.
    active = list(
        Interest.objects.active()
        .filter(idea=idea)
        .only("student_id", "note", "created_at", "withdrawn_at")
    )
    can_see = permissions.can_see_interested_students(user, idea)
    mine = next((i for i in active if i.student_id == user.pk), None)
    return {
        "interest_count": len(active),
        "my_interest": mine,
        "can_register_interest": permissions.can_register_interest(user, idea) and mine is None,
        "can_withdraw_interest": permissions.can_withdraw_interest(user, idea, mine),
        "can_see_interested_students": can_see,
    }


def interested_students(idea: Idea) -> QuerySet[Interest]:
    """Active registrations with the students, oldest first (for mentors and managers)."""
    return (
        Interest.objects.active().filter(idea=idea).select_related("student").order_by("created_at")
    )


def interests_of(user) -> QuerySet[Interest]:
    """All of a student's registrations, active and withdrawn, newest first."""
    return Interest.objects.filter(student=user).select_related("idea__program")
