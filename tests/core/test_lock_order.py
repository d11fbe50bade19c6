"""The lock order of gsoc.workflow.base on a real server: a change of a program's
settings runs against sign-offs and edits of its ideas at once, and nothing deadlocks or
waits on a row it doesn't mean. PostgreSQL only (SQLite runs one writer at a time)."""

import threading

import pytest
from django.db import connection, connections

from gsoc import workflow
from gsoc.enums import IdeaState
from gsoc.models import Idea, Program, SignOff
from gsoc.permissions import COMMITTERS_GROUP
from tests.factories import IdeaFactory, ProgramFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (DATABASE_URL)"
    ),
]
ROUNDS = 6


def _run_together(calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            for _ in range(ROUNDS):
                call()
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a writer is stuck"
    return errors


def test_settings_change_against_sign_offs_and_edits_never_deadlocks():
    program = ProgramFactory(required_sign_offs=1)
    mentor = UserFactory()
    manager = UserFactory(is_superuser=True)
    committers = [UserFactory(groups=[COMMITTERS_GROUP]) for _ in range(2)]
    ideas = [IdeaFactory(program=program, mentors=[mentor]) for _ in range(4)]

    def toggle_required():
        current = Program.objects.get(pk=program.pk)
        current.required_sign_offs = 3 - current.required_sign_offs  # 1 <-> 2
        workflow.save_program(current, by=manager)

    def sign(committer, idea):
        def call():
            fresh = Idea.objects.get(pk=idea.pk)
            mine = SignOff.objects.filter(idea=fresh, committer=committer).first()
            if mine and mine.is_current_for(fresh):
                workflow.withdraw_sign_off(fresh, by=committer)
            else:
                workflow.sign_off(fresh, by=committer)

        return call

    def edit(idea):
        def call():
            fresh = Idea.objects.get(pk=idea.pk)
            content = workflow.IdeaContent.of(fresh)
            content.fields["outcomes"] = f"{fresh.outcomes}\n- one more"
            workflow.update_idea(fresh, content, by=mentor, expected_version=fresh.version)

        return call

    errors = _run_together(
        [
            toggle_required,
            sign(committers[0], ideas[0]),
            sign(committers[1], ideas[0]),
            sign(committers[0], ideas[1]),
            edit(ideas[1]),
            edit(ideas[2]),
            sign(committers[1], ideas[3]),
        ]
    )

    assert errors == []
    # Every idea ends where its current sign-offs and the final setting put it.
    required = Program.objects.get(pk=program.pk).required_sign_offs
    for idea in Idea.objects.filter(program=program):
        current = (
            SignOff.objects.active().filter(idea=idea, version__gte=idea.reviewed_version).count()
        )
        expected = IdeaState.REVIEWED if current >= required else IdeaState.NEEDS_REVIEW
        assert (idea.pk, idea.state) == (idea.pk, expected)


def test_an_idea_change_does_not_lock_its_program_row():
    # Before: select_for_update() with select_related("program") locked the program too,
    # so every write in a program waited on one row.
    program = ProgramFactory()
    idea = IdeaFactory(program=program)
    from django.db import transaction

    from gsoc.workflow.base import lock_idea  # the helper under test

    with transaction.atomic():
        lock_idea(idea)
        with connections["default"].cursor() as cursor:
            cursor.execute(
                "SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = %s AND l.pid = pg_backend_pid()",
                [Program._meta.db_table],
            )
            modes = {row[0] for row in cursor.fetchall()}
    # Only the key-share lock of step 1 (a row share on the table), never an update lock.
    assert "RowShareLock" in modes
    assert "RowExclusiveLock" not in modes
