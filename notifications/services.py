"""Telling people what happened: called from the workflow modules inside their
transactions. Rows are written with the change; emails are queued after commit."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from notifications.models import Channel, Kind, Mute, Notification


def notify(
    kind: Kind,
    *,
    recipients: Iterable,
    event: str,
    message: str,
    url: str = "",
    actor=None,
) -> list[Notification]:
    """Create one notification per recipient (never for the actor, never twice for one
    event) respecting each recipient's mutes, and queue the emails on commit."""
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if actor is not None:
        users.pop(actor.pk, None)
    if not users:
        return []
    muted = set(Mute.objects.filter(user_id__in=users, kind=kind).values_list("user_id", "channel"))
    already = set(
        Notification.objects.filter(recipient_id__in=users, event=event).values_list(
            "recipient_id", flat=True
        )
    )
    created = []
    for pk, user in users.items():
        show_in_app = (pk, Channel.APP) not in muted
        email_wanted = (pk, Channel.EMAIL) not in muted and bool(user.email)
        if pk in already or not (show_in_app or email_wanted):
            continue
        created.append(
            Notification(
                recipient=user,
                kind=kind,
                event=event[:100],
                actor=actor,
                message=message[:300],
                url=url[:300],
                show_in_app=show_in_app,
                email_wanted=email_wanted,
            )
        )
    created = Notification.objects.bulk_create(created, ignore_conflicts=False)
    email_ids = [n.pk for n in created if n.email_wanted]
    if email_ids:
        transaction.on_commit(lambda: queue_emails(email_ids))
    return created


def queue_emails(notification_ids: list[int]) -> None:
    # The task module builds on this one (it renders what notify() stored).
    from notifications.tasks import send_notification_email

    # Re-read: something later in the same transaction may have cancelled the email
    # (the demo loader does, for instance).
    wanted = Notification.objects.filter(
        pk__in=notification_ids, email_wanted=True, email_sent_at=None
    ).values_list("pk", flat=True)
    for pk in wanted:
        send_notification_email.enqueue(pk)


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, show_in_app=True, read_at=None).count()
