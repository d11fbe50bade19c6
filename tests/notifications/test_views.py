import pytest
from django.urls import reverse

from notifications.models import Channel, Kind, Mute, Notification
from reviews import workflow

pytestmark = pytest.mark.django_db


def test_list_shows_own_notifications_and_unread_count(client_for, idea, mentor, reviewer):
    workflow.add_comment(idea, by=reviewer, body="Hello")

    response = client_for(mentor).get(reverse("notifications:list"))

    assert response.context["unread_notifications"] == 1
    assert [n.recipient for n in response.context["page"].object_list] == [mentor]
    assert "Rev Iewer commented on “Faster widget”." in response.text


def test_list_needs_login(client):
    response = client.get(reverse("notifications:list"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_open_marks_read_and_redirects(client_for, idea, mentor, reviewer):
    comment = workflow.add_comment(idea, by=reviewer, body="Hello")
    notification = Notification.objects.get()

    response = client_for(mentor).post(reverse("notifications:open", args=[notification.pk]))

    assert response.url == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    assert Notification.objects.get().read_at is not None


def test_open_someone_elses_notification_is_not_found(client_for, idea, reviewer, student):
    workflow.add_comment(idea, by=reviewer, body="Hello")
    notification = Notification.objects.get()

    response = client_for(student).post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_all_read(client_for, idea, mentor, reviewer):
    workflow.add_comment(idea, by=reviewer, body="One")
    workflow.add_comment(idea, by=reviewer, body="Two")

    client_for(mentor).post(reverse("notifications:mark_all_read"))

    assert Notification.objects.filter(read_at=None).count() == 0


def test_preferences_save_mutes(client_for, mentor):
    client = client_for(mentor)
    ticked = {f"{k.value}__{c.value}": "on" for k in Kind for c in Channel}
    del ticked["comment__email"]

    response = client.post(reverse("notifications:preferences"), ticked)

    assert response.status_code == 302
    assert list(Mute.objects.values_list("user", "kind", "channel")) == [
        (mentor.pk, "comment", "email")
    ]
    page = client.get(reverse("notifications:preferences"))
    assert page.context["form"]["comment__email"].value() is False
    assert page.context["form"]["comment__app"].value() is True
