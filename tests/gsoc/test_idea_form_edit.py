"""Editing an idea through the form: versions, mentors and skills, validation, edit
conflicts and line endings.
"""

import pytest
from django.test import Client

from gsoc.models import Activity, IdeaMentor
from tests.factories import IdeaFactory, UserFactory
from tests.gsoc.idea_form_support import RenderedForm, activity_of, edit_data, edit_url, invited

pytestmark = pytest.mark.django_db


# --- editing -----------------------------------------------------------------------------


def test_idea_edit_keeps_slug_and_bumps_version(client_for, mentor, idea):
    client = client_for(mentor)

    response = client.post(edit_url(idea), edit_data(idea, title="A quite different title"))

    idea.refresh_from_db()
    assert response.status_code == 302
    assert (idea.title, idea.slug, idea.version) == ("A quite different title", "faster-widget", 2)
    edited = Activity.objects.get(idea=idea, verb="edited")
    assert (edited.actor, edited.detail) == (mentor, {"fields": ["title"], "version": 2})


def test_idea_edit_without_changes_keeps_version(client_for, mentor, idea):
    client = client_for(mentor)

    response = client.post(edit_url(idea), edit_data(idea))

    idea.refresh_from_db()
    assert response.status_code == 302
    assert idea.version == 1
    assert activity_of(idea) == []


def test_idea_edit_changes_mentors_and_skills(client_for, mentor, idea, other_mentor):
    IdeaMentor.objects.create(idea=idea, user=other_mentor, position=1)
    client = client_for(mentor)

    client.post(edit_url(idea), edit_data(idea, mentors="otto, menna", skills="Rust, go"))

    idea.refresh_from_db()
    assert idea.ordered_mentors() == [other_mentor, mentor]
    assert sorted(s.name for s in idea.skills.all()) == ["Rust", "go"]
    assert Activity.objects.get(idea=idea, verb="edited").detail["fields"] == [
        "mentors",
        "skills",
    ]


def test_idea_edit_new_mentor_is_invited_not_added(client_for, mentor, idea, other_mentor):
    client = client_for(mentor)

    response = client.post(edit_url(idea), edit_data(idea, mentors="menna, otto"), follow=True)

    idea.refresh_from_db()
    assert (idea.ordered_mentors(), invited(idea)) == ([mentor], [other_mentor])
    assert "Invited to co-mentor: Otto Mentor." in response.text


def test_idea_edit_more_than_five_mentors_refused(client_for, mentor, idea):
    mentors = ", ".join(["menna", *(UserFactory().username for _ in range(5))])
    client = client_for(mentor)

    response = client.post(edit_url(idea), edit_data(idea, mentors=mentors))

    rendered = RenderedForm(response.text)
    assert response.status_code == 200
    assert rendered.errors == {"mentors": ["At most 5 mentors."]}
    assert rendered.values["mentors"] == mentors
    assert idea.ordered_mentors() == [mentor]


def test_idea_edit_without_mentors_refused(client_for, manager, idea, mentor):
    client = client_for(manager)

    response = client.post(edit_url(idea), edit_data(idea, mentors=" , "))

    rendered = RenderedForm(response.text)
    assert response.status_code == 200
    assert rendered.errors == {"mentors": ["An idea needs at least one mentor."]}
    assert idea.ordered_mentors() == [mentor]


def test_idea_edit_invalid_keeps_typing_and_database(client_for, mentor, idea):
    client = client_for(mentor)
    data = edit_data(idea, title="y" * 121, description="My new *text*")

    response = client.post(edit_url(idea), data)

    rendered = RenderedForm(response.text)
    idea.refresh_from_db()
    assert rendered.errors == {
        "title": ["Ensure this value has at most 120 characters (it has 121)."]
    }
    assert (rendered.values["title"], rendered.values["description"]) == (
        "y" * 121,
        "My new *text*",
    )
    assert (idea.title, idea.version) == ("Faster widget", 1)


def test_idea_edit_keeps_size_no_longer_allowed(client_for, mentor, program):
    legacy = IdeaFactory(program=program, mentors=[mentor], project_size=120, slug="legacy")
    client = client_for(mentor)

    response = client.post(edit_url(legacy), edit_data(legacy, title="Legacy"))

    legacy.refresh_from_db()
    assert response.status_code == 302
    assert (legacy.title, legacy.project_size) == ("Legacy", 120)


