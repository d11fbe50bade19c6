"""The email task against a real SMTP conversation (tests/notifications/conftest.py): no
transaction or lock is held while the mail server talks, and each email goes out once.

Workers run in threads with their own connections, so these tests commit for real."""

import threading
import time
from datetime import timedelta
from email import message_from_string
from email.policy import default

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from notifications.models import Kind, Notification
from notifications.tasks import MAX_ATTEMPTS, send_notification_email
from reviews.models import ReviewComment
from tests.notifications.conftest import WAIT

pytestmark = pytest.mark.django_db(transaction=True)

# A web write that waits on the mail server takes WAIT seconds (the server's stall) or
# fails; one that doesn't takes a fraction of a second even on a busy machine.
PROMPT = 3


@pytest.fixture
def notification(mentor, reviewer):
    return Notification.objects.create(
        recipient=mentor,
        kind=Kind.COMMENT,
        event="test:1",
        actor=reviewer,
        message="Rev Iewer commented on “Faster widget”.",
        url="/",
        email_wanted=True,
    )


def _send(pk):
    return lambda: send_notification_email.call(pk)


def _timed(call):
    started = time.monotonic()
    outcome = call()
    return outcome, time.monotonic() - started


def _queued():
    return [
        (result.args, result.task.run_after)
        for result in send_notification_email.get_backend().results
    ]


def test_web_writes_go_through_while_mail_server_stalls(
    smtp_server, start_worker, client_for, settings, idea, mentor, reviewer, notification
):
    worker = start_worker(_send(notification.pk))
    assert smtp_server.connected.wait(timeout=WAIT)

    comment, comment_seconds = _timed(
        lambda: client_for(reviewer).post(
            reverse("reviews:comment_create", args=(idea.program.slug, idea.slug)),
            {"body": "Posted while the mail server stalls"},
        )
    )
    mark_read, mark_read_seconds = _timed(
        lambda: client_for(mentor).post(reverse("notifications:mark_all_read"))
    )
    smtp_server.release()
    result = worker.join()

    assert (comment.status_code, mark_read.status_code) == (302, 302)
    assert (comment_seconds < PROMPT, mark_read_seconds < PROMPT) == (True, True)
    assert ReviewComment.objects.get(idea=idea).body == "Posted while the mail server stalls"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert result == "sent"
    assert [m["to"] for m in smtp_server.messages] == [[f"<{mentor.email}>"]]
    subject = message_from_string(smtp_server.messages[0]["data"], policy=default)[
        "Subject"
    ].strip()
    assert subject == f"[{settings.SITE_NAME}] Rev Iewer commented on “Faster widget”."
    assert (notification.email_attempts, notification.email_sent_at is None) == (1, False)


def test_second_worker_leaves_a_notification_being_sent_alone(
    smtp_server, start_worker, notification
):
    first = start_worker(_send(notification.pk))
    assert smtp_server.connected.wait(timeout=WAIT)

    second, seconds = _timed(_send(notification.pk))
    smtp_server.release()

    assert (first.join(), second) == ("sent", "nothing to send")
    assert seconds < PROMPT
    assert (smtp_server.connections, len(smtp_server.messages)) == (1, 1)
    notification.refresh_from_db()
    assert (notification.email_attempts, notification.email_sent_at is None) == (1, False)


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's shared-cache test database reports 'locked' instead of waiting",
)
def test_two_workers_racing_send_once(smtp_server, start_worker, notification):
    smtp_server.stall = False
    barrier = threading.Barrier(2)

    def send_after_barrier():
        barrier.wait(timeout=WAIT)
        return send_notification_email.call(notification.pk)

    workers = [start_worker(send_after_barrier) for _ in range(2)]

    assert sorted(worker.join() for worker in workers) == ["nothing to send", "sent"]
    assert len(smtp_server.messages) == 1
    notification.refresh_from_db()
    assert (notification.email_attempts, notification.email_sent_at is None) == (1, False)


def test_refusing_mail_server_releases_claim_and_queues_retry(
    smtp_server, start_worker, notification
):
    smtp_server.greeting = b"421 localhost busy, try again later"

    def look_while_stalled():
        assert smtp_server.connected.wait(timeout=WAIT)
        row = Notification.objects.get(pk=notification.pk)
        smtp_server.release()
        return row.email_claimed_at is not None, row.email_attempts

    observer = start_worker(look_while_stalled)
    result = send_notification_email.call(notification.pk)

    assert (observer.join(), result) == ((True, 1), "failed")
    notification.refresh_from_db()
    assert (notification.email_attempts, notification.email_claimed_at) == (1, None)
    assert notification.email_sent_at is None
    [(args, run_after)] = _queued()
    assert args == [notification.pk]
    assert abs(run_after - (timezone.now() + timedelta(minutes=1))) < timedelta(seconds=PROMPT)


def test_retry_after_refusal_sends(smtp_server, notification):
    smtp_server.stall = False
    smtp_server.greeting = b"421 localhost busy, try again later"
    send_notification_email.call(notification.pk)
    smtp_server.greeting = b"220 localhost test ESMTP"

    result = send_notification_email.call(notification.pk)

    notification.refresh_from_db()
    assert (result, len(smtp_server.messages), notification.email_attempts) == ("sent", 1, 2)
    assert notification.email_sent_at is not None


def test_unreachable_mail_server_releases_claim(smtp_server, notification):
    smtp_server.close()  # nothing listens on the port any more: connection refused

    result = send_notification_email.call(notification.pk)

    notification.refresh_from_db()
    assert (result, notification.email_claimed_at, notification.email_attempts) == (
        "failed",
        None,
        1,
    )
    assert len(_queued()) == 1


def test_last_failed_attempt_queues_no_retry(smtp_server, notification):
    smtp_server.stall = False
    smtp_server.greeting = b"554 localhost no service"
    Notification.objects.filter(pk=notification.pk).update(email_attempts=MAX_ATTEMPTS - 1)

    result = send_notification_email.call(notification.pk)

    notification.refresh_from_db()
    assert (result, notification.email_attempts, _queued()) == ("failed", MAX_ATTEMPTS, [])
    assert (notification.email_claimed_at, notification.email_sent_at) == (None, None)


def test_claim_left_by_crashed_worker_is_not_sent_again(smtp_server, notification):
    smtp_server.stall = False
    claimed_at = timezone.now() - timedelta(hours=1)
    Notification.objects.filter(pk=notification.pk).update(
        email_claimed_at=claimed_at, email_attempts=1
    )

    result = send_notification_email.call(notification.pk)

    notification.refresh_from_db()
    assert (result, smtp_server.connections, _queued()) == ("nothing to send", 0, [])
    assert (notification.email_claimed_at, notification.email_sent_at) == (claimed_at, None)
