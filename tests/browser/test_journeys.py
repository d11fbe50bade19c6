"""The main journeys in a real browser, driven by what a person sees: labels, roles, text.

Each test starts from the state the previous step of the story leaves (built with the
workflow functions), so a failure points at one step.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from gsoc import workflow
from gsoc.enums import IdeaState, Phase
from gsoc.models import Idea, Program
from reviews import workflow as review_workflow
from tests.browser.conftest import axe_violations, describe, login, shot
from tests.factories import IdeaFactory, ProgramFactory


@pytest.fixture
def program(transactional_db):
    return ProgramFactory(name="Google Summer of Code 2031", slug="gsoc-2031")


@pytest.fixture
def idea(program, mentor):
    return IdeaFactory(
        program=program, mentors=[mentor], title="Faster widget", slug="faster-widget"
    )


def region(page, heading: str):
    """A section of the page, found by the start of its heading (counts follow it)."""
    return page.get_by_role("region", name=re.compile(rf"^{re.escape(heading)}"))


# a. Sign up


def test_sign_up_confirm_email_lands_signed_in(page, program):
    page.goto("/")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Email address").fill("newbie@example.org")
    page.get_by_label("Username").fill("newbie")
    page.get_by_label("Password", exact=True).fill("a-long-enough-pass-7731")
    page.get_by_label("Password (again)").fill("a-long-enough-pass-7731")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Verify", re.I))

    (message,) = [m for m in mail.outbox if "newbie@example.org" in m.to]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Google Summer of Code 2031")
    assert User.objects.get(username="newbie").emailaddress_set.get().verified is True


# b. Submit an idea


def test_mentor_submits_idea_with_live_preview_and_co_mentor(
    page, new_page, program, mentor, co_mentor
):
    login(page, mentor)
    page.goto(program.get_absolute_url())
    page.get_by_role("link", name="Propose an idea").click()

    page.get_by_label("Title").fill("Live migration progress in the CLI")
    page.get_by_label("Project size").select_option(label="~175 hours (medium)")
    page.get_by_label("Skills", exact=True).fill("Go, networking")
    page.get_by_label("Co-mentors").fill("cosmo")
    description = page.get_by_label("Description")
    description.click()
    # Typed key by key, so markdownx sees input events and asks the server for a preview.
    description.press_sequentially("Show **progress** while a guest migrates.")
    preview = page.locator(".markdownx-preview").first
    expect(preview.locator("strong")).to_have_text("progress")
    shot(page, "idea-form-preview")
    page.get_by_role("button", name="Submit for review").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Live migration progress in the CLI")
    expect(page.get_by_text("Needs review", exact=True)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("submitted and now needs review")
    idea = Idea.objects.get(title="Live migration progress in the CLI")
    assert idea.state == IdeaState.NEEDS_REVIEW
    # The co-mentor is invited, not added unasked: they accept on the idea's page.
    assert [link.user.username for link in idea.mentor_links.order_by("position")] == ["menna"]
    theirs = new_page()
    login(theirs, co_mentor)
    theirs.goto(idea.get_absolute_url())
    theirs.get_by_role("button", name="Accept the invitation").click()
    expect(theirs.get_by_role("status")).to_contain_text("you are now a co-mentor")
    assert [link.user.username for link in idea.mentor_links.order_by("position")] == [
        "menna",
        "cosmo",
    ]


# c. and d. Review with the rubric, mark addressed


def test_reviewer_comments_with_rubric_and_mentor_marks_it_addressed(
    new_page, idea, mentor, reviewer
):
    page = new_page()
    login(page, reviewer)
    page.goto(idea.get_absolute_url())
    page.get_by_label("Your review comment").fill("Say which **API** the CLI reads.")
    answers = ["Yes", "No", "Yes", "Unsure"]
    for group, answer in zip(page.get_by_role("radiogroup").all(), answers, strict=True):
        group.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="Post comment").click()

    comment = page.get_by_role("article", name="Comment by Rev Iewer")
    expect(comment).to_contain_text("Rev Iewer")
    expect(comment.locator("time").first).to_have_text(re.compile(r"\d\d:\d\d, \d+ \w+ \d{4}"))
    expect(comment.get_by_text("API", exact=True)).to_be_visible()
    tally = page.get_by_role("table", name="How reviewers answered each rubric question")
    expect(tally.get_by_role("row")).to_have_count(5)
    first = tally.get_by_role("row", name=re.compile("get going"))
    expect(first.get_by_role("cell")).to_have_text(["1", "0", "0"])
    expect(region(page, "Peer-review rubric")).to_contain_text("1 review")

    mentor_page = new_page()
    login(mentor_page, mentor)
    mentor_page.goto(idea.get_absolute_url())
    mentor_comment = mentor_page.get_by_role("article", name="Comment by Rev Iewer")
    mentor_comment.get_by_role("button", name="Mark addressed").click()

    # The redirect points at the comment, so the browser opens its fold to show it.
    folded = mentor_page.locator("details").filter(
        has=mentor_page.get_by_text("Show 1 addressed comment")
    )
    expect(folded.get_by_role("article", name="Comment by Rev Iewer")).to_be_visible()
    mentor_page.goto(idea.get_absolute_url())
    expect(mentor_page.get_by_text("No open comments.")).to_be_visible()
    expect(mentor_page.get_by_role("article", name="Comment by Rev Iewer")).to_be_hidden()
    mentor_page.get_by_text("Show 1 addressed comment").click()
    addressed = folded.get_by_role("article", name="Comment by Rev Iewer")
    expect(addressed).to_be_visible()
    expect(addressed).to_contain_text("Addressed by Menna Tor")


# e. Sign-off, stale after an edit, re-sign


def test_sign_off_goes_stale_after_edit_and_committer_re_signs(new_page, idea, mentor, committer):
    committer_page = new_page()
    login(committer_page, committer)
    committer_page.goto(idea.get_absolute_url())
    committer_page.get_by_role("button", name="Sign off as community reviewed").click()
    expect(committer_page.get_by_text("Community reviewed", exact=True)).to_be_visible()
    committer_page.goto(idea.program.get_absolute_url())
    reviewed = region(committer_page, "Community reviewed")
    expect(reviewed.get_by_role("link", name="Faster widget")).to_be_visible()

    mentor_page = new_page()
    login(mentor_page, mentor)
    mentor_page.goto(idea.get_absolute_url())
    mentor_page.get_by_role("link", name="Edit", exact=True).click()
    expect(mentor_page.get_by_role("note")).to_contain_text("Before you save")
    mentor_page.get_by_label("Title").fill("Much faster widget")
    mentor_page.get_by_role("button", name="Save changes").click()
    sign_offs = region(mentor_page, "Sign-offs")
    expect(sign_offs.get_by_text("Stale", exact=True)).to_be_visible()
    expect(mentor_page.get_by_text("Needs review", exact=True)).to_be_visible()

    committer_page.goto(idea.get_absolute_url())
    committer_page.get_by_role("link", name="See what changed since your sign-off").click()
    expect(committer_page.get_by_role("heading", level=1)).to_have_text(
        "Changes since your sign-off"
    )
    title_diff = committer_page.get_by_role("region", name="Title")
    expect(title_diff.locator("ins")).to_contain_text("Much")
    shot(committer_page, "changes-since-sign-off")
    committer_page.get_by_role("button", name=re.compile(r"^Sign off revision \d+")).click()

    expect(committer_page.get_by_text("Community reviewed", exact=True)).to_be_visible()
    expect(region(committer_page, "Sign-offs").get_by_text("Current", exact=True)).to_be_visible()
    assert Idea.objects.get(pk=idea.pk).state == IdeaState.REVIEWED


def test_editing_only_references_keeps_the_sign_off(page, idea, mentor, committer):
    workflow.sign_off(idea, by=committer)
    login(page, mentor)
    page.goto(f"{idea.get_absolute_url()}edit/")
    page.get_by_label("References").fill("[design notes](https://example.org/notes)")
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_role("status")).to_contain_text("Your changes are saved")
    assert Idea.objects.get(pk=idea.pk).state == IdeaState.REVIEWED


# f. Interest, approval, publishing


def test_student_interest_then_manager_approves_and_publishes(
    new_page, idea, committer, manager, student
):
    workflow.sign_off(idea, by=committer)

    student_page = new_page()
    login(student_page, student)
    student_page.goto(idea.get_absolute_url())
    student_page.get_by_label("A short note to the mentors").fill("I wrote a widget in C.")
    student_page.get_by_role("button", name="I'm interested in this idea").click()
    expect(student_page.get_by_role("status")).to_contain_text("Your interest is registered")
    expect(region(student_page, "Students' interest")).to_contain_text(
        "Your note: “I wrote a widget in C.”"
    )

    manager_page = new_page()
    login(manager_page, manager)
    manager_page.goto(idea.get_absolute_url())
    manager_page.get_by_role("button", name="Approve for the final list").click()
    expect(manager_page.get_by_text("Approved", exact=True)).to_be_visible()
    manager_page.goto(idea.program.get_absolute_url())
    manager_page.get_by_role("link", name="Readiness dashboard").click()
    shot(manager_page, "dashboard")
    manager_page.get_by_role("button", name="Publish the final list").click()
    expect(manager_page.get_by_role("status")).to_contain_text("The final list is published")

    visitor = new_page()
    visitor.goto("/")
    final = region(visitor, "Final list")
    expect(final.get_by_role("heading", level=2)).to_have_text(re.compile(r"^Final list \d"))
    expect(final.get_by_role("link", name="Faster widget")).to_be_visible()
    expect(final).to_contain_text("1 student interested")
    shot(visitor, "published-program")


# g. Archive


def test_archived_program_is_read_only(new_page, program, idea, mentor, manager, student):
    IdeaFactory(program=program, title="Unfinished idea", slug="unfinished")
    review_workflow.add_comment(idea, by=manager, body="Name the widget's API.")
    # What each of them can do while the program is open, and must not once it's archived.
    can_do = {
        mentor: [
            ("link", "Edit"),
            ("button", "Post comment"),
            ("button", "Mark addressed"),
        ],
        student: [("button", "I'm interested in this idea"), ("button", "Post comment")],
    }
    pages = {user: new_page() for user in can_do}
    for user, page in pages.items():
        login(page, user)
        page.goto(idea.get_absolute_url())
        for role, name in can_do[user]:
            expect(page.get_by_role(role, name=name, exact=True)).to_be_visible()
    pages[mentor].goto(program.get_absolute_url())
    expect(pages[mentor].get_by_role("link", name="Propose an idea")).to_be_visible()
    pages[mentor].goto(idea.get_absolute_url())

    manager_page = new_page()
    login(manager_page, manager)
    manager_page.goto(program.get_absolute_url())
    manager_page.get_by_role("link", name="Readiness dashboard").click()
    manager_page.get_by_role("link", name="Archive…").click()
    expect(manager_page.get_by_role("alert")).to_contain_text("2 ideas of this program")
    manager_page.get_by_role("button", name="Archive anyway").click()
    expect(manager_page.get_by_role("status")).to_contain_text("archived and read-only")
    assert Program.objects.get(pk=program.pk).phase == Phase.ARCHIVED

    for user, page in pages.items():
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Faster widget")
        expect(page.get_by_role("article", name="Comment by Mana Ger")).to_be_visible()
        expect(page.get_by_label("Your review comment")).to_have_count(0)
        for role, name in can_do[user]:
            expect(page.get_by_role(role, name=name, exact=True)).to_have_count(0)
    page = pages[mentor]
    page.goto(program.get_absolute_url())
    expect(page.get_by_text("This program is archived")).to_be_visible()
    expect(page.get_by_role("link", name="Propose an idea")).to_have_count(0)


# h. Edit conflict between two mentors


def test_edit_conflict_keeps_the_second_mentors_text(new_page, program, mentor, co_mentor):
    idea = IdeaFactory(program=program, mentors=[mentor, co_mentor], slug="shared")
    first, second = new_page(), new_page()
    login(first, mentor)
    login(second, co_mentor)
    edit_url = f"{idea.get_absolute_url()}edit/"
    first.goto(edit_url)
    second.goto(edit_url)

    first.get_by_label("Description").fill("The first mentor's description.")
    first.get_by_role("button", name="Save changes").click()
    expect(first.get_by_role("status")).to_contain_text("Your changes are saved")

    mine = "The second mentor's **better** description."
    second.get_by_label("Description").fill(mine)
    second.get_by_role("button", name="Save changes").click()
    expect(second.get_by_role("alert").first).to_contain_text(
        "The idea changed while you were editing"
    )
    expect(second.get_by_label("Description")).to_have_value(mine)
    expect(
        second.get_by_role("region", name=re.compile("compared with your text"))
    ).to_contain_text("better")
    shot(second, "edit-conflict")
    violations = axe_violations(second)
    assert not violations, describe("edit conflict", violations)
    assert Idea.objects.get(pk=idea.pk).description == "The first mentor's description."

    second.get_by_role("button", name="Save changes").click()
    expect(second.get_by_role("status")).to_contain_text("Your changes are saved")
    assert Idea.objects.get(pk=idea.pk).description == mine


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
