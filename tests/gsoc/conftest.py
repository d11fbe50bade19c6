"""Fixtures shared by several test files of tests/gsoc (roles are in tests/conftest.py)."""

import pytest

from gsoc import workflow
from gsoc.enums import Phase
from gsoc.models import (
    Program,
    Skill,
)
from gsoc.permissions import COMMITTERS_GROUP
from reviews import workflow as review_workflow
from students.workflow import register_interest
from tests.factories import IdeaFactory, ProgramFactory, UserFactory
from tests.gsoc.backup_support import empty_site, export_text
from tests.gsoc.history_support import edit
from tests.helpers import idea_content


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


@pytest.fixture
def withdrawn_idea(program, mentor):
    return IdeaFactory(
        program=program, mentors=[mentor], title="Given up", slug="given-up", state="withdrawn"
    )


@pytest.fixture
def archived_idea(mentor):
    archive = ProgramFactory(name="GSoC 2013", slug="gsoc-2013", phase=Phase.ARCHIVED)
    return IdeaFactory(program=archive, mentors=[mentor], title="Old one", slug="old-one")


@pytest.fixture
def backup_text(db):
    """The backup of a small site, taken before the database was emptied again."""
    idea = IdeaFactory(skills=[Skill.objects.create(name="C", slug="c")])
    review_workflow.add_comment(
        idea, by=UserFactory(username="rev", groups=["translators"]), body="Looks good."
    )
    text = export_text()
    empty_site()
    return text


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
