"""An idea's history: revisions on every kind of change, the history page, diffs and restore.

Roles are the fixtures of tests/conftest.py; "visitor" is nobody signed in. Ideas are
made through gsoc.workflow so their revisions are the real ones.
"""

import datetime
import re
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Activity, Idea, IdeaRevision
from students.workflow import register_interest
from tests.factories import ProgramFactory, UserFactory
from tests.helpers import edited_content, idea_content

pytestmark = pytest.mark.django_db

ALL_ROLES = ["visitor", "student", "mentor", "other_mentor", "reviewer", "committer", "manager"]
EDITORS = ["mentor", "manager"]
OUTSIDERS = ["student", "other_mentor", "reviewer", "committer"]
# The history page of an idea with many revisions and activities stays within this.
MAX_HISTORY_QUERIES = 15

REVISION_RE = re.compile(r'<li class="list-group-item revision-item" id="revision-(\d+)">')
REVISION_LINE_RE = re.compile(r"(Revision \d+ as of <time [^>]*>[^<]*</time> by [^<\n]*)")
DIFF_RE = re.compile(
    r'<h2 class="h6" id="diff-(\w+)">[^<]*</h2>\s*<div class="diff border rounded p-2">(.*?)</div>',
    re.S,
)
ACTIVITY_TEXT_RE = re.compile(r'<span class="activity-text">(.*?)</span>\n', re.S)
TAG_RE = re.compile(r"<[^>]+>")


def edit(idea, *, by, **changes) -> Idea:
    """Save an edit of ``idea`` (as it is now) through the workflow."""
    idea = Idea.objects.select_related("program").get(pk=idea.pk)
    new = edited_content(idea, **changes)
    return workflow.update_idea(idea, new, by=by, expected_version=idea.version)


def revision(idea, version) -> IdeaRevision:
    return IdeaRevision.objects.get(idea=idea, version=version)


def fresh(idea) -> Idea:
    return Idea.objects.select_related("program").get(pk=idea.pk)


def url(name, idea, *args):
    return reverse(f"gsoc:{name}", args=[idea.program.slug, idea.slug, *args])


def diff_url(idea, query):
    return f"{url('idea_diff', idea)}?{query}"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def activity_texts(response) -> list[str]:
    return [
        " ".join(TAG_RE.sub("", text).split()) for text in ACTIVITY_TEXT_RE.findall(response.text)
    ]


@pytest.fixture
def live_idea(program, mentor):
    """A submitted idea with three revisions: created, a title edit, a description edit."""
    idea = workflow.create_idea(program, idea_content(), by=mentor, submit=True)
    edit(idea, by=mentor, title="Faster gadget", summary="Better name")
    return edit(idea, by=mentor, description="Make the gadget fast.")


@pytest.fixture
def draft_live_idea(program, mentor):
    idea = workflow.create_idea(program, idea_content(title="Hidden draft"), by=mentor)
    return edit(idea, by=mentor, description="Still secret.")


# --- revisions on every kind of change -------------------------------------------------


def test_create_idea_saves_revision_one(program, mentor):
    idea = workflow.create_idea(program, idea_content(), by=mentor)

    saved = revision(idea, 1)
    assert (saved.author, saved.summary, saved.data["title"]) == (
        mentor,
        "Created",
        "Faster widget",
    )
    assert (saved.data["mentors"], saved.data["skills"]) == (["menna"], ["C"])


def test_create_idea_keeps_given_summary(program, mentor):
    idea = workflow.create_idea(
        program, idea_content(summary="First draft from the wiki"), by=mentor
    )

    assert revision(idea, 1).summary == "First draft from the wiki"


def test_update_idea_saves_revision_with_edit_summary(live_idea, mentor):
    saved = revision(live_idea, 2)

    assert (saved.author, saved.summary, saved.data["title"]) == (
        mentor,
        "Better name",
        "Faster gadget",
    )
    assert list(IdeaRevision.objects.filter(idea=live_idea).values_list("version", flat=True)) == [
        3,
        2,
        1,
    ]


def test_update_idea_without_changes_saves_no_revision(live_idea, mentor):
    edit(live_idea, by=mentor)

    assert IdeaRevision.objects.filter(idea=live_idea).count() == 3


def test_carry_forward_saves_revision_naming_origin(mentor, manager):
    old_program = ProgramFactory(name="GSoC 2013", slug="gsoc-2013", phase=Phase.OPEN)
    source = workflow.create_idea(old_program, idea_content(), by=mentor, submit=True)
    target = ProgramFactory(name="GSoC 2014", slug="gsoc-2014", phase=Phase.PREPARING)

    [copy] = workflow.carry_forward([source], target, by=manager)

    saved = revision(copy, 1)
    assert (saved.author, saved.summary, saved.data["title"], saved.data["mentors"]) == (
        manager,
        "Carried forward from GSoC 2013",
        "Faster widget",
        ["menna"],
    )


