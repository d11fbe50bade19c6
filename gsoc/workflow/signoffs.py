"""Committers' sign-offs: the input of the idea's state machine."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gsoc import permissions
from gsoc.models import Activity, Idea, SignOff
from gsoc.workflow.base import lock_idea, name_of, record, tell_mentors
from gsoc.workflow.transitions import update_review_state
from notifications.models import Kind


def _mine(locked: Idea, by) -> SignOff | None:
    return SignOff.objects.select_for_update().filter(idea=locked, committer=by).first()


def sign_off(idea: Idea, *, by, note: str = "") -> SignOff:
    """A committer signs off the idea's current revision (or re-signs a stale sign-off).

    Moves a needs_review idea to reviewed once the program's required number of current
    sign-offs is reached. Signing the same revision twice is refused with a message.
    """
    with transaction.atomic():
        locked = lock_idea(idea)
        existing = _mine(locked, by) if by.is_authenticated else None
        permissions.can_sign_off(by, locked, existing).enforce()
        now = timezone.now()
        if existing:
            existing.version, existing.note = locked.version, note
            existing.signed_at, existing.withdrawn_at = now, None
            existing.save(update_fields=["version", "note", "signed_at", "withdrawn_at"])
            signed = existing
        else:
            signed = SignOff.objects.create(
                idea=locked, committer=by, version=locked.version, note=note, signed_at=now
            )
        activity = record(
            Activity.Verb.SIGNED_OFF,
            by=by,
            program=locked.program,
            idea=locked,
            version=locked.version,
        )
        tell_mentors(
            locked,
            activity,
            Kind.SIGN_OFF,
            f"{name_of(by)} signed off “{locked.title}” (revision {locked.version}).",
        )
        update_review_state(locked, by=by)
    return signed


def withdraw_sign_off(idea: Idea, *, by) -> SignOff:
    """A committer takes back their sign-off; the idea may drop back to needs review."""
    with transaction.atomic():
        locked = lock_idea(idea)
        signed = _mine(locked, by)
        permissions.can_withdraw_sign_off(by, locked, signed).enforce()
        assert signed is not None  # the rule refuses when there is none
        signed.withdrawn_at = timezone.now()
        signed.save(update_fields=["withdrawn_at"])
        activity = record(
            Activity.Verb.SIGN_OFF_WITHDRAWN, by=by, program=locked.program, idea=locked
        )
        tell_mentors(
            locked,
            activity,
            Kind.SIGN_OFF,
            f"{name_of(by)} withdrew their sign-off of “{locked.title}”.",
        )
        update_review_state(locked, by=by)
    return signed
