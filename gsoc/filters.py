import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from gsoc.enums import Difficulty
from gsoc.models import Idea, IdeaMentor

# Words of a search that count; the rest are ignored.
MAX_SEARCH_WORDS = 8


class IdeaFilter(django_filters.FilterSet):
    """Filters of the program page; they live in the URL so a filtered list can be shared."""

    q = django_filters.CharFilter(
        method="filter_text",
        label="Search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Words in title or text"}),
    )
    difficulty = django_filters.ChoiceFilter(
        method="filter_difficulty",
        choices=Difficulty.choices,
        empty_label="Any difficulty",
        label="Difficulty",
    )
    size = django_filters.ChoiceFilter(
        field_name="project_size", empty_label="Any size", label="Size"
    )
    skill = django_filters.ChoiceFilter(
        method="filter_skill", empty_label="Any skill", label="Skill"
    )
    mentor = django_filters.ChoiceFilter(
        method="filter_mentor", empty_label="Any mentor", label="Mentor"
    )

    class Meta:
        model = Idea
        fields = ["q", "difficulty", "size", "skill", "mentor"]

    def __init__(self, *args, program, skills, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["size"].extra["choices"] = program.size_choices()
        self.filters["skill"].extra["choices"] = [(s.slug, s.name) for s in skills]
        self.filters["mentor"].extra["choices"] = [
            (u.username, u.get_display_name()) for u in mentors
        ]

    # Every filter is a condition on the idea row itself (subqueries, never joins across
    # skills or mentors), so an idea is one row however many words, skills and mentors it
    # has, and no DISTINCT is needed.

    def filter_text(self, queryset, name, value):
        """Ideas with every word (up to MAX_SEARCH_WORDS) in their text or as a skill."""
        skills = Idea.skills.through.objects.filter(idea=OuterRef("pk"))
        for word in value.split()[:MAX_SEARCH_WORDS]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(outcomes__icontains=word)
                | Q(steps__icontains=word)
                | Q(skills_note__icontains=word)
                | Exists(skills.filter(skill__name__iexact=word))
            )
        return queryset

    def filter_skill(self, queryset, name, value):
        return queryset.filter(
            Exists(Idea.skills.through.objects.filter(idea=OuterRef("pk"), skill__slug=value))
        )

    def filter_mentor(self, queryset, name, value):
        return queryset.filter(
            Exists(IdeaMentor.objects.filter(idea=OuterRef("pk"), user__username=value))
        )

    def filter_difficulty(self, queryset, name, value):
        level = int(value)
        return queryset.filter(difficulty_min__lte=level, difficulty_max__gte=level)

    @property
    def is_filtered(self) -> bool:
        # From the raw values: an invalid filter still filters (to nothing, with its error),
        # so the page must say "no ideas match", not "no ideas yet".
        return self.is_bound and any(str(self.data.get(name, "")).strip() for name in self.filters)
