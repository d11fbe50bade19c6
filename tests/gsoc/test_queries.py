"""Reads of gsoc.queries: who sees which ideas, and pages that run a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from gsoc import queries
from gsoc.enums import IdeaState
from gsoc.models import Idea, IdeaMentor, Skill
from tests.factories import IdeaFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db

CARD_RE = re.compile(r'<article class="card idea-card')

# Measured; a change here means the page's reads changed: look before raising them.
# Signed in adds the session, the user, their groups and the unread-notifications count.
PROGRAM_PAGE_QUERIES = {"visitor": 6, "mentor": 10}
MAX_PROGRAM_PAGE_QUERIES = 12
MAX_IDEA_PAGE_QUERIES = 15  # the idea page also shows reviews, sign-offs, interest, activity


def build_ideas(program, count, *, mentors, skills, state=IdeaState.NEEDS_REVIEW):
    """``count`` ideas, each with all ``mentors`` (in order) and all ``skills``, in bulk."""
    ideas = Idea.objects.bulk_create(
        Idea(
            program=program,
            slug=f"bulk-{state}-{n}",
            title=f"Bulk idea {n:03}",
            difficulty_min=1,
            difficulty_max=3,
            project_size=175,
            description=f"Idea number {n} with **Markdown**.",
            state=state,
        )
        for n in range(count)
    )
    IdeaMentor.objects.bulk_create(
        IdeaMentor(idea=idea, user=user, position=position)
        for idea in ideas
        for position, user in enumerate(mentors)
    )
    Idea.skills.through.objects.bulk_create(
        Idea.skills.through(idea=idea, skill=skill) for idea in ideas for skill in skills
    )
    return ideas


@pytest.fixture
def skills(db):
    return [SkillFactory() for _ in range(5)]


# --- program page query counts -----------------------------------------------------------


@pytest.mark.parametrize("count", [5, 200])
@pytest.mark.parametrize("role", ["visitor", "mentor"])
def test_program_page_query_count_constant(
    client_for, django_assert_num_queries, program, mentor, skills, count, role
):
    co_mentors = [UserFactory(), UserFactory()]
    build_ideas(program, count, mentors=[mentor, *co_mentors], skills=skills)
    build_ideas(program, 2, mentors=[mentor], skills=skills[:1], state=IdeaState.DRAFT)
    client = client_for(mentor if role == "mentor" else None)
    expected_cards = count + (2 if role == "mentor" else 0)

    with django_assert_num_queries(PROGRAM_PAGE_QUERIES[role]):
        response = client.get(reverse("gsoc:program_detail", args=[program.slug]))

    assert response.status_code == 200
    assert len(CARD_RE.findall(response.text)) == expected_cards


@pytest.mark.parametrize("count", [5, 200])
def test_program_page_filtered_query_count_constant(
    client_for, django_assert_num_queries, program, mentor, skills, count
):
    build_ideas(program, count, mentors=[mentor, UserFactory(), UserFactory()], skills=skills)
    client = client_for(mentor)
    query = f"?skill={skills[0].slug}&mentor=menna&difficulty=2&q=Markdown"

    with django_assert_num_queries(PROGRAM_PAGE_QUERIES["mentor"]):
        response = client.get(reverse("gsoc:program_detail", args=[program.slug]) + query)

    assert response.context["idea_count"] == count


def test_program_page_within_query_budget_for_manager(
    client_for, django_assert_max_num_queries, program, manager, skills
):
    build_ideas(program, 20, mentors=[UserFactory(), UserFactory(), UserFactory()], skills=skills)
    build_ideas(program, 5, mentors=[UserFactory()], skills=skills, state=IdeaState.DRAFT)
    client = client_for(manager)

    with django_assert_max_num_queries(MAX_PROGRAM_PAGE_QUERIES):
        response = client.get(reverse("gsoc:home"))

    assert len(CARD_RE.findall(response.text)) == 25


@pytest.mark.parametrize("role", ["visitor", "mentor"])
def test_program_page_queries_within_budget(
    client_for, django_assert_max_num_queries, program, mentor, skills, role
):
    client = client_for(mentor if role == "mentor" else None)
    url = reverse("gsoc:program_detail", args=[program.slug])
    build_ideas(program, 1, mentors=[mentor], skills=skills[:1])
    with django_assert_max_num_queries(MAX_PROGRAM_PAGE_QUERIES) as one:
        one_idea = client.get(url)
    build_ideas(
        program, 60, mentors=[mentor, UserFactory()], skills=skills, state=IdeaState.REVIEWED
    )

    with django_assert_max_num_queries(MAX_PROGRAM_PAGE_QUERIES) as many:
        many_ideas = client.get(url)

    assert len(CARD_RE.findall(one_idea.text)) == 1
    assert len(CARD_RE.findall(many_ideas.text)) == 61
    assert len(many) == len(one)


# --- idea page query counts --------------------------------------------------------------


@pytest.mark.parametrize("role", ["visitor", "mentor", "manager"])
def test_idea_page_query_count_independent_of_mentors_and_skills(
    client_for, django_assert_max_num_queries, program, mentor, manager, role
):
    small = IdeaFactory(
        program=program, slug="small", mentors=[mentor], skills=[SkillFactory(name="C")]
    )
    large = IdeaFactory(
        program=program,
        slug="large",
        mentors=[mentor, *(UserFactory() for _ in range(4))],
        skills=[SkillFactory() for _ in range(12)],
    )
    client = client_for({"visitor": None, "mentor": mentor, "manager": manager}[role])
    client.get(small.get_absolute_url())  # warm per-process caches (e.g. ContentType)

    counts = []
    for idea in (small, large):
        with django_assert_max_num_queries(MAX_IDEA_PAGE_QUERIES) as captured:
            response = client.get(idea.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]


# --- visible_ideas and the filter choices ------------------------------------------------


@pytest.fixture
def ideas_in_every_state(program, mentor, other_mentor):
    return {
        state: IdeaFactory(program=program, mentors=[mentor], title=state, state=state)
        for state in IdeaState.values
    } | {"other": IdeaFactory(program=program, mentors=[other_mentor], title="zz other")}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", ["approved", "needs_review", "reviewed", "zz other"]),
        ("student", ["approved", "needs_review", "reviewed", "zz other"]),
        ("committer", ["approved", "needs_review", "reviewed", "zz other"]),
        ("other_mentor", ["approved", "needs_review", "reviewed", "zz other"]),
        ("mentor", ["approved", "draft", "needs_review", "reviewed", "withdrawn", "zz other"]),
        ("manager", ["approved", "draft", "needs_review", "reviewed", "withdrawn", "zz other"]),
    ],
)
def test_visible_ideas_per_role(request, ideas_in_every_state, program, role, expected):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if role == "visitor" else request.getfixturevalue(role)

    titles = [idea.title for idea in queries.visible_ideas(user, program)]

    assert titles == expected


def test_visible_ideas_no_duplicates_for_co_mentor(program, mentor, other_mentor, student):
    IdeaFactory(program=program, mentors=[mentor, other_mentor, student], title="Shared")

    titles = [idea.title for idea in queries.visible_ideas(mentor, program)]

    assert titles == ["Shared"]


def test_visible_ideas_only_of_program(program, mentor):
    IdeaFactory(program=program, mentors=[mentor], title="Here")
    IdeaFactory(mentors=[mentor], title="Elsewhere")

    assert [idea.title for idea in queries.visible_ideas(mentor, program)] == ["Here"]


def test_program_skills_public_only_without_user(program, mentor):
    c, rust = SkillFactory(name="C", slug="c"), SkillFactory(name="Rust", slug="rust")
    IdeaFactory(program=program, mentors=[mentor], skills=[c])
    IdeaFactory(program=program, mentors=[mentor], skills=[rust], state="draft")

    assert list(queries.program_skills(program)) == [c]
    assert list(queries.program_skills(program, mentor)) == [c, rust]


def test_program_mentors_of_visible_ideas(program, mentor, other_mentor, student):
    IdeaFactory(program=program, mentors=[mentor])
    IdeaFactory(program=program, mentors=[other_mentor], state="draft")

    assert list(queries.program_mentors(program)) == [mentor]
    assert list(queries.program_mentors(program, other_mentor)) == [mentor, other_mentor]
    assert list(queries.program_mentors(program, student)) == [mentor]


def test_skill_suggestions_sorted_names(db):
    Skill.objects.bulk_create([Skill(name="Rust", slug="rust"), Skill(name="C", slug="c")])

    assert queries.skill_suggestions() == ["C", "Rust"]
