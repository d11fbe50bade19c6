"""axe-core on every page type, as each role sees it, on the demo community.

Fails on any violation of impact "serious" or "critical". The demo takes seconds to load
and the live server's database is flushed after each test, so each test loads it once and
audits the pages of a few roles (each in its own browser context), then reports all it
found.
"""

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from gsoc.management.commands.load_demo import DEFAULT_PASSWORD
from reviews.models import ReviewComment
from tests.browser.conftest import axe_violations, describe, login

PROGRAM = "/programs/gsoc-2027/"
# Demo ideas: reviewed with a current sign-off (mentor, mentor2); edited after the
# committer signed it (stale sign-off, two revisions; mentor).
REVIEWED = f"{PROGRAM}ideas/live-migration-progress-and-eta-in-hlctl/"
STALE = f"{PROGRAM}ideas/keyboard-and-screen-reader-support-in-the-bridge-web-console/"


@pytest.fixture
def demo(transactional_db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("load_demo", force=True, stdout=io.StringIO())


def demo_user(username):
    return User.objects.get(username=username)


class Auditor:
    """Visits pages and collects what axe finds; ``check()`` fails with all of it."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []

    def visit(self, path: str, *, status: int = 200) -> None:
        response = self.page.goto(path)
        assert response.status == status, f"{path}: HTTP {response.status}"
        self.audit(path)

    def audit(self, label: str) -> None:
        found = axe_violations(self.page)
        if found:
            self.problems.append(describe(label, found))

    def check(self) -> None:
        check_all(self)


def signed_in(new_page, username: str) -> Auditor:
    """An auditor in a fresh browser of its own, signed in as a demo user."""
    page = new_page()
    login(page, demo_user(username), password=DEFAULT_PASSWORD)
    return Auditor(page)


def check_all(*auditors: Auditor) -> None:
    problems = [problem for auditor in auditors for problem in auditor.problems]
    if problems:
        pytest.fail("axe found serious or critical problems:\n" + "\n".join(problems))


def test_pages_for_visitors_are_accessible(page, demo):
    auditor = Auditor(page)
    for path in [
        "/",
        f"{PROGRAM}?difficulty=hard&q=guest",
        f"{PROGRAM}?q=no-such-words-anywhere",
        "/programs/outreachy-33/",  # published
        "/programs/gsoc-2026/",  # archived
        REVIEWED,
        f"{STALE}history/",
        f"{STALE}history/compare/?old=1&new=2",
        "/programs/",
        "/recent-changes/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]:
        auditor.visit(path)
    auditor.visit("/no-such-page/", status=404)
    auditor.visit(f"{PROGRAM}ideas/a-minimal-unikernel-guest-profile/", status=404)  # a draft

    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill("mentor")
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("alert").wait_for()
    auditor.audit("login with a wrong password")
    auditor.check()


def test_pages_for_mentors_and_reviewers_are_accessible(new_page, demo):
    mentor = signed_in(new_page, "mentor")
    for path in [
        f"{PROGRAM}ideas/new/",
        f"{REVIEWED}edit/",  # with the "Before you save" warning
        STALE,  # a mentor's view: edit, withdraw, mark addressed, interested students
        f"{STALE}history/",  # with restore buttons
        f"{STALE}interested/",
        "/my-work/",
        "/notifications/",
        "/notifications/settings/",
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
    ]:
        mentor.visit(path)
    mentor.page.goto(f"{PROGRAM}ideas/new/")
    mentor.page.get_by_role("button", name="Submit for review").click()
    mentor.page.get_by_text("This field is required.").first.wait_for()
    mentor.audit("idea form with errors")

    reviewer = signed_in(new_page, "reviewer")
    comment = ReviewComment.objects.filter(
        author__username="reviewer", idea__program__slug="gsoc-2027", is_hidden=False
    ).first()
    for path in [
        comment.idea.get_absolute_url(),  # the comment form with the rubric
        f"/comments/{comment.pk}/edit/",
        f"/comments/{comment.pk}/history/",
    ]:
        reviewer.visit(path)
    check_all(mentor, reviewer)


def test_pages_for_managers_committers_and_students_are_accessible(new_page, demo):
    manager = signed_in(new_page, "manager")
    comment = ReviewComment.objects.filter(idea__program__slug="gsoc-2027").first()
    for path in [
        PROGRAM,
        REVIEWED,  # approve, moderation links
        f"{PROGRAM}dashboard/",
        "/programs/outreachy-33/dashboard/",  # published: the list is frozen
        f"{PROGRAM}settings/",
        "/programs/new/",
        "/manage/roles/",
        "/manage/roles/?q=men",
        f"{PROGRAM}carry-forward/",
        f"{PROGRAM}archive/",
        f"/comments/{comment.pk}/hide/",
    ]:
        manager.visit(path)

    committer = signed_in(new_page, "committer")
    for path in [f"{STALE}sign-off/changes/", STALE, "/my-work/"]:
        committer.visit(path)

    student = signed_in(new_page, "student")
    for path in ["/my-interests/", REVIEWED, f"{PROGRAM}ideas/a-memory-balloon-policy-daemon/"]:
        student.visit(path)
    check_all(manager, committer, student)
