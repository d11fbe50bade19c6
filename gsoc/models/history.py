"""What happened: the activity log and the saved revisions of ideas."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gsoc.models.ideas import Idea
from gsoc.models.programs import Program


class Activity(models.Model):
    """Who did what when: the idea's timeline and the site's audit trail."""

    class Verb(models.TextChoices):
        CREATED = "created", "created"
        EDITED = "edited", "edited"
        SUBMITTED = "submitted", "submitted for review"
        WITHDRAWN = "withdrawn", "withdrew"
        REOPENED = "reopened", "reopened"
        VERIFIED = "verified", "verified"
        RESTORED = "restored", "restored an earlier revision of"
        SIGNED_OFF = "signed_off", "signed off"
        SIGN_OFF_WITHDRAWN = "sign_off_withdrawn", "withdrew the sign-off of"
        REVIEWED = "reviewed", "marked community reviewed"
        BACK_TO_REVIEW = "back_to_review", "sent back to review"
        APPROVED = "approved", "approved"
        UNAPPROVED = "unapproved", "took off the final list"
        COMMENTED = "commented", "commented on"
        COMMENT_EDITED = "comment_edited", "edited a comment on"
        ADDRESSED = "addressed", "marked a comment addressed on"
        UNADDRESSED = "unaddressed", "reopened a comment on"
        COMMENT_HIDDEN = "comment_hidden", "hid a comment on"
        COMMENT_UNHIDDEN = "comment_unhidden", "unhid a comment on"
        INTEREST_REGISTERED = "interest_registered", "registered interest in"
        INTEREST_WITHDRAWN = "interest_withdrawn", "withdrew interest in"
        PROGRAM_CREATED = "program_created", "created the program"
        PROGRAM_OPENED = "program_opened", "opened the program for ideas"
        PROGRAM_PUBLISHED = "program_published", "published the final list of"
        PROGRAM_ARCHIVED = "program_archived", "archived"
        CARRIED_FORWARD = "carried_forward", "carried forward"
        MENTOR_OFFERED = "mentor_offered", "offered to co-mentor"
        MENTOR_ACCEPTED = "mentor_accepted", "accepted a co-mentor for"
        MENTOR_DECLINED = "mentor_declined", "declined a co-mentor offer for"
        ROLE_GRANTED = "role_granted", "granted a role"
        ROLE_REVOKED = "role_revoked", "revoked a role"
        PROGRAM_EDITED = "program_edited", "edited the program"
        MENTOR_INVITED = "mentor_invited", "invited a co-mentor for"

    verb = models.CharField(max_length=30, choices=Verb.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    idea = models.ForeignKey(
        Idea, null=True, blank=True, on_delete=models.CASCADE, related_name="activities"
    )
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        target = self.idea or self.program or ""
        return f"{self.actor} {self.get_verb_display()} {target}".strip()


class IdeaRevision(models.Model):
    """A saved state of an idea's content, numbered like ``Idea.version``.

    A snapshot (fields, skill names, mentor usernames in order) rather than per-field
    history, so any two revisions diff field by field and sign-offs can point at one.
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    summary = models.CharField(max_length=200, blank=True, verbose_name="edit summary")
    data = models.JSONField()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "version"], name="revision_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.idea} revision {self.version}"
