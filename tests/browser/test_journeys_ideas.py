"""An idea's journey in a real browser, driven by what a person sees (labels, roles,
text): sign up, submit with the live preview, review with the rubric, sign off.

Each test starts from the state the previous step of the story leaves (built with the
workflow functions), so a failure points at one step.
"""

import re

from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from gsoc import workflow
from gsoc.enums import IdeaState
from gsoc.models import Idea
from tests.browser.conftest import login, region, shot

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
