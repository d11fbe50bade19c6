"""An idea's history page per role: revisions, the timeline, restore buttons, query count.

Roles are the fixtures of tests/conftest.py; "visitor" is nobody signed in.
"""

import datetime
import re

import pytest

from gsoc import workflow
from gsoc.models import Activity, Idea, IdeaRevision
from students.workflow import register_interest
from tests.gsoc.history_support import (
    EDITORS,
    OUTSIDERS,
    TAG_RE,
    activity_texts,
    edit,
    revision,
    url,
)
from tests.helpers import idea_content

pytestmark = pytest.mark.django_db


ALL_ROLES = ["visitor", "student", "mentor", "other_mentor", "reviewer", "committer", "manager"]


# The history page of an idea with many revisions and activities stays within this.
MAX_HISTORY_QUERIES = 15
REVISION_RE = re.compile(r'<li class="list-group-item revision-item" id="revision-(\d+)">')
REVISION_LINE_RE = re.compile(r"(Revision \d+ as of <time [^>]*>[^<]*</time> by [^<\n]*)")


# --- history page ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_history_page_lists_revisions_newest_first_for_everyone(as_role, live_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_history", live_idea))

    assert response.status_code == 200
    assert REVISION_RE.findall(response.text) == ["3", "2", "1"]


def test_history_page_shows_revision_line_and_summary(client_for, live_idea):
    IdeaRevision.objects.filter(idea=live_idea, version=2).update(
        created_at=datetime.datetime(2013, 2, 11, 9, 27, tzinfo=datetime.UTC)
    )

    response = client_for(None).get(url("idea_history", live_idea))

    lines = [TAG_RE.sub("", line).strip() for line in REVISION_LINE_RE.findall(response.text)]
    summaries = re.findall(r'<div class="revision-summary fst-italic">(.*?)</div>', response.text)
    assert lines[1] == "Revision 2 as of 09:27, 11 February 2013 by Menna Tor"
    assert summaries == ["Better name", "Created"]


def test_history_page_compare_form_is_plain_get_with_newest_two_checked(client_for, live_idea):
    response = client_for(None).get(url("idea_history", live_idea))

    form = re.search(r'<form method="get" action="([^"]+)"', response.text)
    checked = re.findall(r'name="(old|new)" value="(\d+)" id="[^"]+" checked', response.text)
    assert form.group(1) == url("idea_diff", live_idea)
    assert sorted(checked) == [("new", "3"), ("old", "2")]


@pytest.mark.parametrize("role", ["visitor", "student", "other_mentor"])
def test_history_page_of_draft_is_hidden_from_outsiders(as_role, draft_live_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_history", draft_live_idea))

    assert response.status_code == 404


@pytest.mark.parametrize("role", EDITORS)
def test_history_page_of_draft_for_mentor_and_manager(as_role, draft_live_idea, role):
    _, client = as_role(role)

    response = client.get(url("idea_history", draft_live_idea))

    assert REVISION_RE.findall(response.text) == ["2", "1"]


@pytest.mark.parametrize(
    ("role", "buttons"), [(role, 2) for role in EDITORS] + [(role, 0) for role in OUTSIDERS]
)
def test_history_page_restore_buttons_for_editors_only(as_role, live_idea, role, buttons):
    _, client = as_role(role)

    response = client.get(url("idea_history", live_idea))

    assert response.text.count(">Restore this revision</button>") == buttons
    assert bool(response.context["can_restore"]) == (buttons > 0)


def test_history_page_restore_forms_sit_outside_compare_form(client_for, live_idea, mentor):
    response = client_for(mentor).get(url("idea_history", live_idea))

    compare_form = re.search(r'<form method="get".*?</form>', response.text, re.S).group(0)
    assert "csrfmiddlewaretoken" not in compare_form
    assert re.findall(r'<form id="restore-(\d+)" method="post"', response.text) == ["2", "1"]
    assert 'name="expected_version" value="3"' in response.text


def test_history_page_timeline_shows_who_did_what(client_for, live_idea):
    response = client_for(None).get(url("idea_history", live_idea))

    assert activity_texts(response) == [
        "Menna Tor edited this idea (revision 3; changed description)",
        "Menna Tor edited this idea (revision 2; changed title: “Better name”)",
        "Menna Tor submitted this idea for review",
        "Menna Tor created this idea",
    ]


@pytest.mark.parametrize(
    ("role", "who"),
    [
        ("visitor", "A student"),
        ("student", "A student"),
        ("other_mentor", "A student"),
        ("reviewer", "A student"),
        ("mentor", "Stu Dent"),
        ("manager", "Stu Dent"),
    ],
)
def test_history_page_names_interested_student_only_to_mentors_and_managers(
    as_role, live_idea, student, role, who
):
    register_interest(live_idea, by=student)
    _, client = as_role(role)

    response = client.get(url("idea_history", live_idea))

    assert activity_texts(response)[0] == f"{who} registered interest in this idea"


def test_history_page_shows_restore_summary(client_for, live_idea, mentor):
    workflow.restore_revision(live_idea, revision(live_idea, 1), by=mentor, expected_version=3)

    response = client_for(None).get(url("idea_history", live_idea))

    assert activity_texts(response)[:2] == [
        "Menna Tor restored an earlier revision of this idea (revision 1, saved as revision 4)",
        "Menna Tor edited this idea "
        "(revision 4; changed title, description: “Restored revision 1”)",
    ]


def idea_with_history(program, mentor, student, size) -> Idea:
    """A public idea with ``size`` revisions and more than ``size`` activities."""
    idea = workflow.create_idea(
        program, idea_content(title=f"Idea of {size}"), by=mentor, submit=True
    )
    for n in range(size - 1):
        idea = edit(idea, by=mentor, description=f"Version {n}", summary=f"Step {n}")
    Activity.objects.bulk_create(
        Activity(verb=Activity.Verb.INTEREST_REGISTERED, actor=student, program=program, idea=idea)
        for _ in range(size)
    )
    return idea


@pytest.mark.parametrize("role", ["visitor", "mentor", "manager"])
def test_history_page_query_count_constant(
    as_role, django_assert_max_num_queries, program, mentor, student, role
):
    _, client = as_role(role)
    queries = {}
    for size in (3, 100):
        idea = idea_with_history(program, mentor, student, size)
        with django_assert_max_num_queries(MAX_HISTORY_QUERIES) as captured:
            response = client.get(url("idea_history", idea))
        queries[size] = len(captured)
        assert len(REVISION_RE.findall(response.text)) == size
        assert len(activity_texts(response)) == 2 * size + 1

    assert queries[3] == queries[100]
