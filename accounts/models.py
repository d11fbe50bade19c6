from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person using the site. Roles are groups (see gsoc.permissions)."""

    display_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="Shown as your name and as the signature of your review comments.",
    )
    affiliation = models.CharField(
        max_length=200,
        blank=True,
        help_text="Company, university or project you belong to (optional).",
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_display_name()

    def get_display_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username
