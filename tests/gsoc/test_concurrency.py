"""Races on a real server: PostgreSQL only (SQLite serialises writers anyway)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from gsoc import workflow
from gsoc.enums import IdeaState
from gsoc.models import Activity, Idea, SignOff
from gsoc.permissions import COMMITTERS_GROUP
from tests.factories import IdeaFactory, ProgramFactory, UserFactory
from tests.helpers import edited_content

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
    ),
]


def _run_at_once(*calls):
    """Run each call in its own thread and connection, released together."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_committers_signing_at_once_both_count():
    program = ProgramFactory(required_sign_offs=2)
    idea = IdeaFactory(program=program)
    first, second = (UserFactory(groups=[COMMITTERS_GROUP]) for _ in range(2))

    outcomes = _run_at_once(
        lambda: workflow.sign_off(Idea.objects.get(pk=idea.pk), by=first),
        lambda: workflow.sign_off(Idea.objects.get(pk=idea.pk), by=second),
    )

    assert [type(o) for o in outcomes] == [SignOff, SignOff]
    assert SignOff.objects.filter(idea=idea).count() == 2
    assert Idea.objects.get(pk=idea.pk).state == IdeaState.REVIEWED
    assert Activity.objects.filter(idea=idea, verb=Activity.Verb.REVIEWED).count() == 1


def test_same_committer_posting_twice_at_once_counts_once():
    program = ProgramFactory(required_sign_offs=2)
    idea = IdeaFactory(program=program)
    committer = UserFactory(groups=[COMMITTERS_GROUP])

    outcomes = _run_at_once(
        lambda: workflow.sign_off(Idea.objects.get(pk=idea.pk), by=committer),
        lambda: workflow.sign_off(Idea.objects.get(pk=idea.pk), by=committer),
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["SignOff", "ValidationError"]
    assert SignOff.objects.filter(idea=idea).count() == 1
    assert Activity.objects.filter(idea=idea, verb=Activity.Verb.SIGNED_OFF).count() == 1


def test_committer_signing_while_mentor_edits_ends_consistent():
    idea = IdeaFactory()
    mentor = idea.mentor_links.get().user
    committer = UserFactory(groups=[COMMITTERS_GROUP])
    content = edited_content(idea, title="Retitled while being signed")

    outcomes = _run_at_once(
        lambda: workflow.sign_off(Idea.objects.get(pk=idea.pk), by=committer),
        lambda: workflow.update_idea(
            Idea.objects.get(pk=idea.pk), content, by=mentor, expected_version=1
        ),
    )

    assert not [o for o in outcomes if isinstance(o, Exception | ValidationError)]
    idea = Idea.objects.get(pk=idea.pk)
    signed = SignOff.objects.get(idea=idea)
    # Whichever ran first, the state matches the sign-off's currency.
    expected = IdeaState.REVIEWED if signed.is_current_for(idea) else IdeaState.NEEDS_REVIEW
    assert idea.state == expected


def test_same_student_registering_twice_at_once_counts_once():
    from students.models import Interest
    from students.workflow import register_interest

    idea = IdeaFactory()
    student = UserFactory()

    outcomes = _run_at_once(
        lambda: register_interest(Idea.objects.get(pk=idea.pk), by=student),
        lambda: register_interest(Idea.objects.get(pk=idea.pk), by=student),
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["Interest", "ValidationError"]
    assert Interest.objects.filter(idea=idea, student=student).count() == 1
