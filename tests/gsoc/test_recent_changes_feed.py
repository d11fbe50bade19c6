"""The Atom feed of recent changes: valid Atom, the visitor's view for everyone, filters,
links and query count.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.contrib.sites.models import Site

from gsoc import workflow
from gsoc.enums import Phase
from gsoc.models import Activity
from tests.gsoc.recent_changes_support import (
    ANONYMOUS_INTEREST,
    EMAIL_RE,
    MAX_RECENT_CHANGES_QUERIES,
    ROLES,
    SEEN_BY,
    build_activities,
    feed_url,
    page_url,
)
from tests.helpers import idea_content

pytestmark = pytest.mark.django_db


ATOM = "{http://www.w3.org/2005/Atom}"


def feed_entries(response) -> list[ET.Element]:
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def entry_titles(response) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in feed_entries(response)]


# --- query counts ----------------------------------------------------------------------


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
