"""Creating an idea through the form: every field, skills, co-mentors and invitations,
validation that keeps what the user typed, Unicode.

Re-rendered forms are read back from the HTML, so "keeps what the user typed" means what
the browser would show, not only what the form object holds.
"""

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from gsoc.enums import IdeaState
from gsoc.models import Idea, Skill
from tests.factories import SkillFactory, UserFactory
from tests.gsoc.idea_form_support import (
    NUL_ERROR,
    RenderedForm,
    activity_of,
    create_url,
    edit_data,
    edit_url,
    idea_data,
    invited,
)

pytestmark = pytest.mark.django_db


REQUIRED = "This field is required."
MARKDOWN_FIELDS = ["description", "outcomes", "steps", "references"]
TEXT_FIELDS = ["title", "skills", "skills_note", "mentors", *MARKDOWN_FIELDS]


# --- creating ----------------------------------------------------------------------------


@pytest.fixture
def co_mentors(other_mentor, reviewer):
    # Co-mentors are invited by username or by email; a confirmed address finds the account.
    EmailAddress.objects.create(user=reviewer, email=reviewer.email, verified=True, primary=True)
    return [other_mentor, reviewer]


@pytest.mark.parametrize(
    ("button", "state", "verbs"),
    [
        ("draft", IdeaState.DRAFT, ["created", "mentor_invited", "mentor_invited"]),
        (
            "submit",
            IdeaState.NEEDS_REVIEW,
            ["created", "mentor_invited", "mentor_invited", "submitted"],
        ),
    ],
)
def test_idea_create_with_every_field(
    client_for, mentor, program, co_mentors, button, state, verbs
):
    SkillFactory(name="Python", slug="python")
    client = client_for(mentor)
    data = idea_data(
        skills="c, PYTHON,  Machine   learning ;c",
        mentors="OTTO, Rev@Example.org",
        is_program_eligible=None,
        draft=None,
    )
    data[button] = "1"

    response = client.post(create_url(program), data)

    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response.url == idea.get_absolute_url()
    assert idea.slug == "live-migration-progress-in-the-cli"
    assert idea.state == state
    assert (idea.title, idea.difficulty_min, idea.difficulty_max, idea.project_size) == (
        "Live migration progress in the CLI",
        1,
        3,
        175,
    )
    assert idea.skills_note == "C for phase 1, x86 assembly for phase 2"
    assert [getattr(idea, name) for name in MARKDOWN_FIELDS] == [
        data[name] for name in MARKDOWN_FIELDS
    ]
    assert idea.is_program_eligible is False
    # Co-mentors are invited, never added unasked.
    assert idea.ordered_mentors() == [mentor]
    assert invited(idea) == co_mentors
    assert sorted(skill.name for skill in idea.skills.all()) == ["Machine learning", "Python", "c"]
    assert Skill.objects.count() == 3
    assert (idea.version, idea.verified_at) == (1, timezone.localdate())
    assert activity_of(idea) == [(verb, mentor.pk) for verb in verbs]


def test_idea_create_reuses_skills_case_insensitively(client_for, mentor, program):
    existing = [SkillFactory(name="Python", slug="python"), SkillFactory(name="C", slug="c")]
    client = client_for(mentor)

    client.post(create_url(program), idea_data(skills="python, c"))

    assert list(Idea.objects.get().skills.order_by("name")) == sorted(existing, key=str)
    assert Skill.objects.count() == 2


def test_idea_create_keeps_skills_that_differ_only_in_punctuation(client_for, mentor, program):
    client = client_for(mentor)

    client.post(create_url(program), idea_data(skills="C, C++, C#"))

    assert sorted(s.name for s in Idea.objects.get().skills.all()) == ["C", "C#", "C++"]


def test_idea_create_submitter_listed_as_co_mentor_counts_once(
    client_for, mentor, program, other_mentor
):
    client = client_for(mentor)

    client.post(create_url(program), idea_data(mentors="otto, MENNA"))

    idea = Idea.objects.get()
    assert (idea.ordered_mentors(), invited(idea)) == ([mentor], [other_mentor])


