import django_filters
from django import forms
from django.db.models import Q

from gsoc.enums import Difficulty
from gsoc.models import Idea


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
        field_name="skills__slug", empty_label="Any skill", label="Skill"
    )
    mentor = django_filters.ChoiceFilter(
        field_name="mentors__username", empty_label="Any mentor", label="Mentor"
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

    def filter_text(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(outcomes__icontains=word)
                | Q(steps__icontains=word)
                | Q(skills_note__icontains=word)
                | Q(skills__name__iexact=word)
            )
        return queryset.distinct()

    def filter_difficulty(self, queryset, name, value):
        level = int(value)
        return queryset.filter(difficulty_min__lte=level, difficulty_max__gte=level)

    @property
    def is_filtered(self) -> bool:
        # From the raw values: an invalid filter still filters (to nothing, with its error),
        # so the page must say "no ideas match", not "no ideas yet".
        return self.is_bound and any(str(self.data.get(name, "")).strip() for name in self.filters)