# --- workflow.restore_revision ---------------------------------------------------------


def test_restore_revision_saves_old_content_as_new_revision(live_idea, mentor):
    restored = workflow.restore_revision(
        live_idea, revision(live_idea, 1), by=mentor, expected_version=3
    )

    saved = revision(live_idea, 4)
    assert (restored.version, restored.title, restored.description) == (
        4,
        "Faster widget",
        "Make the widget fast.",
    )
    assert (saved.author, saved.summary, saved.data["title"]) == (
        mentor,
        "Restored revision 1",
        "Faster widget",
    )


def test_restore_revision_records_edit_activity(live_idea, manager):
    workflow.restore_revision(live_idea, revision(live_idea, 1), by=manager, expected_version=3)

    restored, edited = Activity.objects.filter(idea=live_idea)[:2]
    assert (restored.verb, restored.actor, restored.detail) == (
        Activity.Verb.RESTORED,
        manager,
        {"from_version": 1, "version": 4},
    )
    assert (edited.verb, edited.detail) == (
        Activity.Verb.EDITED,
        {"fields": ["title", "description"], "version": 4},
    )


def test_restore_revision_restores_skills_but_keeps_the_mentors(program, mentor, other_mentor):
    # People join an idea by accepting an invitation: restoring an old revision never
    # makes someone a mentor again unasked.
    idea = workflow.create_idea(
        program,
        idea_content(skills=["C", "Python"], mentors=[other_mentor]),
        by=mentor,
        submit=True,
    )
    idea = workflow.update_idea(
        idea, idea_content(skills=["Go"], mentors=[mentor]), by=mentor, expected_version=1
    )

    restored = workflow.restore_revision(idea, revision(idea, 1), by=mentor, expected_version=2)

    assert sorted(skill.name for skill in restored.skills.all()) == ["C", "Python"]
    assert fresh(restored).ordered_mentors() == [mentor]


def test_restore_revision_skips_inactive_mentors(program, mentor, other_mentor):
    idea = workflow.create_idea(
        program, idea_content(mentors=[other_mentor]), by=mentor, submit=True
    )
    idea = workflow.update_idea(idea, idea_content(mentors=[mentor]), by=mentor, expected_version=1)
    other_mentor.is_active = False
    other_mentor.save()

    restored = workflow.restore_revision(idea, revision(idea, 1), by=mentor, expected_version=2)

    assert fresh(restored).ordered_mentors() == [mentor]


def test_restore_revision_keeps_current_mentors_when_none_left(program, mentor, other_mentor):
    idea = workflow.create_idea(
        program, idea_content(mentors=[other_mentor]), by=mentor, submit=True
    )
    idea = workflow.update_idea(
        idea, idea_content(title="Renamed", mentors=[other_mentor]), by=mentor, expected_version=1
    )
    mentor.is_active = False
    mentor.save()

    restored = workflow.restore_revision(
        idea, revision(idea, 1), by=other_mentor, expected_version=2
    )

    assert (restored.title, fresh(restored).ordered_mentors()) == ("Faster widget", [other_mentor])


def test_history_page_timeline_state_changes_start_with_the_idea(
    client_for, live_idea, mentor, committer
):
    workflow.sign_off(live_idea, by=committer)
    edit(live_idea, by=mentor, title="Fastest gadget")

    response = client_for(None).get(url("idea_history", live_idea))

    assert activity_texts(response)[:4] == [
        "This idea went back to review: its sign-offs are stale or withdrawn",
        "Menna Tor edited this idea (revision 4; changed title)",
        "This idea became community reviewed",
        "Com Mitter signed off this idea (revision 3)",
    ]


def test_restore_revision_makes_sign_offs_stale(live_idea, mentor, committer):
    workflow.sign_off(live_idea, by=committer)

    workflow.restore_revision(live_idea, revision(live_idea, 1), by=mentor, expected_version=3)

    assert fresh(live_idea).state == IdeaState.NEEDS_REVIEW
    assert list(Activity.objects.filter(idea=live_idea).values_list("verb", flat=True)[:3]) == [
        Activity.Verb.RESTORED,
        Activity.Verb.BACK_TO_REVIEW,
        Activity.Verb.EDITED,
    ]


def test_restore_revision_of_current_content_saves_nothing(live_idea, mentor):
    restored = workflow.restore_revision(
        live_idea, revision(live_idea, 3), by=mentor, expected_version=3
    )

    assert (restored.version, IdeaRevision.objects.filter(idea=live_idea).count()) == (3, 3)