def test_idea_create_unknown_co_mentor_named_in_error(client_for, mentor, program, other_mentor):
    client = client_for(mentor)

    response = client.post(create_url(program), idea_data(mentors="otto, ghost, nobody@x.org"))

    rendered = RenderedForm(response.text)
    assert response.status_code == 200
    # An unknown username is named; an email address is never judged (no enumeration).
    assert rendered.errors == {
        "mentors": [
            "No user with this username, and not an email address: ghost. "
            "Invite people without an account by their email address."
        ]
    }
    assert rendered.values["mentors"] == "otto, ghost, nobody@x.org"
    assert Idea.objects.count() == 0


def test_idea_create_more_than_five_mentors_refused(client_for, mentor, program):
    # The submitter is the first mentor, so five co-mentors make six.
    co_mentors = ", ".join(UserFactory().username for _ in range(5))
    client = client_for(mentor)

    response = client.post(create_url(program), idea_data(mentors=co_mentors))

    rendered = RenderedForm(response.text)
    assert response.status_code == 200
    assert rendered.errors == {
        "mentors": ["At most 5 mentors, you included: add up to 4 co-mentors."]
    }
    assert rendered.values["mentors"] == co_mentors
    assert Idea.objects.count() == 0


def test_idea_create_four_co_mentors_accepted(client_for, mentor, program):
    co_mentors = [UserFactory() for _ in range(4)]
    client = client_for(mentor)

    response = client.post(
        create_url(program), idea_data(mentors=", ".join(u.username for u in co_mentors))
    )

    assert response.status_code == 302
    idea = Idea.objects.get()
    assert (idea.ordered_mentors(), invited(idea)) == ([mentor], co_mentors)


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        (
            {"title": "x" * 121},
            "title",
            "Ensure this value has at most 120 characters (it has 121).",
        ),
        ({"title": "   "}, "title", REQUIRED),
        ({"description": ""}, "description", REQUIRED),
        (
            {"difficulty_min": "3", "difficulty_max": "1"},
            "difficulty_max",
            "Can't be easier than 'Hard'. Pick the same level or harder.",
        ),
        (
            {"project_size": "91"},
            "project_size",
            "Select a valid choice. 91 is not one of the available choices.",
        ),
        ({"project_size": ""}, "project_size", REQUIRED),
        (
            {"skills": ", ".join(f"skill {n}" for n in range(13))},
            "skills",
            "At most 12 skills; move the rest to the detail.",
        ),
        ({"skills": "x" * 41}, "skills", "Keep each skill under 40 characters."),
        (
            {"skills_note": "n" * 501},
            "skills_note",
            "Ensure this value has at most 500 characters (it has 501).",
        ),
    ],
)
def test_idea_create_invalid_input_shows_error_and_keeps_typing(
    client_for, mentor, program, overrides, field, error
):
    client = client_for(mentor)
    data = idea_data(**overrides)

    response = client.post(create_url(program), data)

    rendered = RenderedForm(response.text)
    assert response.status_code == 200
    assert rendered.errors == {field: [error]}
    # What the user typed is still there, in this field and all the others.
    assert {name: rendered.values[name] for name in TEXT_FIELDS} == {
        name: data[name] for name in TEXT_FIELDS
    }
    assert Idea.objects.count() == 0


def test_idea_create_blank_description_refused(client_for, mentor, program):
    client = client_for(mentor)

    response = client.post(create_url(program), idea_data(description=" \n\t "))

    assert RenderedForm(response.text).errors == {"description": [REQUIRED]}
    assert Idea.objects.count() == 0


