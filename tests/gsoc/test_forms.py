"""The idea form through the views: create, edit, validation, edit conflicts, any text.

Re-rendered forms are read back from the HTML, so "keeps what the user typed" means what
the browser would show, not only what the form object holds.
"""

from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gsoc.enums import IdeaState
from gsoc.forms import normalise_newlines, split_list, strip_controls
from gsoc.models import Activity, Idea, IdeaMentor, MentorOffer, Skill
from tests.factories import IdeaFactory, SkillFactory, UserFactory

pytestmark = pytest.mark.django_db

NUL_ERROR = "Null characters are not allowed."
REQUIRED = "This field is required."
MARKDOWN_FIELDS = ["description", "outcomes", "steps", "references"]
TEXT_FIELDS = ["title", "skills", "skills_note", "mentors", *MARKDOWN_FIELDS]


class RenderedForm(HTMLParser):
    """Field values and per-field errors of a crispy form, as the page shows them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, object] = {}
        self.errors: dict[str, list[str]] = {}
        self._textarea = self._select = self._error_field = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            is_checkbox = attrs.get("type") == "checkbox"
            self.values[name] = "checked" in attrs if is_checkbox else attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value")
        elif tag == "span" and attrs.get("id", "").startswith("error_"):
            self._error_field = attrs["id"].split("_id_", 1)[1]
            self.errors.setdefault(self._error_field, []).append("")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data
        if self._error_field:
            self.errors[self._error_field][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            # HTML drops the newline right after <textarea>; Django writes one.
            self.values[self._textarea] = self.values[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "span":
            self._error_field = None


def create_url(program):
    return reverse("gsoc:idea_create", args=[program.slug])


def edit_url(idea):
    return reverse("gsoc:idea_edit", args=[idea.program.slug, idea.slug])


def idea_data(**overrides):
    data = {
        "title": "Live migration progress in the CLI",
        "difficulty_min": "1",
        "difficulty_max": "3",
        "project_size": "175",
        "skills": "C, Python",
        "skills_note": "C for phase 1, x86 assembly for phase 2",
        "mentors": "",
        "description": "The CLI says **nothing** while a guest migrates.",
        "outcomes": "- a progress bar\n- tests",
        "steps": "1. read the code\n2. write the patch",
        "references": "[toolstack](https://example.org/toolstack)",
        "is_program_eligible": "on",
        "draft": "1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def edit_data(idea, **overrides):
    data = idea_data(
        title=idea.title,
        difficulty_min=str(idea.difficulty_min),
        difficulty_max=str(idea.difficulty_max),
        project_size=str(idea.project_size),
        skills=", ".join(skill.name for skill in idea.skills.all()),
        skills_note=idea.skills_note,
        mentors=", ".join(user.username for user in idea.ordered_mentors()),
        description=idea.description,
        outcomes=idea.outcomes,
        steps=idea.steps,
        references=idea.references,
        version=str(idea.version),
        draft=None,
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def activity_of(idea) -> list[tuple[str, int]]:
    return list(Activity.objects.filter(idea=idea).order_by("pk").values_list("verb", "actor"))


# --- creating ----------------------------------------------------------------------------


@pytest.fixture
def co_mentors(other_mentor, reviewer):
    # Co-mentors are invited by username or by email; a confirmed address finds the account.
    EmailAddress.objects.create(user=reviewer, email=reviewer.email, verified=True, primary=True)
    return [other_mentor, reviewer]


def invited(idea) -> list:
    """Who is invited to co-mentor the idea: users, or the address where none matched."""
    return [
        offer.user or offer.email
        for offer in MentorOffer.objects.filter(idea=idea, kind="invitation").order_by("pk")
    ]


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

# Any text Hypothesis likes (no surrogates: they can't be encoded in a request), and, one
# time in four, text with a NUL byte in it, which PostgreSQL can't store.
_TEXT, _SOME_TEXT = st.text(max_size=120), st.text(min_size=1, max_size=120)
ANY_TEXT = st.one_of(_TEXT, _SOME_TEXT, _SOME_TEXT, st.builds("{}\x00{}".format, _TEXT, _TEXT))
# Mentor lists: half of them valid, so many examples get through to the saved idea page.
CO_MENTOR_TEXT = st.sampled_from(["", "otto", "OTTO, Rev@Example.org"]) | ANY_TEXT
EDIT_MENTOR_TEXT = st.sampled_from(["menna", "menna, otto", "Menna;rev@example.org"]) | ANY_TEXT
HYPOTHESIS_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS_SETTINGS
@given(title=ANY_TEXT, description=ANY_TEXT, skills=ANY_TEXT, mentors=CO_MENTOR_TEXT)
def test_idea_create_any_text_never_fails(
    client_for, mentor, other_mentor, reviewer, program, title, description, skills, mentors
):
    client = client_for(mentor)
    data = idea_data(title=title, description=description, skills=skills, mentors=mentors)

    response = client.post(create_url(program), data)

    event(f"status {response.status_code}")
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        page = client.get(response.url)
        assert page.status_code == 200
        assert page.context["idea"].title == " ".join(strip_controls(title).split())
    else:
        errors = RenderedForm(response.text).errors
        assert response.context["form"].errors != {}
        typed = {"title": title, "description": description, "skills": skills, "mentors": mentors}
        for name, value in typed.items():
            if "\x00" in value:
                assert errors[name] == [NUL_ERROR]


def stored(idea) -> dict:
    """What the database holds of ``idea``'s typed fields, skills case-blind."""
    idea = Idea.objects.get(pk=idea.pk)
    return {
        "title": idea.title,
        "description": idea.description,
        "skills": {skill.name.lower() for skill in idea.skills.all()},
        "mentors": idea.ordered_mentors(),
        "version": idea.version,
    }


@HYPOTHESIS_SETTINGS
@given(title=ANY_TEXT, description=ANY_TEXT, skills=ANY_TEXT, mentors=EDIT_MENTOR_TEXT)
def test_idea_edit_any_text_never_fails(
    client_for, mentor, other_mentor, reviewer, idea, title, description, skills, mentors
):
    client = client_for(mentor)
    idea.refresh_from_db()
    before = stored(idea)
    data = edit_data(idea, title=title, description=description, skills=skills, mentors=mentors)

    response = client.post(edit_url(idea), data)

    event(f"status {response.status_code}")
    assert response.status_code in {200, 302}
    after = stored(idea)
    if response.status_code == 302:
        # Saved as the form normalises it: the title on one line without control
        # characters, Markdown as typed but with LF line breaks; invitees join later.
        typed_skills = split_list(strip_controls(skills))
        assert after == {
            "title": " ".join(strip_controls(title).split()),
            "description": normalise_newlines(description),
            "skills": {Skill.normalise(name).lower() for name in typed_skills},
            "mentors": [mentor],
            "version": after["version"],
        }
        assert after["version"] in {before["version"], before["version"] + 1}
        assert client.get(response.url).status_code == 200
    else:
        form_errors = response.context["form"].errors
        assert after == before
        assert form_errors != {}
        assert RenderedForm(response.text).errors == {
            name: list(messages) for name, messages in form_errors.items()
        }


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