def test_restore_revision_with_stale_version_is_conflict(live_idea, mentor):
    with pytest.raises(workflow.EditConflict):
        workflow.restore_revision(live_idea, revision(live_idea, 1), by=mentor, expected_version=2)

    assert (fresh(live_idea).version, fresh(live_idea).title) == (3, "Faster gadget")


def test_restore_revision_of_other_idea_is_refused(live_idea, other_idea, mentor):
    foreign = revision(other_idea, 1)

    with pytest.raises(ValidationError):
        workflow.restore_revision(live_idea, foreign, by=mentor, expected_version=3)

    assert fresh(live_idea).version == 3


@pytest.mark.parametrize("role", OUTSIDERS)
def test_restore_revision_by_outsider_is_refused(request, live_idea, other_idea, role):
    user = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        workflow.restore_revision(live_idea, revision(live_idea, 1), by=user, expected_version=3)

    assert fresh(live_idea).version == 3


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


@pytest.mark.parametrize("role", EDITORS)
def test_restore_view_saves_new_revision(as_role, live_idea, role):
    user, client = as_role(role)

    response = client.post(url("idea_restore", live_idea, 1), {"expected_version": "3"})

    assert response.status_code == 302
    assert response.url == url("idea_history", live_idea)
    assert messages_of(response) == ["Restored revision 1; it is now revision 4."]
    assert (fresh(live_idea).title, revision(live_idea, 4).author) == ("Faster widget", user)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_restore_view_forbidden_for_outsiders(as_role, live_idea, role):
    _, client = as_role(role)

    response = client.post(url("idea_restore", live_idea, 1), {"expected_version": "3"})

    assert response.status_code == 403
    assert fresh(live_idea).version == 3


def test_restore_view_sends_visitor_to_login(client_for, live_idea):
    path = url("idea_restore", live_idea, 1)

    response = client_for(None).post(path, {"expected_version": "3"})

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={quote(path)}"
    assert fresh(live_idea).version == 3


def test_restore_view_get_not_allowed(client_for, live_idea, mentor):
    response = client_for(mentor).get(url("idea_restore", live_idea, 1))

    assert response.status_code == 405
    assert fresh(live_idea).version == 3


@pytest.mark.parametrize("posted", [{"expected_version": "2"}, {}, {"expected_version": "x"}])
def test_restore_view_conflict_changes_nothing(client_for, live_idea, mentor, posted):
    response = client_for(mentor).post(url("idea_restore", live_idea, 1), posted)

    assert response.status_code == 302
    assert messages_of(response) == [
        "Nothing was restored: someone saved revision 3 after you opened this page. Look at "
        "the newest revision, then restore again if you still want to."
    ]
    assert (fresh(live_idea).version, fresh(live_idea).title) == (3, "Faster gadget")


def test_restore_view_of_current_revision_changes_nothing(client_for, live_idea, mentor):
    response = client_for(mentor).post(url("idea_restore", live_idea, 3), {"expected_version": "3"})

    assert messages_of(response) == ["Revision 3 is the same as the current text: nothing changed."]
    assert fresh(live_idea).version == 3


def test_restore_view_unknown_version_not_found(client_for, live_idea, mentor):
    response = client_for(mentor).post(url("idea_restore", live_idea, 9), {"expected_version": "3"})

    assert response.status_code == 404


def test_restore_view_cannot_use_revision_pk_of_another_idea(
    client_for, live_idea, other_idea, other_mentor, mentor
):
    for n in range(3):
        edit(other_idea, by=other_mentor, description=f"Other {n}")
    foreign = revision(other_idea, 4)
    assert foreign.pk > live_idea.version  # precondition: the pk is no version of live_idea

    response = client_for(mentor).post(
        url("idea_restore", live_idea, foreign.pk), {"expected_version": "3"}
    )

    assert response.status_code == 404
    assert (fresh(live_idea).version, fresh(other_idea).version) == (3, 4)


def test_restore_view_forbidden_in_archived_program(client_for, live_idea, mentor):
    live_idea.program.phase = Phase.ARCHIVED
    live_idea.program.save()

    response = client_for(mentor).post(url("idea_restore", live_idea, 1), {"expected_version": "3"})

    assert response.status_code == 403
    assert fresh(live_idea).version == 3


def test_restore_view_of_hidden_draft_not_found_for_outsider(client_for, draft_live_idea):
    response = client_for(UserFactory()).post(
        url("idea_restore", draft_live_idea, 1), {"expected_version": "2"}
    )

    assert response.status_code == 404


def test_diff_with_huge_version_number_is_not_found(client_for, live_idea):
    response = client_for(None).get(
        url("idea_diff", live_idea) + "?old=1&new=99999999999999999999999"
    )

    assert response.status_code == 404