def test_idea_create_invalid_keeps_size_and_difficulty(client_for, mentor, program):
    client = client_for(mentor)

    response = client.post(create_url(program), idea_data(title="", project_size="350"))

    rendered = RenderedForm(response.text)
    assert (rendered.values["project_size"], rendered.values["difficulty_max"]) == ("350", "3")


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_idea_create_nul_byte_rejected_with_message(client_for, mentor, program, field):
    # PostgreSQL can't store NUL; the form refuses it before the database sees it.
    client = client_for(mentor)

    response = client.post(create_url(program), idea_data(**{field: "before\x00after"}))

    rendered = RenderedForm(response.text)
    assert response.status_code == 200
    assert rendered.errors == {field: [NUL_ERROR]}
    assert Idea.objects.count() == 0


def test_idea_create_title_whitespace_collapsed(client_for, mentor, program):
    client = client_for(mentor)

    client.post(create_url(program), idea_data(title="  Faster \t  widgets\u00a0 now "))

    assert Idea.objects.get().title == "Faster widgets now"


def test_idea_create_same_title_gets_unique_slug(client_for, mentor, program, idea):
    client = client_for(mentor)

    client.post(create_url(program), idea_data(title="Faster widget"))

    assert list(Idea.objects.order_by("pk").values_list("slug", flat=True)) == [
        "faster-widget",
        "faster-widget-2",
    ]


# --- Unicode ----------------------------------------------------------------------------


UNICODE_TITLE = "🎉 Ünïcödé 漢字のアイデア שלום עולם e\u0301 ﷽ \u200fمرحبا"
UNICODE_TEXT = (
    "**太字** and שלום \u202eevil\u202c, Zalgo: Z\u0351\u0300a\u0300l\u0301g\u0302o 👩🏽‍💻"
)


def test_idea_create_unicode_stored_and_shown_exactly(client_for, mentor, program):
    client = client_for(mentor)
    data = idea_data(
        title=UNICODE_TITLE,
        skills="日本語, Ελληνικά",
        skills_note="Ελληνικά 👩🏽‍💻",
        description=UNICODE_TEXT,
    )

    client.post(create_url(program), data)
    idea = Idea.objects.get()
    response = client.get(idea.get_absolute_url())

    assert (idea.title, idea.skills_note, idea.description) == (
        UNICODE_TITLE,
        "Ελληνικά 👩🏽‍💻",
        UNICODE_TEXT,
    )
    assert sorted(skill.name for skill in idea.skills.all()) == ["Ελληνικά", "日本語"]
    assert response.context["idea"].title == UNICODE_TITLE
    heading = response.text.split('<h1 class="mb-1">', 1)[1].split("</h1>", 1)[0]
    assert heading == UNICODE_TITLE
    assert "<strong>太字</strong> and שלום \u202eevil\u202c, Zalgo: Z\u0351\u0300a\u0300l" in (
        response.text
    )


def test_idea_edit_unicode_round_trips_through_form(client_for, mentor, idea):
    client = client_for(mentor)
    client.post(edit_url(idea), edit_data(idea, title=UNICODE_TITLE, description=UNICODE_TEXT))

    response = client.get(edit_url(idea))

    rendered = RenderedForm(response.text)
    assert (rendered.values["title"], rendered.values["description"]) == (
        UNICODE_TITLE,
        UNICODE_TEXT,
    )


# --- any text, property-based ------------------------------------------------------------


@pytest.mark.parametrize("registered", [True, False])
def test_idea_create_invites_by_email_with_the_same_answer_either_way(
    client_for,
    mentor,
    program,
    reviewer,
    mailoutbox,
    registered,
    django_capture_on_commit_callbacks,
):
    # Whether or not the address has an account, the mentor reads the same answer and the
    # address gets the same email: the form can't tell who is registered.
    if registered:
        EmailAddress.objects.create(user=reviewer, email=reviewer.email, verified=True)
    address = reviewer.email if registered else "newcomer@example.net"

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(mentor).post(
            create_url(program), idea_data(mentors=address), follow=True
        )

    idea = Idea.objects.get()
    assert f"Invited to co-mentor: {address}. They join the idea when they accept." in response.text
    assert idea.ordered_mentors() == [mentor]
    assert [m.to for m in mailoutbox] == [[address]]
    assert "invites you to co-mentor" in mailoutbox[0].subject
