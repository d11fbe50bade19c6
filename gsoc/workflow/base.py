"""What every state change shares: row locks in one order, the activity record, and
telling people after commit.

Lock order, everywhere (so two writers never wait on each other in a circle):

0. the acting user's own row, only where one person's repeated clicks must count once
   (posting a review comment);
1. the program row: FOR KEY SHARE for a change of one idea (many may run at once, but a
   phase change waits for them and they wait for it), FOR NO KEY UPDATE for a change of
   the program's settings or the creation of an idea in it, FOR UPDATE for a phase change;
2. idea rows, only the idea's own (``of=("self",)``), several in primary-key order;
3. rows that belong to the idea: sign-offs, offers, comments, interest.

PostgreSQL takes a KEY SHARE lock on the program by itself when a row pointing at it is
inserted (every Activity does); taking it first, before the idea, keeps that implicit lock
in the same order. SQLite runs one writing transaction at a time (IMMEDIATE, see
settings), so the locks there are no-ops and the order holds trivially.
"""

from __future__ import annotations

from django.db import connection

from gsoc.models import Activity, Idea, Program
from notifications.models import Kind
from notifications.services import notify


class EditConflict(Exception):
    """The thing changed since the editor loaded it; their text must not overwrite it."""

    def __init__(self, current):
        super().__init__("This was changed by someone else while you were editing it.")
        self.current = current


def share_program(program_id: int) -> None:
    """Step 1 for a change of one idea: FOR KEY SHARE on its program (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {Program._meta.db_table} WHERE id = %s FOR KEY SHARE",
                [program_id],
            )


def lock_idea(idea: Idea) -> Idea:
    """Steps 1 and 2: the idea, fresh and locked, with its program and mentors."""
    share_program(idea.program_id)
    return (
        Idea.objects.select_for_update(of=("self",))
        .select_related("program")
        .prefetch_related("mentor_links__user")
        .get(pk=idea.pk)
    )


def lock_program(program: Program, *, settings_only: bool = False) -> Program:
    """Step 1 for a change of the program itself: FOR UPDATE for a phase change, FOR NO KEY
    UPDATE (``settings_only``) for its settings or a new idea in it."""
    return Program.objects.select_for_update(no_key=settings_only).get(pk=program.pk)


def record(
    verb: str, *, by, program: Program | None, idea: Idea | None = None, **detail
) -> Activity:
    return Activity.objects.create(verb=verb, actor=by, program=program, idea=idea, detail=detail)


def name_of(user) -> str:
    return user.get_display_name() if user is not None else "Someone"


def tell_mentors(idea: Idea, activity: Activity, kind: Kind, message: str) -> None:
    """Notify the idea's mentors (not the actor) of ``activity``, after commit."""
    notify(
        kind,
        recipients=[link.user for link in idea.mentor_links.select_related("user")],
        event=f"activity:{activity.pk}",
        message=message,
        url=idea.get_absolute_url(),
        actor=activity.actor,
    )
