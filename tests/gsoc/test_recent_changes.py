"""The site-wide recent changes page: privacy per role, filters, paging and query counts.

Roles are the fixtures of tests/conftest.py; "visitor" is nobody signed in.
"""

import re

import pytest

from gsoc import workflow
from gsoc.models import Activity
from tests.factories import IdeaFactory
from tests.gsoc.recent_changes_support import (
    CREATED,
    CREATED_DRAFT,
    EMAIL_RE,
    GRANTED_ROLE,
    MAX_RECENT_CHANGES_QUERIES,
    NAMED_INTEREST,
    ROLES,
    SEEN_BY,
    SUBMITTED,
    build_activities,
    feed_url,
    page_url,
)
from tests.helpers import idea_content

pytestmark = pytest.mark.django_db


ACTIVITY_TEXT_RE = re.compile(r'<span class="activity-text">(.*?)</span>\n', re.S)
TAG_RE = re.compile(r"<[^>]+>")


def texts(response) -> list[str]:
    return [
        " ".join(TAG_RE.sub("", text).split()) for text in ACTIVITY_TEXT_RE.findall(response.text)
    ]


# --- privacy per role ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_recent_changes_shows_what_role_may_see(as_role, log, role):
    _, client = as_role(role)

    response = client.get(page_url())

    assert response.status_code == 200
    assert texts(response) == SEEN_BY[role]


@pytest.mark.parametrize("role", ROLES)
def test_recent_changes_never_shows_email_addresses(as_role, log, role):
    _, client = as_role(role)

    response = client.get(page_url())

    assert texts(response) == SEEN_BY[role]  # the page shows the people, by name
    assert EMAIL_RE.findall(response.text) == []


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("visitor", False),
        ("student", False),
        ("other_mentor", False),
        ("mentor", True),
        ("manager", True),
    ],
)
def test_recent_changes_of_withdrawn_idea_only_for_mentors_and_managers(
    as_role, log, mentor, role, sees
):
    live, _ = log
    workflow.withdraw(live, by=mentor)
    _, client = as_role(role)

    response = client.get(page_url("person=menna"))

    about_live = [text for text in texts(response) if "Faster widget" in text]
    assert about_live == (["Menna Tor withdrew Faster widget", SUBMITTED, CREATED] if sees else [])


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", []),
        ("student", []),
        ("other_mentor", []),
        ("mentor", [NAMED_INTEREST]),
        ("manager", [NAMED_INTEREST]),
    ],
)
def test_recent_changes_person_filter_keeps_students_anonymous(as_role, log, role, expected):
    _, client = as_role(role)

    response = client.get(page_url("person=stu"))

    assert texts(response) == expected


def test_recent_changes_role_change_names_username_for_manager(client_for, log, manager):
    response = client_for(manager).get(page_url("kind=role_granted"))

    assert texts(response) == [GRANTED_ROLE]


@pytest.mark.parametrize("role", ["visitor", "student", "mentor"])
def test_recent_changes_kind_filter_hides_role_kinds_from_non_managers(as_role, log, role):
    _, client = as_role(role)

    response = client.get(page_url("kind=role_granted"))

    assert texts(response) == []
    assert "role_granted" not in dict(response.context["form"].fields["kind"].choices)


# --- filters and paging ----------------------------------------------------------------


def test_recent_changes_program_filter(client_for, log, manager):
    response = client_for(manager).get(page_url("program=gsoc-2031"))

    assert texts(response) == [NAMED_INTEREST, CREATED_DRAFT, SUBMITTED, CREATED]


def test_recent_changes_kind_filter(client_for, log):
    response = client_for(None).get(page_url("kind=created"))

    assert texts(response) == [CREATED]


def test_recent_changes_combined_filters(client_for, log, mentor):
    response = client_for(mentor).get(page_url("program=gsoc-2031&kind=created&person=menna"))

    assert texts(response) == [CREATED_DRAFT, CREATED]


@pytest.mark.parametrize("query", ["program=no-such-program", "kind=exploded"])
def test_recent_changes_invalid_filter_shows_error_and_nothing(client_for, log, query):
    response = client_for(None).get(page_url(query))

    assert response.status_code == 200
    assert texts(response) == []
    assert response.context["form"].is_valid() is False


def test_recent_changes_preparing_program_not_offered_to_visitor(client_for, log):
    response = client_for(None).get(page_url("program=outreachy-40"))

    assert texts(response) == []
    assert response.context["form"].is_valid() is False


def test_recent_changes_pages_by_fifty(client_for, program, mentor):
    idea = IdeaFactory(program=program, mentors=[mentor])
    Activity.objects.bulk_create(
        Activity(verb=Activity.Verb.VERIFIED, actor=mentor, program=program, idea=idea)
        for _ in range(51)
    )
    client = client_for(None)

    first = client.get(page_url("kind=verified"))
    second = client.get(page_url("kind=verified&page=2"))

    assert (len(texts(first)), len(texts(second))) == (50, 1)
    assert 'href="?kind=verified&amp;page=2"' in first.text


def test_recent_changes_links_its_atom_feed_with_filters(client_for, log):
    response = client_for(None).get(page_url("kind=created"))

    link = re.search(r'<link rel="alternate" type="application/atom\+xml" [^>]*>', response.text)
    assert re.search(r'href="([^"]+)"', link.group(0)).group(1) == feed_url("kind=created")


def test_recent_changes_edit_shows_summary(client_for, program, mentor):
    idea = workflow.create_idea(program, idea_content("Faster widget"), by=mentor, submit=True)
    new = idea_content("Faster gadget")
    new.mentors, new.summary = [mentor], "Better name"
    workflow.update_idea(idea, new, by=mentor, expected_version=1)

    response = client_for(None).get(page_url("kind=edited"))

    assert texts(response) == [
        "Menna Tor edited Faster gadget (revision 2; changed title: “Better name”)"
    ]


# --- query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["visitor", "student", "mentor", "manager"])
def test_recent_changes_query_count_constant(
    as_role, django_assert_max_num_queries, program, mentor, student, role
):
    _, client = as_role(role)
    queries = {}
    for count in (3, 60):
        Activity.objects.all().delete()
        build_activities(program, mentor, student, count)
        with django_assert_max_num_queries(MAX_RECENT_CHANGES_QUERIES) as captured:
            response = client.get(page_url())
        queries[count] = len(captured)
        assert len(texts(response)) == min(count, 50)

    assert queries[3] == queries[60]
