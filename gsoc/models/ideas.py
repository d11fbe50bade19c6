"""Ideas, their mentors, and what people may see of them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from markdownx.models import MarkdownxField

from gsoc import permissions
from gsoc.enums import PUBLIC_PHASES, PUBLIC_STATES, Difficulty, IdeaState, Phase, size_label
from gsoc.models.mentoring import MentorOffer
from gsoc.models.programs import Program, Skill
from gsoc.schema import REVIEWED_FIELDS
from gsoc.slugs import validate_not_reserved
from gsoc.validators import markdown_length


class IdeaQuerySet(models.QuerySet["Idea"]):
    def public(self) -> IdeaQuerySet:
        return self.filter(state__in=PUBLIC_STATES)

    def for_program(self, program: Program) -> IdeaQuerySet:
        return self.filter(program=program)

    def visible_to(self, user) -> IdeaQuerySet:
        """The ideas ``user`` may see: the rule of ``permissions.can_view_idea`` as a
        filter (tests/gsoc/test_visibility.py checks that the two agree). Subqueries, not
        joins, so no row is repeated and no DISTINCT is needed."""
        if permissions.is_manager(user):
            return self.all()
        if not user.is_authenticated:
            return self.filter(state__in=PUBLIC_STATES, program__phase__in=PUBLIC_PHASES)
        mentors = IdeaMentor.objects.filter(idea=OuterRef("pk"), user=user)
        invited = MentorOffer.objects.invitations_for(user).filter(idea=OuterRef("pk"))
        return self.filter(Q(state__in=PUBLIC_STATES) | Exists(mentors) | Exists(invited))


class Idea(models.Model):
    """A project idea of a program, as mentors write it and reviewers review it."""

    REVIEWED_FIELDS = REVIEWED_FIELDS

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="ideas")
    slug = models.SlugField(max_length=80, validators=[validate_not_reserved])
    title = models.CharField(max_length=120)
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="IdeaMentor", related_name="mentored_ideas"
    )
    difficulty_min = models.PositiveSmallIntegerField(
        choices=Difficulty.choices, default=Difficulty.MEDIUM, verbose_name="difficulty from"
    )
    difficulty_max = models.PositiveSmallIntegerField(
        choices=Difficulty.choices, default=Difficulty.MEDIUM, verbose_name="difficulty to"
    )
    project_size = models.PositiveSmallIntegerField(help_text="Expected size, in hours.")
    skills = models.ManyToManyField(Skill, related_name="ideas", blank=True)
    skills_note = models.CharField(
        max_length=500,
        blank=True,
        verbose_name="skills in detail",
        help_text="Anything the tags don't say, e.g. 'C for phase 1, x86 assembly for phase 2'.",
    )
    description = MarkdownxField(validators=[markdown_length])
    outcomes = MarkdownxField(blank=True, validators=[markdown_length])
    steps = MarkdownxField(
        blank=True,
        validators=[markdown_length],
        help_text="Phases or milestones a student works through.",
    )
    references = MarkdownxField(blank=True, validators=[markdown_length])
    is_program_eligible = models.BooleanField(
        default=True,
        verbose_name="eligible for the program",
        help_text="Untick if the idea suits the community but not this program's rules.",
    )
    state = models.CharField(
        max_length=20, choices=IdeaState.choices, default=IdeaState.DRAFT, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    # The revision at which reviewed content (REVIEWED_FIELDS) last changed: sign-offs of
    # earlier revisions are stale.
    reviewed_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="date inserted")
    updated_at = models.DateTimeField(auto_now=True)
    verified_at = models.DateField(null=True, blank=True, verbose_name="last verified")
    # When the content last changed (a new revision), for "updated" on a published list.
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    origin = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_forward",
        help_text="The idea of an earlier program this one was carried forward from.",
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "slug"], name="idea_unique_slug"),
            models.CheckConstraint(
                condition=Q(difficulty_min__lte=models.F("difficulty_max")),
                name="idea_difficulty_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "gsoc:idea_detail",
            kwargs={"program_slug": self.program.slug, "idea_slug": self.slug},
        )

    def clean(self):
        if (
            self.difficulty_min
            and self.difficulty_max
            and self.difficulty_min > self.difficulty_max
        ):
            raise ValidationError({"difficulty_max": "Must not be easier than 'difficulty from'."})

    @property
    def difficulty_display(self) -> str:
        low = Difficulty(self.difficulty_min).label
        if self.difficulty_min == self.difficulty_max:
            return low
        return f"{low} to {Difficulty(self.difficulty_max).label.lower()}"

    @property
    def size_display(self) -> str:
        return size_label(self.project_size)

    @property
    def needs_verification(self) -> bool:
        """Not verified by a mentor since its program started, in the site's time zone."""
        started = timezone.localdate(self.program.created_at)
        return self.verified_at is None or self.verified_at < started

    @property
    def is_updated_since_published(self) -> bool:
        """Corrected after its program's final list was published."""
        published = self.program.published_at
        return bool(
            self.program.phase == Phase.PUBLISHED
            and published
            and self.edited_at
            and self.edited_at > published
        )

    def awaits_re_sign_off(self, current_sign_offs: int | None = None) -> bool:
        """On a published final list, with reviewed content changed since its sign-offs:
        it stays on the list, marked as changed, until committers sign again. Reads the
        ``current_sign_offs`` annotation of idea lists when not given."""
        current = current_sign_offs
        if current is None:
            current = getattr(self, "current_sign_offs", None)
        return (
            current is not None
            and self.state == IdeaState.APPROVED
            and self.program.phase == Phase.PUBLISHED
            and current < self.program.required_sign_offs
        )

    @property
    def is_changed_on_list(self) -> bool:
        return self.awaits_re_sign_off()

    def ordered_mentors(self) -> list:
        """Mentors in their order; uses the prefetched ``mentor_links`` when present."""
        return [link.user for link in self.mentor_links.all()]


class IdeaMentor(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="mentor_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_links"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "user"], name="ideamentor_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} mentors {self.idea}"
