from django.conf import settings
from django.db import models
from markdownx.models import MarkdownxField

from gsoc.models import Idea


class ReviewCommentQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)


class ReviewComment(models.Model):
    """A signed peer-review comment. Author and time come from the account and the server
    clock and are never editable by anyone else; hiding replaces deletion."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = MarkdownxField()
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    is_addressed = models.BooleanField(default=False)
    addressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    addressed_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    objects = ReviewCommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "parent", "is_addressed"])]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.idea}"


class CommentRevision(models.Model):
    """The earlier text of an edited comment, kept so edits stay visible."""

    comment = models.ForeignKey(ReviewComment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Earlier text of {self.comment}"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNSURE = "unsure", "Unsure"


# The four peer-review questions (DOMAIN.md), as (field, question).
RUBRIC_QUESTIONS = (
    ("gets_going", "Can a student get going with the information in the description?"),
    ("no_assumptions", "Is it free of unstated assumptions and undefined terms?"),
    ("fits_time", "Can it be finished in the program's time, preparation included?"),
    ("meets_goals", "Does it meet the program's goals?"),
)


class RubricAnswer(models.Model):
    """The rubric answered with a comment: one answer set per comment."""

    comment = models.OneToOneField(ReviewComment, on_delete=models.CASCADE, related_name="rubric")
    gets_going = models.CharField(max_length=10, choices=Answer.choices)
    no_assumptions = models.CharField(max_length=10, choices=Answer.choices)
    fits_time = models.CharField(max_length=10, choices=Answer.choices)
    meets_goals = models.CharField(max_length=10, choices=Answer.choices)

    def __str__(self) -> str:
        return f"Rubric of {self.comment}"

    def answers(self) -> list[tuple[str, str]]:
        return [(question, getattr(self, field)) for field, question in RUBRIC_QUESTIONS]
