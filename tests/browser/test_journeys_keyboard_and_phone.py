"""The journeys without a mouse and on a phone: an idea submitted by keyboard only,
visible focus, pages that fit a phone's width with menus that open.
"""

from playwright.sync_api import expect

from gsoc.enums import IdeaState
from gsoc.models import Idea
from tests.browser.conftest import login, shot
from tests.factories import IdeaFactory

# i. Keyboard only


FOCUS_STYLE = (
    "() => { const s = getComputedStyle(document.activeElement);"
    " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
)


def has_focus(locator) -> bool:
    return locator.evaluate("(element) => element === document.activeElement")


def tab_to(page, locator, *, limit: int = 40) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user moves through a form."""
    for _ in range(limit):
        if has_focus(locator):
            return
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    raise AssertionError(f"Tab never reached {locator}; the focus is on {focused}")


def test_keyboard_only_mentor_submits_an_idea(page, program, mentor):
    login(page, mentor)
    page.goto(f"{program.get_absolute_url()}ideas/new/")
    title = page.get_by_label("Title")
    size = page.get_by_label("Project size")
    skills = page.get_by_label("Skills", exact=True)
    description = page.get_by_label("Description")

    tab_to(page, title)
    outline_style, _, box_shadow = page.evaluate(FOCUS_STYLE)
    assert outline_style != "none" or box_shadow != "none"
    page.keyboard.type("Keyboard-made idea")
    tab_to(page, size)
    page.keyboard.press("ArrowDown")  # "Choose a size" -> ~90 hours
    page.keyboard.press("ArrowDown")  # -> ~175 hours
    tab_to(page, skills)
    page.keyboard.type("Rust")
    tab_to(page, description)
    page.keyboard.type("Written without a mouse.")
    page.keyboard.press("Shift+Tab")
    assert not has_focus(description)
    tab_to(page, page.get_by_role("button", name="Submit for review"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Keyboard-made idea")
    idea = Idea.objects.get(title="Keyboard-made idea")
    assert (idea.state, idea.project_size, idea.description) == (
        IdeaState.NEEDS_REVIEW,
        175,
        "Written without a mouse.",
    )
    assert [skill.name for skill in idea.skills.all()] == ["Rust"]


def test_keyboard_focus_is_visible_on_links(page, program):
    page.goto(program.get_absolute_url())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()
    page.keyboard.press("Tab")
    outline_style, outline_width, _ = page.evaluate(FOCUS_STYLE)
    assert (outline_style, outline_width) == ("solid", "3px")


# j. Phone width


def test_phone_width_pages_fit_and_menus_open(new_page, program, idea, manager):
    IdeaFactory(
        program=program,
        title="An idea with a rather long title that has to wrap on a small phone screen",
        slug="long-title",
        description="A_very_long_unbroken_token_" * 8,
    )
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(program.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Google Summer of Code 2031")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390

    menu_link = page.get_by_role("link", name="Programs & archive")
    expect(menu_link).to_be_hidden()
    toggler = page.get_by_role("button", name="Toggle navigation")
    toggler.click()
    expect(menu_link).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "true")

    search = page.get_by_role("searchbox", name="Search")
    expect(search).to_be_hidden()
    page.get_by_text("Filter and search ideas").click()
    expect(search).to_be_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shot(page, "phone-program")

    page.goto(idea.get_absolute_url())
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390

    manager_page = new_page(viewport={"width": 390, "height": 844})
    login(manager_page, manager)
    for path in [f"{program.get_absolute_url()}dashboard/", f"{idea.get_absolute_url()}edit/"]:
        manager_page.goto(path)
        assert manager_page.evaluate("document.scrollingElement.scrollWidth") <= 390, path
    shot(manager_page, "phone-idea-form")
