"""Filters of the program page: they live in the URL, so a filtered list can be shared."""

import re

import pytest
from django.urls import reverse

from gsoc.enums import Difficulty
from tests.factories import IdeaFactory, SkillFactory

pytestmark = pytest.mark.django_db

CARD_TITLE_RE = re.compile(r'<h3 class="h5 card-title"[^>]*>\s*<a href="[^"]*">(.*?)</a>', re.S)
ALERT_RE = re.compile(r'<div class="alert alert-light border">\s*(.*?)\s*</div>', re.S)
BASIC, MEDIUM, HARD = Difficulty.BASIC, Difficulty.MEDIUM, Difficulty.HARD


@pytest.fixture
def ideas(program, mentor, other_mentor):
    c, python, rust = (
        SkillFactory(name="C", slug="c"),
        SkillFactory(name="Python", slug="python"),
        SkillFactory(name="Rust", slug="rust"),
    )
    IdeaFactory(
        program=program,
        title="Basic only",
        difficulty_min=BASIC,
        difficulty_max=BASIC,
        project_size=90,
        mentors=[mentor],
        skills=[c],
        description="Tidy the hypervisor logs.",
    )
    IdeaFactory(
        program=program,
        title="Basic to hard",
        difficulty_min=BASIC,
        difficulty_max=HARD,
        project_size=175,
        mentors=[other_mentor],
        skills=[python],
        description="Port the toolstack tests to pytest.",
    )
    IdeaFactory(
        program=program,
        title="Hard only",
        difficulty_min=HARD,
        difficulty_max=HARD,
        project_size=350,
        mentors=[mentor, other_mentor],
        skills=[c, python],
        description="Live migration of the hypervisor state.",
    )
    IdeaFactory(
        program=program,
        title="Medium draft",
        state="draft",
        difficulty_min=MEDIUM,
        difficulty_max=MEDIUM,
        mentors=[mentor],
        skills=[rust],
    )


def card_titles(response) -> list[str]:
    return [title.strip() for title in CARD_TITLE_RE.findall(response.text)]


def get_page(client, query: str):
    return client.get(f"{reverse('gsoc:program_detail', args=['gsoc-2031'])}?{query}")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Basic only", "Basic to hard", "Hard only"]),
        ("difficulty=1", ["Basic only", "Basic to hard"]),
        ("difficulty=2", ["Basic to hard"]),
        ("difficulty=3", ["Basic to hard", "Hard only"]),
        ("size=90", ["Basic only"]),
        ("size=350", ["Hard only"]),
        ("skill=c", ["Basic only", "Hard only"]),
        ("skill=python", ["Basic to hard", "Hard only"]),
        ("mentor=menna", ["Basic only", "Hard only"]),
        ("mentor=otto", ["Basic to hard", "Hard only"]),
        ("q=hypervisor", ["Basic only", "Hard only"]),
        ("q=HYPERVISOR+migration", ["Hard only"]),
        ("q=python", ["Basic to hard", "Hard only"]),
        ("q=nothing-like-this", []),
        ("skill=c&difficulty=3", ["Hard only"]),
        ("mentor=otto&size=175&q=pytest", ["Basic to hard"]),
    ],
)
def test_program_filter_matches(client, ideas, query, expected):
    response = get_page(client, query)

    assert response.status_code == 200
    assert card_titles(response) == expected


def test_program_filter_medium_matches_basic_to_hard_range(client, ideas):
    response = get_page(client, "difficulty=2")

    assert [idea.difficulty_display for idea in response.context["sections"][2][2]] == [
        "Basic to hard"
    ]


def test_program_filter_counts_matches(client, ideas):
    response = get_page(client, "skill=c")

    assert response.context["idea_count"] == 2
    assert "2 ideas match your filters." in response.text


def test_program_filter_mentor_sees_own_draft_filtered(client_for, mentor, ideas):
    client = client_for(mentor)

    response = get_page(client, "difficulty=2")

    assert card_titles(response) == ["Basic to hard", "Medium draft"]


def test_program_filter_mentor_can_filter_by_skill_of_own_draft(client_for, mentor, ideas):
    # The skill tag on the mentor's own draft card links to ?skill=rust.
    client = client_for(mentor)

    response = get_page(client, "skill=rust")

    assert response.context["filter"].form.errors == {}
    assert card_titles(response) == ["Medium draft"]


def test_program_filter_with_no_match_says_so(client, ideas):
    response = get_page(client, "q=nothing-like-this")

    assert ALERT_RE.search(response.text).group(1).startswith("No ideas match these filters.")


@pytest.mark.parametrize(
    ("query", "field", "error"),
    [
        (
            "difficulty=9",
            "difficulty",
            "Select a valid choice. 9 is not one of the available choices.",
        ),
        ("difficulty=medium", "difficulty", None),
        ("size=91", "size", "Select a valid choice. 91 is not one of the available choices."),
        ("skill=cobol", "skill", None),
        ("skill=rust", "skill", None),  # used only by a draft: not offered publicly
        ("mentor=nobody", "mentor", None),
        ("q=%00", "q", "Null characters are not allowed."),
        ("difficulty=%00", "difficulty", None),
    ],
)
def test_program_filter_invalid_value_shows_error(client, ideas, query, field, error):
    response = get_page(client, query)

    errors = response.context["filter"].form.errors
    assert response.status_code == 200
    assert list(errors) == [field]
    if error is not None:
        assert errors[field] == [error]
    assert card_titles(response) == []
    assert response.context["filter"].is_filtered is True
    assert ALERT_RE.search(response.text).group(1).startswith("No ideas match these filters.")


def test_program_filter_ignores_empty_values(client, ideas):
    response = get_page(client, "difficulty=&size=&skill=&mentor=&q=")

    assert card_titles(response) == ["Basic only", "Basic to hard", "Hard only"]
    assert response.context["filter"].is_filtered is False


def test_program_filter_offers_only_public_skills_and_mentors(client, ideas):
    response = get_page(client, "")

    filters = response.context["filter"].filters
    assert filters["skill"].extra["choices"] == [("c", "C"), ("python", "Python")]
    assert filters["mentor"].extra["choices"] == [
        ("menna", "Menna Tor"),
        ("otto", "Otto Mentor"),
    ]
