"""Fixtures shared by several test files of tests/gsoc (roles are in tests/conftest.py)."""

import pytest

from gsoc import workflow
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
