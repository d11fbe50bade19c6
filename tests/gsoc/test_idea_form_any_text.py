"""Any text typed into the idea form (property-based): stored as the form normalises it,
or refused with the errors shown and nothing changed.
"""

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gsoc.forms import normalise_newlines, split_list, strip_controls
from gsoc.models import Idea, Skill
from tests.gsoc.idea_form_support import (
    NUL_ERROR,
    RenderedForm,
    create_url,
    edit_data,
    edit_url,
    idea_data,
)

pytestmark = pytest.mark.django_db


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
