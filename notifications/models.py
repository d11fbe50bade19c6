from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    COMMENT = "comment", "A new review comment on an idea I mentor"
    ADDRESSED = "addressed", "My review comment was marked addressed"
    SIGN_OFF = "sign_off", "A committer signed off or withdrew a sign-off on my idea"
    STATE = "state", "My idea changed state (reviewed, back to review, approved, withdrawn)"
    INTEREST = "interest", "A student registered or withdrew interest"
    MENTORING = "mentoring", "Co-mentoring offers and answers"
    PUBLISHED = "published", "A program I mentor in published its final list"


class Channel(models.TextChoices):
    APP = "app", "In the app"
    EMAIL = "email", "By email"


class Notification(models.Model):
    """One event told to one person: listed in the app, and emailed once if wanted."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What happened, e.g. "comment:42"; one notification per recipient per event.
    event = models.CharField(max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    show_in_app = models.BooleanField(default=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_wanted = models.BooleanField(default=False)
    # Set by the worker that is sending the email (see notifications.tasks); cleared again
    # only when the mail server refused it. Claimed but never sent means a worker died
    # mid-send: that email is not tried again.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event"], name="notification_once"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"To {self.recipient}: {self.message}"


class Mute(models.Model):
    """A kind of notification a user turned off on one channel."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_mutes"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="mute_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} muted {self.kind} ({self.channel})"
