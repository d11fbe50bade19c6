"""Programs (one edition of a mentoring program) and the skill tags ideas use."""

from __future__ import annotations

import hashlib

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from markdownx.models import MarkdownxField

from gsoc.enums import PUBLIC_PHASES, Phase, size_label
from gsoc.slugs import free_slug, validate_not_reserved
from gsoc.validators import markdown_length


class ProgramQuerySet(models.QuerySet["Program"]):
    def public(self) -> ProgramQuerySet:
        return self.filter(phase__in=PUBLIC_PHASES)

    def visible_to(self, user) -> ProgramQuerySet:
        """The programs ``user`` may see: every one for members, public ones for visitors
        (``permissions.can_view_program`` is the same rule)."""
        return self.all() if user.is_authenticated else self.public()

    def current(self) -> Program | None:
        """The newest program that is open or published, or None."""
        return self.filter(phase__in=(Phase.OPEN, Phase.PUBLISHED)).order_by("-created_at").first()


def default_sizes() -> list[int]:
    return [90, 175, 350]


class Program(models.Model):
    """One edition of one mentoring program, e.g. "Google Summer of Code 2013"."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        validators=[validate_not_reserved],
        help_text="Used in addresses, e.g. gsoc-2026. Keep it short.",
    )
    intro = MarkdownxField(
        blank=True,
        validators=[markdown_length],
        help_text="A short introduction shown above the ideas (Markdown).",
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
    # When the final list was (last) published: ideas corrected later show as updated.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
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
    """A normalised skill tag: "C", "Python", "x86 assembly".

    Names are unique ignoring case (a database constraint, so two people adding "python"
    and "Python" at once get one skill)."""

    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="skill_unique_name_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def normalise(cls, name: str) -> str:
        return " ".join(name.split())[:50]

    @classmethod
    def get_or_create_many(cls, names: list[str]) -> list[Skill]:
        """Skills for these names, matching existing ones case-insensitively, in order.

        Matching is by name, not slug: "C", "C++" and "C#" are different skills. A name
        created by someone else at the same moment is found on the second try."""
        skills: list[Skill] = []
        for name in names:
            skill = cls.objects.filter(name__iexact=name).first()
            if skill is None:
                try:
                    with transaction.atomic():
                        skill = cls.objects.create(name=name, slug=cls.free_slug(name))
                except IntegrityError:
                    skill = cls.objects.get(name__iexact=name)
            if skill not in skills:
                skills.append(skill)
        return skills

    @classmethod
    def free_slug(cls, name: str) -> str:
        readable = name.replace("+", " plus ").replace("#", " sharp ")
        base = slugify(readable)[:50] or hashlib.sha1(name.encode()).hexdigest()[:8]
        return free_slug(base, taken=lambda slug: cls.objects.filter(slug=slug).exists())

    @classmethod
    def contained_in(cls, name: str) -> list[Skill]:
        """Existing skills whose whole name stands as words in ``name`` ("C" in "C
        programming"), to offer before a near-duplicate is created."""
        padded = f" {' '.join(name.lower().split())} "
        return [
            skill
            for skill in cls.objects.all()
            if skill.name.lower() != padded.strip() and f" {skill.name.lower()} " in padded
        ]
