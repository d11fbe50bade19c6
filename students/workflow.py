"""Registering and withdrawing interest: checked, locked, logged, notified."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from gsoc.models import Activity, Idea
from gsoc.permissions import MANAGERS_GROUP
from gsoc.workflow.base import lock_idea
from notifications.models import Kind
from notifications.services import notify
from students import permissions
from students.models import Interest


def _tell_mentors_and_managers(idea: Idea, activity: Activity, message: str) -> None:
    """Mentors of the idea and every manager (superusers count as managers)."""
    recipients = [link.user for link in idea.mentor_links.select_related("user")]
    recipients += list(
        get_user_model().objects.filter(Q(groups__name=MANAGERS_GROUP) | Q(is_superuser=True))
    )
    notify(
        Kind.INTEREST,
        recipients=recipients,
        event=f"activity:{activity.pk}",
        message=message,
        url=f"{idea.get_absolute_url()}#interest",
        actor=activity.actor,
    )


def _record(verb: str, locked: Idea, interest: Interest, *, by) -> Activity:
    return Activity.objects.create(
        verb=verb, actor=by, program=locked.program, idea=locked, detail={"interest": interest.pk}
    )


def register_interest(idea: Idea, *, by, note: str = "") -> Interest:
    """Register ``by``'s interest in the idea. A second registration is refused with a
    message; the database constraint makes concurrent double clicks count once."""
    note = " ".join((note or "").split())[:500]
    try:
        with transaction.atomic():
            locked = lock_idea(idea)
            mine = Interest.objects.active().filter(student=by, idea=locked).first()
            permissions.can_register_interest(by, locked, mine).enforce()
            interest = Interest.objects.create(student=by, idea=locked, note=note)
            activity = _record(Activity.Verb.INTEREST_REGISTERED, locked, interest, by=by)
            _tell_mentors_and_managers(
                locked, activity, f"{by.get_display_name()} is interested in “{locked.title}”."
            )
    except IntegrityError:
        raise ValidationError("You have already registered your interest in this idea.") from None
    return interest


def withdraw_interest(idea: Idea, *, by) -> Interest:
    """Withdraw ``by``'s active registration; the record stays with its withdrawal time."""
    with transaction.atomic():
        locked = lock_idea(idea)
        interest = Interest.objects.active().filter(student=by, idea=locked).first()
        permissions.can_withdraw_interest(by, locked, interest).enforce()
        interest.withdrawn_at = timezone.now()
        interest.save(update_fields=["withdrawn_at"])
        activity = _record(Activity.Verb.INTEREST_WITHDRAWN, locked, interest, by=by)
        _tell_mentors_and_managers(
            locked,
            activity,
            f"{by.get_display_name()} withdrew their interest in “{locked.title}”.",
        )
    return interest
