"""Reads about students' interest."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet

from gsoc.models import Idea
from gsoc.queries import count_of
from students import permissions
from students.models import Interest


def interest_count():
    """Active registrations of interest, as a subquery of an idea list."""
    return count_of(Interest.objects.active().filter(idea=OuterRef("pk")))


def interest_context(idea: Idea, user) -> dict:
    """What the idea page shows about interest, for this viewer."""
    # One query: registrations are few per idea, and the viewer's own is among them.
    active = list(
        Interest.objects.active()
        .filter(idea=idea)
        .only("student_id", "note", "created_at", "withdrawn_at")
    )
    mine = next((i for i in active if i.student_id == user.pk), None)
    return {
        "interest_count": len(active),
        "my_interest": mine,
        "can_register_interest": permissions.can_register_interest(user, idea, mine),
        "can_withdraw_interest": permissions.can_withdraw_interest(user, idea, mine),
        "can_see_interested_students": permissions.can_see_interested_students(user, idea),
        "can_sign_in_to_register": permissions.can_sign_in_to_register(user, idea),
    }


def interested_students(idea: Idea) -> QuerySet[Interest]:
    """Active registrations with the students, oldest first (for mentors and managers)."""
    return (
        Interest.objects.active().filter(idea=idea).select_related("student").order_by("created_at")
    )


def interests_of(user) -> QuerySet[Interest]:
    """A student's registrations, active and withdrawn, newest first, on ideas they can
    still open (not on ideas withdrawn since, say)."""
    return Interest.objects.filter(
        student=user, idea__in=Idea.objects.visible_to(user)
    ).select_related("idea__program")
