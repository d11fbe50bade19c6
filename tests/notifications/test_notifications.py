from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from gsoc import workflow as idea_workflow
from notifications.models import Channel, Kind, Mute, Notification
from notifications.tasks import MAX_ATTEMPTS
from reviews import workflow

pytestmark = pytest.mark.django_db


class FlakyBackend(EmailBackend):
    """Fails the first ``failures`` sends, like a mail server that is briefly down."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise SMTPException("421 try again later")
        return super().send_messages(messages)


def test_comment_notifies_mentors_after_commit(
    idea, mentor, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.add_comment(idea, by=reviewer, body="Looks good")
        assert len(mail.outbox) == 0  # nothing is sent inside the transaction

    for callback in callbacks:
        callback()

    notification = Notification.objects.get(recipient=mentor)
    assert notification.kind == Kind.COMMENT
    assert notification.email_sent_at is not None
    assert [m.to for m in mail.outbox] == [[mentor.email]]
    assert "Rev Iewer commented on “Faster widget”" in mail.outbox[0].subject


def test_comment_does_not_notify_the_actor(idea, mentor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_comment(idea, by=mentor, body="Note to self")

    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_addressed_notifies_comment_author(
    idea, mentor, reviewer, django_capture_on_commit_callbacks
):
    comment = workflow.add_comment(idea, by=reviewer, body="Fix it")

    with django_capture_on_commit_callbacks(execute=True):
        workflow.set_addressed(comment, by=mentor, addressed=True)

    assert Notification.objects.filter(recipient=reviewer, kind=Kind.ADDRESSED).count() == 1
    assert [m.to for m in mail.outbox] == [[reviewer.email]]


def test_sign_off_notifies_mentors_of_sign_off_and_state(
    idea, mentor, committer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea_workflow.sign_off(idea, by=committer)

    kinds = sorted(Notification.objects.filter(recipient=mentor).values_list("kind", flat=True))
    assert kinds == [Kind.SIGN_OFF, Kind.STATE]
    assert len(mail.outbox) == 2


def test_muted_email_kind_gets_in_app_only(
    idea, mentor, reviewer, django_capture_on_commit_callbacks
):
    Mute.objects.create(user=mentor, kind=Kind.COMMENT, channel=Channel.EMAIL)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_comment(idea, by=reviewer, body="Hello")

    notification = Notification.objects.get(recipient=mentor)
    assert (notification.show_in_app, notification.email_wanted) == (True, False)
    assert mail.outbox == []


def test_fully_muted_kind_creates_nothing(idea, mentor, reviewer):
    Mute.objects.create(user=mentor, kind=Kind.COMMENT, channel=Channel.EMAIL)
    Mute.objects.create(user=mentor, kind=Kind.COMMENT, channel=Channel.APP)

    workflow.add_comment(idea, by=reviewer, body="Hello")

    assert Notification.objects.count() == 0


def test_email_is_retried_after_mail_server_failure(
    settings, idea, mentor, reviewer, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.test_notifications.FlakyBackend"
    FlakyBackend.failures = 2

    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_comment(idea, by=reviewer, body="Hello")

    notification = Notification.objects.get(recipient=mentor)
    assert (notification.email_attempts, len(mail.outbox)) == (3, 1)
    assert notification.email_sent_at is not None


def test_email_gives_up_after_max_attempts(
    settings, idea, mentor, reviewer, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.test_notifications.FlakyBackend"
    FlakyBackend.failures = MAX_ATTEMPTS + 3

    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_comment(idea, by=reviewer, body="Hello")

    notification = Notification.objects.get(recipient=mentor)
    assert (notification.email_attempts, notification.email_sent_at) == (MAX_ATTEMPTS, None)
    FlakyBackend.failures = 0


def test_email_task_run_twice_sends_once(
    idea, mentor, reviewer, django_capture_on_commit_callbacks
):
    from notifications.tasks import send_notification_email

    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_comment(idea, by=reviewer, body="Hello")
    notification = Notification.objects.get(recipient=mentor)

    result = send_notification_email.call(notification.pk)

    assert (result, len(mail.outbox)) == ("nothing to send", 1)
