"""The program page's search and filters: a fixed number of queries, and one row per idea
however many words, skills and mentors there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import IdeaFactory, SkillFactory, UserFactory

WORDS = "a e i o n t s r"


@pytest.fixture
def big_program(program):
    skills = [SkillFactory(name=f"Skill {letter}") for letter in "aeiou"]
    mentors = [UserFactory() for _ in range(3)]
    for n in range(30):
        IdeaFactory(
            program=program,
            title=f"Idea {n} on retries and stores",
            mentors=mentors,
            skills=skills,
        )
    return program


def _ideas_query(queries) -> str:
    # The one query that reads the ideas rows of the list: the one that searches.
    return next(q["sql"] for q in queries if "LIKE" in q["sql"] and "title" in q["sql"])


@pytest.mark.parametrize("query", ["a", WORDS])
def test_search_runs_a_fixed_number_of_queries(
    client, big_program, django_assert_num_queries, query
):
    # The same count for one word and for eight (visitor: program, ideas, mentors, skills,
    # the skills and mentors of the filter).
    with django_assert_num_queries(6):
        response = client.get(big_program.get_absolute_url(), {"q": query})

    assert response.status_code == 200
    assert response.context["idea_count"] == 30


def test_search_joins_no_skills_or_mentors_per_word(client, big_program):
    # Before: each word added a join across skills, so the rows per idea grew as
    # skills ** words (5 ** 8 = 390,625 rows for each of the 30 ideas).
    with CaptureQueriesContext(connection) as one:
        client.get(big_program.get_absolute_url(), {"q": "a"})
    with CaptureQueriesContext(connection) as eight:
        client.get(big_program.get_absolute_url(), {"q": WORDS})

    sql_one, sql_eight = _ideas_query(one.captured_queries), _ideas_query(eight.captured_queries)
    # A skill is matched in a subquery that starts FROM the idea-skill table; a join of the
    # outer query to that table is what multiplied the rows.
    assert ['JOIN "gsoc_idea_skills"' in sql for sql in (sql_one, sql_eight)] == [False, False]
    assert "DISTINCT" not in sql_eight


def test_search_and_filters_together_find_each_idea_once(client, program):
    python = SkillFactory(name="Python")
    mentor = UserFactory(username="ada")
    wanted = IdeaFactory(
        program=program, title="Parser", mentors=[mentor, UserFactory()], skills=[python]
    )
    IdeaFactory(program=program, title="Parser too", skills=[python])

    response = client.get(
        program.get_absolute_url(), {"q": "parser python", "skill": python.slug, "mentor": "ada"}
    )

    assert [idea.pk for idea in response.context["filter"].qs] == [wanted.pk]
    assert response.context["idea_count"] == 1
