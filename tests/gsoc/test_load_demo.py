"""load_demo: accounts, passwords, banner, reruns and the data files."""

import shutil

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError
from django.urls import reverse

from accounts.models import User
from gsoc.enums import IdeaState
from gsoc.management.commands._demo_data import DATA_DIR
from gsoc.management.commands.load_demo import DEFAULT_PASSWORD
from gsoc.models import (
    Activity,
    Idea,
    IdeaMentor,
    IdeaRevision,
    MentorOffer,
    Program,
    SignOff,
    Skill,
)
from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from notifications.models import Notification
from notifications.services import unread_count
from reviews.models import CommentRevision, ReviewComment, RubricAnswer
from students.models import Interest
from tests.gsoc.load_demo_support import (
    ARCHIVED_IDEAS,
    OPEN_IDEAS,
    OUTREACHY_IDEAS,
    ROLE_USERNAMES,
    USERS,
    load_demo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_on(settings, monkeypatch):
    # pytest-django runs with DEBUG off; the command is meant for development settings.
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


def group_names(username: str) -> list[str]:
    return sorted(User.objects.get(username=username).groups.values_list("name", flat=True))


def demo_counts() -> dict[str, int]:
    models = [
        User,
        EmailAddress,
        Program,
        Idea,
        IdeaMentor,
        IdeaRevision,
        Skill,
        SignOff,
        Activity,
        ReviewComment,
        RubricAnswer,
        CommentRevision,
        Notification,
        Interest,
        MentorOffer,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_load_demo_creates_role_accounts_with_groups():
    load_demo()

    assert sorted(
        User.objects.filter(username__in=ROLE_USERNAMES).values_list("username", flat=True)
    ) == sorted(ROLE_USERNAMES)
    assert group_names("committer") == [COMMITTERS_GROUP]
    assert group_names("manager") == [MANAGERS_GROUP]
    assert group_names("mentor") == []
    manager = User.objects.get(username="manager")
    admin = User.objects.get(username="admin")
    assert (manager.is_superuser, manager.is_staff) == (False, False)
    assert (admin.is_superuser, admin.is_staff) == (True, True)


def test_load_demo_gives_every_account_a_verified_primary_email():
    load_demo()

    emails = {
        (address.user.username, address.email, address.verified, address.primary)
        for address in EmailAddress.objects.select_related("user")
    }
    expected = {
        (user.username, f"{user.username}@example.org", True, True) for user in User.objects.all()
    }
    assert emails == expected
    assert (
        User.objects.exclude(display_name="").exclude(affiliation="").count()
        == User.objects.count()
    )


def test_load_demo_twice_creates_no_duplicates():
    load_demo()
    before = demo_counts()

    output = load_demo()

    assert demo_counts() == before
    assert output.splitlines()[0].startswith("Demo data already present, nothing to create")


def test_load_demo_rerun_keeps_changed_data():
    load_demo()
    program = Program.objects.get(slug="gsoc-2027")
    program.target_list_size = 20
    program.save()
    mentor = User.objects.get(username="mentor")
    mentor.set_password("my-own-password-1")
    mentor.save()

    load_demo()

    assert Program.objects.get(slug="gsoc-2027").target_list_size == 20
    assert User.objects.get(username="mentor").check_password("my-own-password-1") is True


def test_load_demo_rerun_recreates_only_missing_idea():
    load_demo()
    idea = Idea.objects.get(program__slug="gsoc-2027", slug=OPEN_IDEAS[-1].slug)
    idea.activities.all().delete()
    idea.delete()

    load_demo()

    # The demo ideas plus the one carried forward from gsoc-2026.
    assert Idea.objects.filter(program__slug="gsoc-2027").count() == len(OPEN_IDEAS) + 1


def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        load_demo()

    assert User.objects.count() == 0


def test_load_demo_with_force_runs_without_debug(settings):
    settings.DEBUG = False

    load_demo("--force")

    assert Program.objects.filter(slug="gsoc-2027").count() == 1


def test_load_demo_notifies_in_the_app_but_sends_no_email(
    django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_demo()

    assert callbacks  # the email tasks were queued...
    assert mailoutbox == []  # ...and found nothing to send
    assert Notification.objects.exists()
    assert not Notification.objects.filter(email_wanted=True).exists()
    assert unread_count(User.objects.get(username="mentor")) > 0


def test_load_demo_second_run_adds_no_review_activity():
    load_demo()
    before = (ReviewComment.objects.count(), SignOff.objects.count(), Notification.objects.count())

    load_demo()

    after = (ReviewComment.objects.count(), SignOff.objects.count(), Notification.objects.count())
    assert after == before
    assert not Notification.objects.filter(email_wanted=True).exists()


@pytest.mark.parametrize("username", ROLE_USERNAMES)
def test_load_demo_user_can_log_in_with_default_password(client, username):
    load_demo()

    assert client.login(username=username, password=DEFAULT_PASSWORD) is True


def test_load_demo_user_can_log_in_through_login_form(client):
    # Mandatory email verification would send an unverified user to "confirm your email".
    load_demo()

    response = client.post(
        reverse("account_login"), {"login": "mentor", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/"


def test_load_demo_uses_demo_password_from_environment(client, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-pass-77")

    load_demo()

    assert client.login(username="student", password="another-demo-pass-77") is True


def test_load_demo_changes_existing_passwords_when_demo_password_set(client, monkeypatch):
    load_demo()
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-pass-77")

    output = load_demo()

    assert client.login(username="reviewer", password="another-demo-pass-77") is True
    assert output.splitlines()[0].endswith(f"Password changed for {len(USERS)} existing accounts.")


def test_load_demo_banner_marks_account_with_own_password():
    load_demo()
    student = User.objects.get(username="student")
    student.set_password("my-own-password-1")
    student.save()

    output = load_demo()

    lines = [line.split() for line in output.splitlines()]
    assert ["student", "student", "Ravi", "Patel", "(own", "password)"] in lines
    assert ["mentor", "mentor", "Elena", "Marchetti", DEFAULT_PASSWORD] in lines


def test_load_demo_prints_url_and_accounts():
    output = load_demo()

    lines = [line.split() for line in output.splitlines()]
    assert ["GSoC", "Ideas", "demo:", "http://127.0.0.1:8000"] in lines
    assert ["manager", "community", "manager", "Hannah", "Becker", DEFAULT_PASSWORD] in lines


def test_load_demo_prints_url_given_with_option():
    output = load_demo("--url", "http://0.0.0.0:8042")

    lines = [line.split() for line in output.splitlines()]
    assert ["GSoC", "Ideas", "demo:", "http://0.0.0.0:8042"] in lines
    assert "127.0.0.1" not in output


def test_load_demo_data_is_consistent():
    demo_ideas = OPEN_IDEAS + ARCHIVED_IDEAS + OUTREACHY_IDEAS
    usernames = {user.username for user in USERS}
    students = {user.username for user in USERS if user.role == "student"}
    public = (IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED, IdeaState.APPROVED)
    for demo in demo_ideas:
        assert demo.stale_edit is None or demo.target == IdeaState.NEEDS_REVIEW
        for comment in demo.comments:
            assert comment.author in usernames
            assert comment.author not in demo.mentors, demo.title
            assert not comment.reply_by or comment.reply_by in demo.mentors, demo.title
        for interest in demo.interests:
            assert interest.student in students, demo.title
            assert demo.target in public, demo.title
            assert interest.note
        if demo.offer:
            assert demo.offer.by in usernames
            assert demo.offer.by not in demo.mentors, demo.title
            assert demo.target in public, demo.title
            commenters = {comment.author for comment in demo.comments}
            if demo.offer.accepted:
                # A new co-mentor must not make a sign-off stale, nor turn a reviewer's
                # comment into a mentor's.
                assert demo.target == IdeaState.NEEDS_REVIEW
                assert not demo.stale_edit
                assert demo.offer.by not in commenters, demo.title
    assert sum(1 for demo in demo_ideas if demo.stale_edit) == 1


def test_load_demo_second_run_adds_no_interest_offers_ideas_or_programs():
    load_demo()
    models = (Interest, MentorOffer, Idea, Program, Activity)
    before = [model.objects.count() for model in models]

    load_demo()

    assert [model.objects.count() for model in models] == before


IDEA_FILE = "gsoc-2027/live-migration-progress-and-eta-in-hlctl.md"


@pytest.mark.parametrize(
    ("path", "old", "new", "problem"),
    [
        (IDEA_FILE, "- author: reviewer", "- author: nobody", "unknown username 'nobody'"),
        (IDEA_FILE, "state: reviewed", "state: signed", "unknown state 'signed'"),
        (IDEA_FILE, "## Steps", "## Phases", "missing section '## Steps'"),
        (IDEA_FILE, "size: 175", "size: [175", "front matter is not valid YAML|not valid YAML"),
        (IDEA_FILE, "difficulty: [basic, medium]", "difficulty: easy", "difficulty should be"),
        ("people.yaml", "group: managers", "group: admins", "unknown group"),
        ("programs.yaml", "phase: archived", "phase: closed", "unknown phase 'closed'"),
        ("programs.yaml", "opened: '2025-11-25'", "opened: soon", "'soon' is neither a date"),
    ],
)
def test_load_demo_broken_data_file_names_the_file_and_problem(tmp_path, path, old, new, problem):
    shutil.copytree(DATA_DIR, tmp_path / "demo")
    broken = tmp_path / "demo" / path
    text = broken.read_text()
    assert old in text
    broken.write_text(text.replace(old, new, 1))

    with pytest.raises(CommandError, match=problem) as caught:
        load_demo("--data", str(tmp_path / "demo"))

    assert str(caught.value).startswith(f"{broken}: ")
    assert User.objects.count() == 0


def test_load_demo_idea_file_not_listed_in_programs_is_an_error(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "demo")
    idea = tmp_path / "demo" / IDEA_FILE
    idea.rename(idea.with_name("a-stray-copy.md"))

    with pytest.raises(CommandError, match="not listed under ideas: a-stray-copy") as caught:
        load_demo("--data", str(tmp_path / "demo"))

    assert str(caught.value).startswith(f"{tmp_path / 'demo' / 'programs.yaml'}: program 3: ")
