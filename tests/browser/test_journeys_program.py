"""A program's journey in a real browser: students' interest, approval and publishing,
the read-only archive, and an edit conflict between two mentors.

Each test starts from the state the previous step of the story leaves (built with the
workflow functions), so a failure points at one step.
"""

import re

from playwright.sync_api import expect

from gsoc import workflow
from gsoc.enums import Phase
from gsoc.models import Idea, Program
from reviews import workflow as review_workflow
from tests.browser.conftest import axe_violations, describe, login, region, shot
from tests.factories import IdeaFactory

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
