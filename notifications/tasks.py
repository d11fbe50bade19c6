"""Email sending, off the request path (django-tasks; a `db_worker` runs it)."""

import logging
from contextlib import suppress
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from notifications.models import Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@task()
def send_notification_email(notification_id: int) -> str:
    """Send one notification's email, at most once; on a mail-server failure, queue a
    retry with back-off (1, 2, 4, 8 minutes) up to MAX_ATTEMPTS.

    No transaction or row lock is held while the mail server is talking: a slow server
    must not hold SQLite's write lock (which every web write needs) or PostgreSQL's lock
    on the row (which marking it read needs). Instead each attempt

    1. claims the row with one conditional UPDATE, committed at once: it sets
       ``email_claimed_at`` and counts the attempt, and only matches a row that is wanted,
       unsent, unclaimed and under MAX_ATTEMPTS, so of two workers only one gets it;
    2. sends, outside any transaction;
    3. records ``email_sent_at``, or, when the server refused or could not be reached,
       clears the claim and queues the next attempt.

    A worker that dies between 1 and 3 leaves the claim in place, and a claimed row is
    never sent again: it may or may not have gone out, and at most once is the promise
    (a lost notification email is a nuisance, a duplicate on every restart is worse). The
    admin shows such rows as claimed but not sent.

    Called inside an outer transaction (tests), the steps share it and the retry is queued
    when it commits.
    """
    pending = Notification.objects.filter(
        pk=notification_id,
        email_wanted=True,
        email_sent_at=None,
        email_claimed_at=None,
        email_attempts__lt=MAX_ATTEMPTS,
    )
    notification = pending.select_related("recipient", "actor").first()
    if notification is None:
        return "nothing to send"
    # Render before claiming, so a template error leaves the row untouched.
    message = _build_message(notification)
    claimed_at = timezone.now()
    if not pending.update(email_claimed_at=claimed_at, email_attempts=F("email_attempts") + 1):
        return "nothing to send"  # another worker claimed it first

    connection = get_connection()
    try:
        connection.open()
        connection.send_messages([message])
    except (SMTPException, OSError) as exc:
        logger.warning("Email for notification %s failed: %s", notification_id, exc)
        _release(notification_id, claimed_at)
        return "failed"
    finally:
        # The message is accepted by now (or not at all): a failed goodbye changes nothing.
        with suppress(SMTPException, OSError):
            connection.close()
    Notification.objects.filter(pk=notification_id).update(email_sent_at=timezone.now())
    return "sent"


def _build_message(notification: Notification) -> EmailMessage:
    context = {
        "notification": notification,
        "site_url": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
    }
    return EmailMessage(
        subject=render_to_string("emails/notification_subject.txt", context).strip(),
        body=render_to_string("emails/notification_body.txt", context),
        to=[notification.recipient.email],
    )


def _release(notification_id: int, claimed_at) -> None:
    """Give back our claim after a failed send and queue the next attempt, if any is left."""
    with transaction.atomic():
        Notification.objects.filter(pk=notification_id, email_claimed_at=claimed_at).update(
            email_claimed_at=None
        )
        attempts = (
            Notification.objects.filter(pk=notification_id)
            .values_list("email_attempts", flat=True)
            .first()
        )
        if attempts is not None and attempts < MAX_ATTEMPTS:
            transaction.on_commit(lambda: _retry(notification_id, attempts))


def _retry(notification_id: int, attempts: int) -> None:
    task_ = send_notification_email
    if task_.get_backend().supports_defer:
        delay = timedelta(minutes=2 ** (attempts - 1))
        task_ = task_.using(run_after=timezone.now() + delay)
    task_.enqueue(notification_id)
