"""load_demo: the story is dated over the weeks before today, in causal order."""

import datetime

import pytest
from django.db.models import Max
from django.utils import timezone

from gsoc.enums import IdeaState
from gsoc.management.commands._demo_data import plan_idea
from gsoc.management.commands.load_demo import STAMPS
from gsoc.models import Activity, Idea, Program, SignOff
from reviews.models import ReviewComment
from students.models import Interest
from tests.gsoc.load_demo_support import PROGRAMS, load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug_on(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


def test_load_demo_spreads_open_program_comments_over_weeks():
    load_demo()

    comments = ReviewComment.objects.filter(idea__program__slug="gsoc-2027")
    days = {created.date() for created in comments.values_list("created_at", flat=True)}
    assert len(days) > 7
    first, last = min(days), max(days)
    assert (last - first).days >= 21
    assert timezone.localdate() - first <= datetime.timedelta(weeks=7)


def test_load_demo_dates_nothing_in_the_future():
    started = timezone.now()

    load_demo()

    for model, names in STAMPS:
        for name in names:
            latest = model.objects.aggregate(latest=Max(name))["latest"]
            assert latest is None or latest < started, (model.__name__, name)


def test_load_demo_dates_replies_after_their_comments():
    load_demo()

    replies = ReviewComment.objects.filter(parent__isnull=False).select_related("parent")
    assert replies.exists()
    for reply in replies:
        assert reply.created_at > (reply.parent.edited_at or reply.parent.created_at)
    for comment in ReviewComment.objects.exclude(addressed_at=None):
        latest_reply = comment.replies.aggregate(latest=Max("created_at"))["latest"]
        assert comment.addressed_at > (latest_reply or comment.created_at)


def test_load_demo_dates_sign_offs_after_the_revision_and_approval_after_them():
    load_demo()

    for sign_off in SignOff.objects.select_related("idea"):
        idea = sign_off.idea
        signed = idea.revisions.get(version=sign_off.version)
        assert sign_off.signed_at > idea.created_at
        assert sign_off.signed_at > signed.created_at
        discussed = idea.comments.aggregate(latest=Max("created_at"))["latest"]
        assert sign_off.signed_at > (discussed or idea.created_at)
        for approval in idea.activities.filter(verb=Activity.Verb.APPROVED):
            assert approval.created_at > sign_off.signed_at
        for later in idea.revisions.filter(version__gt=sign_off.version):
            assert later.created_at > sign_off.signed_at


def test_load_demo_dates_each_idea_timeline_from_its_creation():
    load_demo()

    for idea in Idea.objects.filter(origin=None):
        verbs = list(idea.activities.order_by("created_at", "pk").values_list("verb", "created_at"))
        assert verbs[0] == (Activity.Verb.CREATED, idea.created_at)
        assert idea.updated_at >= idea.created_at
    interest = Interest.objects.get(withdrawn_at__isnull=False)
    assert interest.created_at < interest.withdrawn_at


def test_load_demo_dates_programs_on_their_timelines():
    load_demo()

    programs = {program.slug: program for program in Program.objects.all()}
    for slug in ("gsoc-2026", "outreachy-33"):
        program = programs[slug]
        assert program.created_at.date() < program.ideas_deadline
        published = program.activities.get(verb=Activity.Verb.PROGRAM_PUBLISHED)
        ideas = program.activities.exclude(idea=None).aggregate(latest=Max("created_at"))
        assert published.created_at > ideas["latest"] > program.created_at
    assert programs["gsoc-2026"].created_at < programs["outreachy-33"].created_at
    assert programs["outreachy-33"].created_at < programs["gsoc-2027"].created_at
    assert timezone.now() - programs["gsoc-2027"].created_at < datetime.timedelta(weeks=8)


def test_load_demo_open_program_ideas_count_as_verified_for_it():
    load_demo()

    program = Program.objects.get(slug="gsoc-2027")
    ideas = Idea.objects.filter(program=program, origin=None)
    assert ideas.exists()
    assert not ideas.filter(verified_at__lt=program.created_at.date()).exists()
    assert not ideas.filter(verified_at=None).exists()
    assert ideas.values("verified_at").distinct().count() > 7


def test_plan_idea_is_deterministic_and_keeps_the_story_order():
    program = PROGRAMS["gsoc-2027"]
    cap = timezone.now()

    for index, demo in enumerate(program.ideas):
        times = plan_idea(program, index, cap)
        assert times == plan_idea(program, index, cap)
        assert all(times["created"] <= when <= cap for when in times.values())
        for k, comment in enumerate(demo.comments):
            assert times["created"] < times[f"comment{k}"]
            if comment.reply:
                assert times[f"comment{k}"] < times[f"reply{k}"]
        if demo.target == IdeaState.APPROVED:
            assert times["signed"] < times["decided"]
