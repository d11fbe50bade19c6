"""The site-wide recent changes page and its Atom feed: privacy per role, filters, paging,
feed validity and query counts.

Roles are the fixtures of tests/conftest.py; "visitor" is nobody signed in.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.contrib.sites.models import Site
from django.urls import reverse

from gsoc import workflow
from gsoc.enums import Phase
from gsoc.models import Activity, Program
from gsoc.permissions import COMMITTERS_GROUP
from students.workflow import register_interest
from tests.factories import IdeaFactory
from tests.helpers import idea_content

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ACTIVITY_TEXT_RE = re.compile(r'<span class="activity-text">(.*?)</span>\n', re.S)
TAG_RE = re.compile(r"<[^>]+>")
ROLES = ["visitor", "student", "mentor", "other_mentor", "manager"]

# What each role sees of the ``log`` fixture, newest first.
CREATED_PROGRAM = "Mana Ger created the program Outreachy 40"
GRANTED_ROLE = "Mana Ger gave rev the committers role"
NAMED_INTEREST = "Stu Dent registered interest in Faster widget"
ANONYMOUS_INTEREST = "A student registered interest in Faster widget"
CREATED_DRAFT = "Menna Tor created Hidden draft"
SUBMITTED = "Menna Tor submitted Faster widget for review"
CREATED = "Menna Tor created Faster widget"
SEEN_BY = {
    "visitor": [ANONYMOUS_INTEREST, SUBMITTED, CREATED],
    "student": [CREATED_PROGRAM, ANONYMOUS_INTEREST, SUBMITTED, CREATED],
    "other_mentor": [CREATED_PROGRAM, ANONYMOUS_INTEREST, SUBMITTED, CREATED],
    "mentor": [CREATED_PROGRAM, NAMED_INTEREST, CREATED_DRAFT, SUBMITTED, CREATED],
    "manager": [
        CREATED_PROGRAM,
        GRANTED_ROLE,
        NAMED_INTEREST,
        CREATED_DRAFT,
        SUBMITTED,
        CREATED,
    ],
}
# Page budget for any number of rows.
MAX_RECENT_CHANGES_QUERIES = 12


def texts(response) -> list[str]:
    return [
        " ".join(TAG_RE.sub("", text).split()) for text in ACTIVITY_TEXT_RE.findall(response.text)
    ]


def page_url(query=""):
    return reverse("gsoc:recent_changes") + (f"?{query}" if query else "")


def feed_url(query=""):
    return reverse("gsoc:recent_changes_feed") + (f"?{query}" if query else "")


def feed_entries(response) -> list[ET.Element]:
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def entry_titles(response) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in feed_entries(response)]


@pytest.fixture
def log(program, mentor, student, reviewer, manager):
    """Six activities: a public idea created and submitted, a draft created, a student's
    interest, a role granted and a program (in preparation) created."""
    live = workflow.create_idea(program, idea_content("Faster widget"), by=mentor, submit=True)
    draft = workflow.create_idea(program, idea_content("Hidden draft"), by=mentor)
    register_interest(live, by=student)
    workflow.set_role(reviewer, COMMITTERS_GROUP, granted=True, by=manager)
    workflow.save_program(Program(name="Outreachy 40", slug="outreachy-40"), by=manager)
    return live, draft


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


def build_activities(program, mentor, student, count):
    idea = IdeaFactory(program=program, mentors=[mentor])
    verbs = [Activity.Verb.EDITED, Activity.Verb.INTEREST_REGISTERED, Activity.Verb.COMMENTED]
    Activity.objects.bulk_create(
        Activity(
            verb=verbs[n % 3],
            actor=student if n % 3 == 1 else mentor,
            program=program,
            idea=idea,
            detail={"version": 1, "fields": ["title"]} if n % 3 == 0 else {},
        )
        for n in range(count)
    )


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


def test_recent_changes_feed_query_count_constant(
    client_for, django_assert_max_num_queries, program, mentor, student
):
    client = client_for(None)
    queries = {}
    for count in (3, 60):
        Activity.objects.all().delete()
        build_activities(program, mentor, student, count)
        # The feed looks up the current Site once per process; count that every time.
        Site.objects.clear_cache()
        with django_assert_max_num_queries(MAX_RECENT_CHANGES_QUERIES) as captured:
            response = client.get(feed_url())
        queries[count] = len(captured)
        assert len(feed_entries(response)) == min(count, 50)

    assert queries[3] == queries[60]


# --- Atom feed -------------------------------------------------------------------------


def test_feed_is_valid_atom(client_for, log):
    response = client_for(None).get(feed_url())

    entries = feed_entries(response)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert len(entries) == 3
    for entry in entries:
        assert [
            entry.find(f"{ATOM}{name}") is not None for name in ("id", "title", "updated", "link")
        ] == [True, True, True, True]
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"tag:[\w.-]+,\d{4}-\d{2}-\d{2}:activity-\d+", i) for i in ids)


def test_feed_links_to_itself_and_page_with_filters(client_for, log):
    response = client_for(None).get(feed_url("kind=created"))

    root = ET.fromstring(response.content)
    links = {
        link.get("rel"): urlsplit(link.get("href"))._replace(scheme="", netloc="").geturl()
        for link in root.findall(f"{ATOM}link")
    }
    assert links == {"alternate": page_url("kind=created"), "self": feed_url("kind=created")}


def test_feed_entry_links_to_idea(client_for, log):
    live, _ = log

    response = client_for(None).get(feed_url("kind=created"))

    [entry] = feed_entries(response)
    assert entry.find(f"{ATOM}link").get("href").endswith(live.get_absolute_url())


@pytest.mark.parametrize("role", ROLES)
def test_feed_shows_visitor_view_to_everyone(as_role, log, role):
    _, client = as_role(role)

    response = client.get(feed_url())

    assert entry_titles(response) == SEEN_BY["visitor"]
    assert EMAIL_RE.findall(response.content.decode()) == []


def test_feed_applies_filters(client_for, log):
    response = client_for(None).get(feed_url("kind=interest_registered&program=gsoc-2031"))

    assert entry_titles(response) == [ANONYMOUS_INTEREST]


def test_feed_person_filter_keeps_students_anonymous(client_for, log, manager):
    response = client_for(manager).get(feed_url("person=stu"))

    assert entry_titles(response) == []


@pytest.mark.parametrize("query", ["program=outreachy-40", "kind=role_granted", "kind=nope"])
def test_feed_with_filter_visitors_cannot_use_is_not_found(client_for, log, manager, query):
    response = client_for(manager).get(feed_url(query))

    assert response.status_code == 404


def test_feed_with_no_activity_is_still_valid(client_for, db):
    response = client_for(None).get(feed_url())

    assert feed_entries(response) == []


def test_feed_of_archived_program_is_public(client_for, program, mentor, manager):
    workflow.create_idea(program, idea_content("Old idea"), by=mentor, submit=True)
    program.phase = Phase.ARCHIVED
    program.save()

    response = client_for(None).get(feed_url(f"program={program.slug}"))

    assert entry_titles(response) == [
        "Menna Tor submitted Old idea for review",
        "Menna Tor created Old idea",
    ]
