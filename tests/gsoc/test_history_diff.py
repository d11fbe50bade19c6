"""The compare page of an idea's history: diffs word by word, escaping, and who may see it."""

import re

import pytest

from gsoc import workflow
from tests.gsoc.history_support import edit, revision, url
from tests.helpers import idea_content

pytestmark = pytest.mark.django_db


DIFF_RE = re.compile(
    r'<h2 class="h6" id="diff-(\w+)">[^<]*</h2>\s*<div class="diff border rounded p-2">(.*?)</div>',
    re.S,
)


def diff_url(idea, query):
    return f"{url('idea_diff', idea)}?{query}"


# --- diff page -------------------------------------------------------------------------


def test_diff_shows_changed_fields_word_by_word(client_for, live_idea):
    response = client_for(None).get(diff_url(live_idea, "old=1&new=3"))

    assert DIFF_RE.findall(response.text) == [
        ("title", "Faster <del>widget</del><ins>gadget</ins>"),
        ("description", "Make the <del>widget</del><ins>gadget</ins> fast."),
    ]


def test_diff_keeps_line_breaks(client_for, program, mentor):
    idea = workflow.create_idea(
        program, idea_content(description="One.\n\nTwo."), by=mentor, submit=True
    )
    edit(idea, by=mentor, description="One.\n\nThree.")

    response = client_for(None).get(diff_url(idea, "old=1&new=2"))

    assert DIFF_RE.findall(response.text) == [
        ("description", "One.\n\n<del>Two</del><ins>Three</ins>.")
    ]


def test_diff_puts_older_revision_first(client_for, live_idea):
    response = client_for(None).get(diff_url(live_idea, "old=2&new=1"))

    assert (response.context["old"].version, response.context["new"].version) == (1, 2)
    assert DIFF_RE.findall(response.text) == [
        ("title", "Faster <del>widget</del><ins>gadget</ins>")
    ]


def test_diff_escapes_user_markup(client_for, program, mentor):
    idea = workflow.create_idea(program, idea_content(), by=mentor, submit=True)
    edit(idea, by=mentor, description="<script>alert(1)</script>")

    response = client_for(None).get(diff_url(idea, "old=1&new=2"))

    assert "<script>alert" not in response.text
    assert DIFF_RE.findall(response.text)[0][0] == "description"


def test_diff_of_same_revision_says_so(client_for, live_idea):
    response = client_for(None).get(diff_url(live_idea, "old=2&new=2"))

    assert response.context["diffs"] == []
    assert "That is the same revision twice" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "",
        "old=1",
        "new=2",
        "old=a&new=2",
        "old=1&new=2.5",
        "old=1&new=9",
        "old=0&new=1",
        "old=-1&new=2",
    ],
)
def test_diff_with_bad_versions_is_not_found(client_for, live_idea, query):
    response = client_for(None).get(diff_url(live_idea, query))

    assert response.status_code == 404


def test_diff_cannot_reach_revision_of_another_idea_by_pk(
    client_for, live_idea, other_idea, mentor
):
    for n in range(3):
        edit(other_idea, by=other_idea.ordered_mentors()[0], description=f"Other {n}")
    foreign = revision(other_idea, 4)
    assert foreign.pk > live_idea.version  # precondition: the pk is no version of live_idea

    response = client_for(mentor).get(diff_url(live_idea, f"old=1&new={foreign.pk}"))

    assert response.status_code == 404


@pytest.mark.parametrize("role", ["visitor", "student", "other_mentor"])
def test_diff_of_draft_is_hidden_from_outsiders(as_role, draft_live_idea, role):
    _, client = as_role(role)

    response = client.get(diff_url(draft_live_idea, "old=1&new=2"))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "has_button"), [("mentor", True), ("manager", True), ("student", False)]
)
def test_diff_restore_button_for_editors_only(as_role, live_idea, role, has_button):
    _, client = as_role(role)

    response = client.get(diff_url(live_idea, "old=1&new=3"))

    assert ("Restore revision 1</button>" in response.text) == has_button


# --- restore view ----------------------------------------------------------------------


def test_diff_with_huge_version_number_is_not_found(client_for, live_idea):
    response = client_for(None).get(
        url("idea_diff", live_idea) + "?old=1&new=99999999999999999999999"
    )

    assert response.status_code == 404
