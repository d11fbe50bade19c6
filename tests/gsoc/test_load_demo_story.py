"""load_demo: the story the demo plays, program by program and idea by idea."""

from collections import Counter

import pytest

from gsoc.dashboard import readiness
from gsoc.enums import Difficulty, IdeaState, Phase
from gsoc.models import (
    Activity,
    Idea,
    IdeaMentor,
    MentorOffer,
    Program,
    SignOff,
)
from notifications.models import Notification
from reviews.models import CommentRevision, ReviewComment, RubricAnswer
from students.models import Interest
from tests.gsoc.load_demo_support import (
    OPEN_IDEAS,
    OUTREACHY_IDEAS,
    USERS,
    load_demo,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_on(settings, monkeypatch):
    # pytest-django runs with DEBUG off; the command is meant for development settings.
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


def test_load_demo_creates_open_program_settings():
    load_demo()

    program = Program.objects.get(slug="gsoc-2027")
    assert (program.name, program.phase) == ("Google Summer of Code 2027", Phase.OPEN)
    assert (program.required_sign_offs, program.target_list_size) == (1, 12)
    assert program.allowed_sizes == [90, 175, 350]
    assert program.ideas_deadline is not None
    assert program.intro != ""


def program_verbs(program: Program) -> list[str]:
    return list(
        program.activities.filter(idea=None)
        .order_by("created_at", "pk")
        .values_list("verb", flat=True)
    )


def test_load_demo_archives_earlier_program_with_its_final_list():
    load_demo()

    program = Program.objects.get(slug="gsoc-2026")
    assert program.phase == Phase.ARCHIVED
    assert program.ideas.count() == 4
    assert program.ideas.filter(state=IdeaState.DRAFT).count() == 0
    assert program.ideas.filter(state=IdeaState.APPROVED).count() == 3
    assert program_verbs(program) == [
        Activity.Verb.PROGRAM_CREATED,
        Activity.Verb.PROGRAM_OPENED,
        Activity.Verb.PROGRAM_PUBLISHED,
        Activity.Verb.PROGRAM_ARCHIVED,
    ]
    published = program.activities.get(verb=Activity.Verb.PROGRAM_PUBLISHED)
    assert published.detail == {"approved": 3}
    archived = program.activities.get(verb=Activity.Verb.PROGRAM_ARCHIVED)
    assert (archived.actor.username, archived.detail) == ("manager", {"unfinished": 1})
    for idea in program.ideas.filter(state=IdeaState.APPROVED):
        assert idea.activities.get(verb=Activity.Verb.APPROVED).actor.username == "manager"
        assert SignOff.objects.active().get(idea=idea).is_current_for(idea)


def test_load_demo_publishes_outreachy_round_with_approved_final_list():
    load_demo()

    program = Program.objects.get(slug="outreachy-33")
    assert program.phase == Phase.PUBLISHED
    assert program.allowed_sizes == [350]
    ideas = program.ideas.all()
    assert 4 <= ideas.count() <= 6
    assert ideas.count() == ideas.filter(state=IdeaState.APPROVED).count() == len(OUTREACHY_IDEAS)
    for idea in ideas:
        assert idea.mentor_links.count() == 2
        assert idea.project_size == 350
    assert program_verbs(program) == [
        Activity.Verb.PROGRAM_CREATED,
        Activity.Verb.PROGRAM_OPENED,
        Activity.Verb.PROGRAM_PUBLISHED,
    ]
    assert Interest.objects.active().filter(idea__program=program).count() >= 2
    published = Notification.objects.filter(kind="published")
    mentors = set(IdeaMentor.objects.filter(idea__program=program).values_list("user", flat=True))
    assert set(published.values_list("recipient", flat=True)) >= mentors


def test_load_demo_keeps_open_program_on_the_home_page(client):
    load_demo()

    assert Program.objects.current() == Program.objects.get(slug="gsoc-2027")
    response = client.get("/")
    assert response.status_code == 200
    assert "Google Summer of Code 2027" in response.content.decode()


def test_load_demo_dates_a_program_added_later_before_the_open_one():
    # A database loaded before outreachy-33 was part of the demo: it gets it afterwards.
    load_demo()
    outreachy = Program.objects.get(slug="outreachy-33")
    Idea.objects.filter(program=outreachy).delete()
    outreachy.delete()

    load_demo()

    outreachy = Program.objects.get(slug="outreachy-33")
    gsoc = Program.objects.get(slug="gsoc-2027")
    assert outreachy.created_at < gsoc.created_at
    assert outreachy.phase == Phase.PUBLISHED
    assert Program.objects.current() == gsoc


def test_load_demo_leaves_open_program_ideas_in_every_state():
    load_demo()

    ideas = Idea.objects.filter(program__slug="gsoc-2027", origin=None)
    states = Counter(ideas.values_list("state", flat=True))
    assert set(states) == set(IdeaState.values)
    assert states == Counter(demo.target for demo in OPEN_IDEAS)
    assert ideas.count() >= 16
    assert states[IdeaState.DRAFT] == 3  # plus the carried-forward one
    assert states[IdeaState.WITHDRAWN] == 1
    assert 1 <= states[IdeaState.APPROVED] <= 2
    assert states[IdeaState.NEEDS_REVIEW] > ideas.count() // 2


def test_load_demo_withdrawn_and_approved_ideas_went_through_the_workflow():
    load_demo()

    ideas = Idea.objects.filter(program__slug="gsoc-2027")
    withdrawn = ideas.get(state=IdeaState.WITHDRAWN)
    activity = withdrawn.activities.get(verb=Activity.Verb.WITHDRAWN)
    assert activity.actor == withdrawn.mentor_links.first().user
    assert activity.detail["previous"] == IdeaState.NEEDS_REVIEW
    for idea in ideas.filter(state=IdeaState.APPROVED):
        assert idea.activities.get(verb=Activity.Verb.APPROVED).actor.username == "manager"


def test_load_demo_signs_off_community_reviewed_and_approved_ideas():
    load_demo()

    signed = Idea.objects.filter(
        program__slug="gsoc-2027", state__in=[IdeaState.REVIEWED, IdeaState.APPROVED]
    )
    assert signed.count() == 4
    for idea in signed:
        sign_off = SignOff.objects.active().get(idea=idea)
        assert sign_off.committer.username == "committer"
        assert sign_off.is_current_for(idea)


def test_load_demo_leaves_exactly_one_stale_sign_off():
    load_demo()

    stale = [
        sign_off
        for sign_off in SignOff.objects.active().select_related("idea")
        if sign_off.version < sign_off.idea.reviewed_version
    ]

    assert len(stale) == 1
    idea = stale[0].idea
    assert idea.state == IdeaState.NEEDS_REVIEW
    assert (stale[0].version, idea.version, idea.reviewed_version) == (1, 2, 2)
    revision = idea.revisions.get(version=2)
    assert revision.author == idea.mentor_links.first().user
    assert revision.summary != ""
    assert revision.data["description"] != idea.revisions.get(version=1).data["description"]
    assert idea.activities.filter(verb=Activity.Verb.BACK_TO_REVIEW).count() == 1


def test_load_demo_adds_review_comments():
    load_demo()

    comments = ReviewComment.objects.select_related("idea__program")
    top_level = comments.filter(parent=None)
    open_public = Idea.objects.filter(
        program__slug="gsoc-2027",
        state__in=[IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED, IdeaState.APPROVED],
    )
    commented = open_public.filter(comments__isnull=False).distinct()
    assert commented.count() > open_public.count() // 2
    for idea in Idea.objects.filter(comments__isnull=False).distinct():
        assert 1 <= idea.comments.filter(parent=None).count() <= 4
    assert comments.filter(parent__isnull=False).count() >= 5
    assert top_level.filter(is_addressed=True).count() >= 3
    assert RubricAnswer.objects.count() >= 3
    assert not RubricAnswer.objects.filter(comment__parent__isnull=False).exists()
    assert comments.filter(idea__program__slug="gsoc-2026").exists()
    assert not comments.filter(idea__state=IdeaState.DRAFT).exists()
    authors = set(top_level.values_list("author__username", flat=True))
    assert {"reviewer", "committer", "mentor2"} <= authors


def test_load_demo_mentors_review_each_other_and_answer_their_own():
    load_demo()

    for comment in ReviewComment.objects.select_related("idea", "addressed_by"):
        mentors = set(comment.idea.mentor_links.values_list("user__username", flat=True))
        if comment.parent_id is None:
            assert comment.author.username not in mentors, comment.body
        else:
            assert comment.author.username in mentors, comment.body
        if comment.is_addressed:
            assert comment.addressed_by.username in mentors


def test_load_demo_edits_one_comment_and_hides_another():
    load_demo()

    revision = CommentRevision.objects.select_related("comment").get()
    assert revision.comment.version == 2
    assert revision.comment.body != revision.body
    edited = Activity.objects.get(verb=Activity.Verb.COMMENT_EDITED)
    assert edited.actor == revision.comment.author
    hidden = ReviewComment.objects.get(is_hidden=True)
    assert hidden.hidden_by.username == "manager"
    assert hidden.hidden_reason != ""


def test_load_demo_ideas_are_spread_over_mentors_sizes_and_difficulties():
    load_demo()

    ideas = list(Idea.objects.filter(program__slug="gsoc-2027").prefetch_related("skills"))
    ranges = {(idea.difficulty_min, idea.difficulty_max) for idea in ideas}
    assert ranges == {
        (Difficulty.BASIC, Difficulty.BASIC),
        (Difficulty.BASIC, Difficulty.MEDIUM),
        (Difficulty.MEDIUM, Difficulty.MEDIUM),
        (Difficulty.MEDIUM, Difficulty.HARD),
        (Difficulty.HARD, Difficulty.HARD),
    }
    assert {idea.project_size for idea in ideas} == {90, 175, 350}
    assert all(2 <= len(idea.skills.all()) <= 5 for idea in ideas)
    assert all(idea.description.count("\n\n") >= 1 for idea in ideas)
    co_mentored = IdeaMentor.objects.filter(idea__program__slug="gsoc-2027", position=1)
    assert co_mentored.count() >= 5
    for username in ("mentor", "mentor2"):
        assert (
            Idea.objects.filter(program__slug="gsoc-2027", mentors__username=username).count() >= 3
        )


def test_load_demo_students_register_interest():
    load_demo()

    interests = Interest.objects.filter(idea__program__slug="gsoc-2027")
    active = interests.filter(withdrawn_at=None)
    student_names = {user.username for user in USERS if user.role == "student"}
    assert len(student_names) == 6
    per_student = Counter(active.values_list("student__username", flat=True))
    assert set(per_student) == student_names
    assert 2 <= per_student["student"] <= 3
    assert all(1 <= count <= 3 for count in per_student.values())
    assert all(interest.note for interest in interests)
    assert not active.filter(idea__state__in=[IdeaState.DRAFT, IdeaState.WITHDRAWN]).exists()
    # Some ideas draw two or three students, many one or none.
    public = Idea.objects.filter(
        program__slug="gsoc-2027",
        state__in=[IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED, IdeaState.APPROVED],
    )
    per_idea = Counter(active.values_list("idea", flat=True))
    counts = [per_idea[idea.pk] for idea in public]
    assert max(counts) == 3
    assert sum(1 for n in counts if n >= 2) >= 2
    assert sum(1 for n in counts if n <= 1) > len(counts) // 2
    assert 0 in counts
    for idea in public.filter(state__in=[IdeaState.REVIEWED, IdeaState.APPROVED]):
        assert idea.activities.filter(verb=Activity.Verb.INTEREST_REGISTERED).exists() == (
            per_idea[idea.pk] > 0
        )


def test_load_demo_one_student_withdraws_and_registers_again():
    load_demo()

    withdrawn = Interest.objects.get(withdrawn_at__isnull=False)
    again = Interest.objects.active().get(student=withdrawn.student, idea=withdrawn.idea)
    assert again.created_at > withdrawn.withdrawn_at
    assert again.note != withdrawn.note
    verbs = list(
        withdrawn.idea.activities.filter(actor=withdrawn.student)
        .order_by("created_at", "pk")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        Activity.Verb.INTEREST_REGISTERED,
        Activity.Verb.INTEREST_WITHDRAWN,
        Activity.Verb.INTEREST_REGISTERED,
    ]


def test_load_demo_offers_to_co_mentor_one_pending_one_accepted():
    load_demo()

    pending = MentorOffer.objects.get(status=MentorOffer.Status.PENDING)
    idea = pending.idea
    assert idea.program.slug == "gsoc-2027"
    assert list(idea.mentor_links.values_list("user__username", flat=True)) == ["mentor"]
    assert pending.user.username != "mentor"
    assert pending.message != ""

    accepted = MentorOffer.objects.get(status=MentorOffer.Status.ACCEPTED)
    idea = accepted.idea
    mentors = list(idea.mentor_links.values_list("user__username", flat=True))
    assert mentors[-1] == accepted.user.username
    assert accepted.decided_by.username == mentors[0]
    assert idea.state == IdeaState.NEEDS_REVIEW
    assert not SignOff.objects.filter(idea=idea).exists()
    assert idea.revisions.get(version=idea.version).summary.startswith("Added co-mentor")
    assert idea.activities.filter(verb=Activity.Verb.MENTOR_ACCEPTED).count() == 1
    assert not MentorOffer.objects.filter(status=MentorOffer.Status.DECLINED).exists()


def test_load_demo_readiness_shows_a_mix_of_clean_and_flagged_ideas():
    load_demo()

    report = readiness(Program.objects.get(slug="gsoc-2027"))

    checks = report["checks"]
    flagged = [check for check in checks if check["problems"]]
    assert 3 <= report["clean_count"] <= len(checks) - 2
    assert abs(report["clean_count"] - len(checks) / 3) <= 2  # about a third
    assert all(1 <= len(check["problems"]) <= 3 for check in flagged)
    problems = {problem for check in flagged for problem in check["problems"]}
    assert {
        "a single mentor",
        "no interested student yet",
        "not verified for this program",
        "1 stale sign-off",
    } <= problems
    assert any("open review comment" in problem for problem in problems)
    overloaded = [row["user"].username for row in report["mentor_rows"] if row["overloaded"]]
    assert 1 <= len(overloaded) <= 2
    assert len(report["mentor_rows"]) >= 6


def test_load_demo_carries_one_idea_forward_as_unverified_draft():
    load_demo()

    carried = Idea.objects.get(program__slug="gsoc-2027", origin__isnull=False)
    assert carried.origin.program.slug == "gsoc-2026"
    assert carried.title == carried.origin.title
    assert (carried.state, carried.verified_at) == (IdeaState.DRAFT, None)
    assert list(carried.mentors.all()) == list(carried.origin.mentors.all())
    activity = carried.activities.get(verb=Activity.Verb.CARRIED_FORWARD)
    assert activity.actor.username == "manager"
    assert activity.detail == {"origin": carried.origin.pk}
