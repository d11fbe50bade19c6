"""Who mentors and who vouches: co-mentoring offers and invitations, and sign-offs.

Models refer to ideas by name ("gsoc.Idea"), so this module imports no other model
module and ``gsoc.models.ideas`` can use these in its queries.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class MentorOfferQuerySet(models.QuerySet["MentorOffer"]):
    def pending(self) -> MentorOfferQuerySet:
        return self.filter(status=MentorOffer.Status.PENDING)

    def invitations_for(self, user) -> MentorOfferQuerySet:
        """Invitations to co-mentor waiting for ``user``'s answer."""
        if not user.is_authenticated:
            return self.none()
        return self.pending().filter(kind=MentorOffer.Kind.INVITATION, user=user)


class MentorOffer(models.Model):
    """A proposal that someone co-mentors an idea, answered by the other side.

    An *offer* comes from a volunteer and is answered by the idea's mentors; an
    *invitation* comes from the idea's mentors (or a manager) and is answered by the person
    invited: nobody becomes a mentor without saying yes. An invitation by email to an
    address with no account keeps the address and a token for the link in the email.
    """

    class Kind(models.TextChoices):
        OFFER = "offer", "Offer to co-mentor"
        INVITATION = "invitation", "Invitation to co-mentor"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    idea = models.ForeignKey("gsoc.Idea", on_delete=models.CASCADE, related_name="mentor_offers")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OFFER)
    # The volunteer, or the person invited; empty for an invitation to an unknown address.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentor_offers",
    )
    email = models.EmailField(blank=True, help_text="Where an invitation by email was sent.")
    token = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = MentorOfferQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                condition=Q(status="pending"),
                name="mentoroffer_one_pending",
            ),
            models.UniqueConstraint(
                fields=["idea", "email"],
                condition=Q(status="pending") & ~Q(email=""),
                name="mentoroffer_one_pending_email",
            ),
        ]

    def __str__(self) -> str:
        who = self.user or self.email
        if self.is_invitation:
            return f"{who} is invited to mentor {self.idea}"
        return f"{who} offers to mentor {self.idea}"

    @property
    def is_invitation(self) -> bool:
        return self.kind == self.Kind.INVITATION

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class SignOffQuerySet(models.QuerySet["SignOff"]):
    def active(self) -> SignOffQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class SignOff(models.Model):
    """A committer's statement that an idea is community reviewed, at one revision: the
    input of the idea's state machine.

    One row per committer per idea: withdrawing sets ``withdrawn_at``, signing again
    clears it and records the current revision. The Activity log keeps the history.
    """

    idea = models.ForeignKey("gsoc.Idea", on_delete=models.CASCADE, related_name="sign_offs")
    committer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_offs"
    )
    version = models.PositiveIntegerField(help_text="The idea revision that was signed.")
    note = models.CharField(max_length=500, blank=True)
    signed_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = SignOffQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "committer"], name="signoff_one_per_committer"),
            models.CheckConstraint(condition=Q(version__gte=1), name="signoff_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.committer} signed off {self.idea} (revision {self.version})"

    def is_current_for(self, idea) -> bool:
        """Active and signed at or after the last change of the reviewed content."""
        return self.withdrawn_at is None and self.version >= idea.reviewed_version

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
