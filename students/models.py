from django.conf import settings
from django.db import models
from django.db.models import Q

from gsoc.models import Idea


class InterestQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class Interest(models.Model):
    """A student's registration of interest in an idea. Withdrawing keeps the row;
    registering again makes a new one."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interests"
    )
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="interests")
    note = models.CharField(
        max_length=500,
        blank=True,
        help_text="Optional: why this idea, what you know already, how to reach you.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InterestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "idea"],
                condition=Q(withdrawn_at__isnull=True),
                name="interest_one_active_per_student",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} is interested in {self.idea}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
