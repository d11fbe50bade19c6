"""Email sending, off the request path (django-tasks; a `db_worker` runs it)."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from notifications.models import Notification

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@task()
def send_notification_email(notification_id: int) -> str:
    """Send one notification's email, at most once; on a mail-server failure, queue a
    retry with back-off (1, 2, 4, 8 minutes) up to MAX_ATTEMPTS."""
    with transaction.atomic():
        notification = (
            # of=("self",): PostgreSQL can't lock the nullable side of the actor join.
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "actor")
            .filter(pk=notification_id, email_wanted=True, email_sent_at=None)
            .first()
        )
        if notification is None:
            return "nothing to send"
        notification.email_attempts += 1
        context = {
            "notification": notification,
            "site_url": settings.SITE_URL,
            "SITE_NAME": settings.SITE_NAME,
        }
        try:
            send_mail(
                subject=render_to_string("emails/notification_subject.txt", context).strip(),
                message=render_to_string("emails/notification_body.txt", context),
                from_email=None,
                recipient_list=[notification.recipient.email],
            )
        except (SMTPException, OSError) as exc:
            notification.save(update_fields=["email_attempts"])
            logger.warning("Email for notification %s failed: %s", notification_id, exc)
            if notification.email_attempts < MAX_ATTEMPTS:
                transaction.on_commit(lambda: _retry(notification_id, notification.email_attempts))
            return "failed"
        notification.email_sent_at = timezone.now()
        notification.save(update_fields=["email_attempts", "email_sent_at"])
    return "sent"


def _retry(notification_id: int, attempts: int) -> None:
    task_ = send_notification_email
    if task_.get_backend().supports_defer:
        delay = timedelta(minutes=2 ** (attempts - 1))
        task_ = task_.using(run_after=timezone.now() + delay)
    task_.enqueue(notification_id)
