"""The live preview in a browser: markdownx's script shows what our preview view answers."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import ProgramFactory


@pytest.fixture
def program(transactional_db):
    return ProgramFactory(name="Google Summer of Code 2031", slug="gsoc-2031")


def test_preview_shows_links_and_then_the_too_long_message(page, program, mentor, settings):
    settings.MARKDOWN_PREVIEW_MAX_CHARS = 60
    login(page, mentor)
    page.goto(program.get_absolute_url())
    page.get_by_role("link", name="Propose an idea").click()
    description = page.get_by_label("Description")
    preview = page.locator(".markdownx-preview").first

    description.click()
    description.press_sequentially("See https://example.org for **more**.")
    expect(preview.get_by_role("link", name="https://example.org")).to_have_attribute(
        "href", "https://example.org"
    )

    description.press_sequentially(" And then quite a lot more text.")
    expect(preview).to_have_text("Preview unavailable: the text is longer than 60 characters.")
