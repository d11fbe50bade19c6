import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from markdownx.models import MarkdownxField

from gsoc.enums import PUBLIC_PHASES, PUBLIC_STATES, Difficulty, IdeaState, Phase, size_label


class ProgramQuerySet(models.QuerySet):
    def public(self):
        return self.filter(phase__in=PUBLIC_PHASES)

    def archived(self):
        return self.filter(phase=Phase.ARCHIVED)

    def current(self):
        """The newest program that is open or published, or None."""
        return self.filter(phase__in=(Phase.OPEN, Phase.PUBLISHED)).order_by("-created_at").first()


def default_sizes() -> list[int]:
    return [90, 175, 350]


class Program(models.Model):
    """One edition of one mentoring program, e.g. "Google Summer of Code 2013"."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=60, unique=True, help_text="Used in addresses, e.g. gsoc-2026. Keep it short."
    )
    intro = MarkdownxField(
        blank=True, help_text="A short introduction shown above the ideas (Markdown)."
    )
    phase = models.CharField(max_length=20, choices=Phase.choices, default=Phase.PREPARING)
    ideas_deadline = models.DateField(null=True, blank=True)
    org_application_deadline = models.DateField(
        null=True, blank=True, verbose_name="organisation application deadline"
    )
    required_sign_offs = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Committer sign-offs an idea needs to count as community reviewed.",
    )
    target_list_size = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text="How many ideas the final list should have.",
    )
    allowed_sizes = models.JSONField(
        default=default_sizes, help_text="Allowed project sizes, in hours."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("gsoc:program_detail", kwargs={"program_slug": self.slug})

    @property
    def is_archived(self) -> bool:
        return self.phase == Phase.ARCHIVED

    def size_choices(self) -> list[tuple[int, str]]:
        return [(hours, size_label(hours)) for hours in sorted(self.allowed_sizes)]


class Skill(models.Model):
    """A normalised skill tag: "C", "Python", "x86 assembly"."""

    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def normalise(cls, name: str) -> str:
        return " ".join(name.split())[:50]

    @classmethod
    def get_or_create_many(cls, names: list[str]) -> list["Skill"]:
        """Skills for these names, matching existing ones case-insensitively, in order.

        Matching is by name, not slug: "C", "C++" and "C#" are different skills.
        """
        skills = []
        for name in names:
            skill = cls.objects.filter(name__iexact=name).first()
            if skill is None:
                skill, _ = cls.objects.get_or_create(
                    name=name, defaults={"slug": cls.free_slug(name)}
                )
            if skill not in skills:
                skills.append(skill)
        return skills

    @classmethod
    def free_slug(cls, name: str) -> str:
        readable = name.replace("+", " plus ").replace("#", " sharp ")
        base = slugify(readable)[:50] or hashlib.sha1(name.encode()).hexdigest()[:8]
        slug, n = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug = f"{base}-{n}"
            n += 1
        return slug


class IdeaQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state__in=PUBLIC_STATES)

    def for_program(self, program: Program):
        return self.filter(program=program)


class Idea(models.Model):
    """A project idea of a program, as mentors write it and reviewers review it."""

    # Fields whose change after a sign-off makes that sign-off stale (DOMAIN.md).
    REVIEWED_FIELDS = (
        "title",
        "description",
        "outcomes",
        "steps",
        "skills",
        "skills_note",
        "difficulty_min",
        "difficulty_max",
        "project_size",
        "mentors",
    )

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="ideas")
    slug = models.SlugField(max_length=80)
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
    description = MarkdownxField()
    outcomes = MarkdownxField(blank=True)
    steps = MarkdownxField(blank=True, help_text="Phases or milestones a student works through.")
    references = MarkdownxField(blank=True)
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
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

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


class MentorOffer(models.Model):
    """A signed-in user's offer to co-mentor an idea; its mentors accept or decline."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the mentors"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="mentor_offers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_offers"
    )
    message = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                condition=Q(status="pending"),
                name="mentoroffer_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} offers to mentor {self.idea}"
