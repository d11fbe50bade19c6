"""Every change of state or content of programs and ideas goes through this package.

Each function re-checks the rule that ``gsoc.permissions`` states for it (the same
predicate that draws the button), runs in a transaction with the rows locked in the order
``base`` documents, saves with ``update_fields``, writes an Activity row and queues
notifications for after commit. Nothing else assigns ``Idea.state`` or
``Program.phase``.

- ``transitions``: the idea's and the program's state machines as tables, and the one
  guarded ``transition()``;
- ``states``: submit, withdraw, reopen; ``signoffs``: sign off and withdraw a sign-off;
- ``content`` and ``revisions``: create, edit, verify, restore;
- ``programs``: settings, phases, the final list, carrying ideas forward;
- ``mentoring``: offers and invitations to co-mentor; ``roles``: committers and managers.
"""

from gsoc.schema import CONTENT_FIELDS
from gsoc.workflow.base import EditConflict
from gsoc.workflow.content import (
    create_idea,
    restore_revision,
    stale_edit_warning,
    update_idea,
    verify,
)
from gsoc.workflow.mentoring import (
    answer_offer,
    decide_offer,
    invite,
    invite_co_mentors,
    mentor_count,
    offer_to_mentor,
)
from gsoc.workflow.programs import (
    approve,
    approve_many,
    archive_program,
    carry_forward,
    carryable_ideas,
    open_program,
    publish_program,
    save_program,
    unapprove,
    unapprove_many,
    unpublished_idea_count,
)
from gsoc.workflow.revisions import IdeaContent, snapshot
from gsoc.workflow.roles import set_role
from gsoc.workflow.signoffs import sign_off, withdraw_sign_off
from gsoc.workflow.states import reopen, submit, withdraw
from gsoc.workflow.transitions import current_sign_off_count, transition

__all__ = [
    "CONTENT_FIELDS",
    "EditConflict",
    "IdeaContent",
    "answer_offer",
    "approve",
    "approve_many",
    "archive_program",
    "carry_forward",
    "carryable_ideas",
    "create_idea",
    "current_sign_off_count",
    "decide_offer",
    "invite",
    "invite_co_mentors",
    "mentor_count",
    "offer_to_mentor",
    "open_program",
    "publish_program",
    "reopen",
    "restore_revision",
    "save_program",
    "set_role",
    "sign_off",
    "snapshot",
    "stale_edit_warning",
    "submit",
    "transition",
    "unapprove",
    "unapprove_many",
    "unpublished_idea_count",
    "update_idea",
    "verify",
    "withdraw",
    "withdraw_sign_off",
]
