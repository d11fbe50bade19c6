"""Registering and withdrawing interest: checked, locked, logged, notified."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gsoc.models import Activity, Idea
from gsoc.permissions import MANAGERS_GROUP
from notifications.models import Kind
from notifications.services import notify
from students import permissions
from students.models import Interest


def _tell_mentors_and_managers(activity: Activity, message: str) -> None:
    from django.contrib.auth import get_user_model

    idea = activity.idea
    recipients = [link.user for link in idea.mentor_links.select_related("user")]
    recipients += list(get_user_model().objects.filter(groups__name=MANAGERS_GROUP))
    notify(
        Kind.INTEREST,
        recipients=recipients,
        event=f"activity:{activity.pk}",
        message=message,
        url=f"{idea.get_absolute_url()}#interest",
        actor=activity.actor,
    )


def register_interest(idea: Idea, *, by, note: str = "") -> Interest:
    """Register ``by``'s interest in the idea. A second registration is refused with a
    message; the database constraint makes concurrent double clicks count once."""
    note = " ".join((note or "").split())[:500]
    try:
        with transaction.atomic():
            locked = Idea.objects.select_for_update().select_related("program").get(pk=idea.pk)
            if not permissions.can_register_interest(by, locked):
                raise PermissionDenied(_refusal(by, locked))
            if Interest.objects.active().filter(student=by, idea=locked).exists():
                raise ValidationError("You have already registered your interest in this idea.")
            interest = Interest.objects.create(student=by, idea=locked, note=note)
            activity = Activity.objects.create(
                verb=Activity.Verb.INTEREST_REGISTERED,
                actor=by,
                program=locked.program,
                idea=locked,
                detail={"interest": interest.pk},
            )
            _tell_mentors_and_managers(
                activity, f"{by.get_display_name()} is interested in “{locked.title}”."
            )
    except IntegrityError:
        raise ValidationError("You have already registered your interest in this idea.") from None
    return interest


def _refusal(user, idea: Idea) -> str:
    if idea.program.phase not in permissions.INTEREST_PHASES:
        return "This program takes no registrations of interest now."
    if user.is_authenticated and any(link.user_id == user.pk for link in idea.mentor_links.all()):
        return "You mentor this idea."
    return "Interest can be registered only on ideas open to students."


def withdraw_interest(idea: Idea, *, by) -> Interest:
    """Withdraw ``by``'s active registration; the record stays with its withdrawal time."""
    with transaction.atomic():
        locked = Idea.objects.select_for_update().select_related("program").get(pk=idea.pk)
        if locked.program.is_archived:
            raise PermissionDenied("This program is archived.")
        interest = Interest.objects.active().filter(student=by, idea=locked).first()
        if interest is None:
            raise ValidationError("You have no registration on this idea to withdraw.")
        interest.withdrawn_at = timezone.now()
        interest.save(update_fields=["withdrawn_at"])
        activity = Activity.objects.create(
            verb=Activity.Verb.INTEREST_WITHDRAWN,
            actor=by,
            program=locked.program,
            idea=locked,
            detail={"interest": interest.pk},
        )
        _tell_mentors_and_managers(
            activity, f"{by.get_display_name()} withdrew their interest in “{locked.title}”."
        )
    return interest