# --- edit conflicts ----------------------------------------------------------------------


def test_idea_edit_conflict_keeps_typing_then_saves_on_second_post(
    client_for, mentor, manager, idea
):
    client = client_for(mentor)
    loaded = RenderedForm(client.get(edit_url(idea)).text).values
    someone_else = Client()
    someone_else.force_login(manager)
    someone_else.post(edit_url(idea), edit_data(idea, title="Manager's title"))
    mine = edit_data(idea, title="My title", description="My *careful* text", version=None)
    mine["version"] = loaded["version"]

    conflict = client.post(edit_url(idea), mine)

    idea.refresh_from_db()
    rendered = RenderedForm(conflict.text)
    assert loaded["version"] == "1"
    assert conflict.status_code == 200
    assert conflict.context["form"].non_field_errors() == [
        "Someone else saved this idea while you were editing it. Your text is kept below; "
        "compare it with the saved version, then save again to replace it."
    ]
    assert conflict.context["conflict"].version == 2
    assert (rendered.values["title"], rendered.values["description"]) == (
        "My title",
        "My *careful* text",
    )
    assert rendered.values["version"] == "2"
    assert [(d.name, d.old, d.new) for d in conflict.context["conflict_diffs"]][:2] == [
        ("title", "Manager's title", "My title"),
        (
            "description",
            "Make the **thing** faster.\n\nIt matters because users wait.",
            "My *careful* text",
        ),
    ]
    assert "Saved version (revision 2) compared with your text" in conflict.text
    assert (idea.title, idea.description, idea.version) == (
        "Manager's title",
        "Make the **thing** faster.\n\nIt matters because users wait.",
        2,
    )

    mine["version"] = rendered.values["version"]
    saved = client.post(edit_url(idea), mine)

    idea.refresh_from_db()
    assert saved.status_code == 302
    assert (idea.title, idea.description, idea.version) == (
        "My title",
        "My *careful* text",
        3,
    )


def test_idea_edit_conflict_of_double_submit_refused(client_for, mentor, idea):
    # The same stale form posted twice: the second post must not silently win.
    client = client_for(mentor)
    first = edit_data(idea, title="First")
    second = edit_data(idea, title="Second")

    client.post(edit_url(idea), first)
    response = client.post(edit_url(idea), second)

    idea.refresh_from_db()
    assert response.status_code == 200
    assert (idea.title, idea.version) == ("First", 2)


def test_idea_edit_without_version_treated_as_conflict(client_for, mentor, idea):
    client = client_for(mentor)
    data = edit_data(idea, title="Blind overwrite", version=None)

    response = client.post(edit_url(idea), data)

    idea.refresh_from_db()
    rendered = RenderedForm(response.text)
    assert response.status_code == 200
    assert response.context["conflict"].version == 1
    assert (rendered.values["title"], rendered.values["version"]) == ("Blind overwrite", "1")
    assert (idea.title, idea.version) == ("Faster widget", 1)


@pytest.mark.parametrize(
    ("field", "value"),
    [("difficulty_min", "1\x00"), ("project_size", "\x00"), ("version", "1\x00")],
)
def test_idea_edit_nul_in_choice_or_hidden_field_refused(client_for, mentor, idea, field, value):
    client = client_for(mentor)

    response = client.post(edit_url(idea), edit_data(idea, title="New", **{field: value}))

    idea.refresh_from_db()
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert idea.title == "Faster widget"


# --- any text, property-based ------------------------------------------------------------


def test_idea_edit_with_crlf_line_endings_changes_nothing(client_for, mentor, idea):
    client = client_for(mentor)
    data = edit_data(idea)
    for name in ("description", "outcomes", "steps", "references"):
        data[name] = data[name].replace("\n", "\r\n")

    client.post(edit_url(idea), data)

    idea.refresh_from_db()
    assert (idea.version, idea.description) == (
        1,
        "Make the **thing** faster.\n\nIt matters because users wait.",
    )
