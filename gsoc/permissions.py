"""Who may do what with programs, ideas, sign-offs and mentoring: pure predicates.

Each ``can_…`` predicate returns a ``Verdict``: truthy when allowed, falsy with the reason
a person reads when not. Views pass verdicts to templates as ``can_…`` flags; the workflow
enforces the very same verdict (``verdict.enforce()``), so a button shows exactly when its
action would go through, and a refusal says why in the predicate's words. Nothing here
queries the database except the cached group lookup, and nothing raises.

Roles are Django groups (committers, managers) plus the per-idea mentor relation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError

from gsoc.enums import EDITABLE_PHASES, PUBLIC_PHASES, PUBLIC_STATES, Phase
from gsoc.lifecycle import IDEA_MOVES, PROGRAM_MOVES, SUBMITTED_STATES

if TYPE_CHECKING:
    from gsoc.models import Idea, MentorOffer, Program, SignOff

MANAGERS_GROUP = "managers"
COMMITTERS_GROUP = "committers"
# Mentors an idea may have, invitations waiting for an answer included.
MAX_MENTORS = 5
# Phases in which the final list may change (before it is published).
LIST_PHASES = (Phase.PREPARING, Phase.OPEN)


@dataclass(frozen=True, eq=False)
class Verdict:
    """An answer to "may this happen?": truthy or false with the reason why not.

    ``forbidden`` says the refusal is about who asks (the workflow raises
    PermissionDenied, a 403) rather than about the thing's current state (a
    ValidationError, shown as a message: a double click, a page left open too long).
    """

    allowed: bool
    reason: str = ""
    forbidden: bool = False

    def __bool__(self) -> bool:
        return self.allowed

    def __eq__(self, other: object) -> bool:
        # A verdict equals the boolean it stands for, so `can_x(...) == True` reads as asked.
        if isinstance(other, bool):
            return self.allowed is other
        if isinstance(other, Verdict):
            return (self.allowed, self.reason, self.forbidden) == (
                other.allowed,
                other.reason,
                other.forbidden,
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.allowed, self.reason, self.forbidden))

    def enforce(self) -> None:
        """Raise PermissionDenied or ValidationError with the reason, unless allowed."""
        if self.allowed:
            return
        if self.forbidden:
            raise PermissionDenied(self.reason)
        raise ValidationError(self.reason)


ALLOWED = Verdict(True)


def forbid(reason: str) -> Verdict:
    """Refused because of who asks."""
    return Verdict(False, reason, forbidden=True)


def refuse(reason: str) -> Verdict:
    """Refused because of the current state of things."""
    return Verdict(False, reason)


def first(*verdicts: Verdict) -> Verdict:
    """The first refusal among ``verdicts``, or ALLOWED. Who-checks go first."""
    return next((verdict for verdict in verdicts if not verdict), ALLOWED)


def check(condition: Any, verdict: Verdict) -> Verdict:
    return ALLOWED if condition else verdict


# Roles


def _group_names(user) -> frozenset[str]:
    # Cached on the user object: a page asks several predicates.
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_gsoc_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._gsoc_group_names = cached
    return cached


def is_manager(user) -> bool:
    """Community managers run programs; superusers count as managers."""
    return user.is_authenticated and (user.is_superuser or MANAGERS_GROUP in _group_names(user))


def is_committer(user) -> bool:
    return user.is_authenticated and COMMITTERS_GROUP in _group_names(user)


def is_mentor_of(user, idea: Idea) -> bool:
    """True if the user is one of the idea's mentors (uses prefetched mentor links)."""
    if not user.is_authenticated or idea.pk is None:
        return False
    return any(link.user_id == user.pk for link in idea.mentor_links.all())


def _signed_in(user) -> Verdict:
    return check(user.is_authenticated, forbid("Sign in first."))


def _not_archived(program: Program) -> Verdict:
    """An archived program is read-only for everyone: a refusal of who may act (403)."""
    return check(program.phase != Phase.ARCHIVED, forbid("This program is archived."))


# Programs


def can_view_program(user, program: Program) -> Verdict:
    """Open, published and archived programs are public; a preparing one is for members."""
    return check(
        program.phase in PUBLIC_PHASES or user.is_authenticated, forbid("No such program.")
    )


def can_manage_programs(user) -> Verdict:
    return check(is_manager(user), forbid("Only community managers can change programs."))


def can_edit_program(user, program: Program) -> Verdict:
    return first(can_manage_programs(user), _not_archived(program))


def _program_move(user, program: Program, name: str) -> Verdict:
    move = PROGRAM_MOVES[name]
    return first(
        can_manage_programs(user),
        check(program.phase != move.target, refuse(f"This program is already {move.target}.")),
        check(program.phase in move.sources, refuse(move.refusal)),
    )


def can_open_program(user, program: Program) -> Verdict:
    return _program_move(user, program, "open")


def can_publish_program(user, program: Program, approved_count: int | None = None) -> Verdict:
    """Managers publish an open program's final list, which must hold an idea.
    ``approved_count`` None: not known yet (the button shows; the workflow counts)."""
    return first(
        _program_move(user, program, "publish"),
        check(
            approved_count != 0,
            refuse("Approve at least one idea before publishing the final list."),
        ),
    )


def can_archive_program(user, program: Program) -> Verdict:
    return _program_move(user, program, "archive")


def can_change_final_list(user, program: Program) -> Verdict:
    return first(
        can_manage_programs(user),
        _not_archived(program),
        check(program.phase in LIST_PHASES, refuse("The final list is published and frozen.")),
    )


def can_carry_forward_into(user, program: Program) -> Verdict:
    return first(
        can_manage_programs(user),
        check(
            program.phase in LIST_PHASES,
            refuse("Ideas can be carried only into a program in preparation or open."),
        ),
    )


def can_manage_roles(user) -> Verdict:
    return check(is_manager(user), forbid("Only community managers grant roles."))


def can_see_email_addresses(user) -> Verdict:
    """Mentor email addresses are for signed-in users only (DOMAIN.md)."""
    return check(user.is_authenticated, forbid("Sign in to see email addresses."))


# Ideas


def can_submit_idea(user, program: Program) -> Verdict:
    """Signed-in members add ideas while the program is prepared, open or published."""
    return first(
        _signed_in(user),
        can_view_program(user, program),
        check(program.phase in EDITABLE_PHASES, forbid("This program takes no new ideas.")),
    )


def is_invited_to(user, idea: Idea) -> bool:
    """Whether ``user`` has a pending invitation to co-mentor the idea. Reads
    ``idea.pending_invitee_ids``, which the fetch helpers set (gsoc.shortcuts); an idea
    without it counts as inviting nobody."""
    return user.is_authenticated and user.pk in getattr(idea, "pending_invitee_ids", ())


def can_view_idea(user, idea: Idea) -> Verdict:
    """Public states for all; drafts and withdrawn ideas for their mentors, managers and
    people invited to co-mentor them. ``Idea.objects.visible_to`` is the same rule."""
    return first(
        can_view_program(user, idea.program),
        check(
            idea.state in PUBLIC_STATES
            or is_manager(user)
            or is_mentor_of(user, idea)
            or is_invited_to(user, idea),
            forbid("No such idea."),
        ),
    )


def can_edit_idea(user, idea: Idea) -> Verdict:
    """Mentors and managers, until the program is archived. A published final list can be
    corrected: its ideas stay on the list, marked as updated."""
    return first(
        check(
            is_manager(user) or is_mentor_of(user, idea),
            forbid("Only the idea's mentors and community managers can change it."),
        ),
        _not_archived(idea.program),
    )


def _idea_move(user, idea: Idea, name: str) -> Verdict:
    move = IDEA_MOVES[name]
    return first(can_edit_idea(user, idea), check(idea.state in move.sources, refuse(move.refusal)))


def can_submit_draft(user, idea: Idea) -> Verdict:
    return first(
        _idea_move(user, idea, "submit"),
        check(idea.program.phase in EDITABLE_PHASES, refuse("This program takes no more ideas.")),
    )


def can_reopen_idea(user, idea: Idea) -> Verdict:
    return _idea_move(user, idea, "reopen")


def can_withdraw_idea(user, idea: Idea) -> Verdict:
    """Mentors and managers withdraw an idea from any state before the archive, even off
    a published final list (a mentor may drop out)."""
    return _idea_move(user, idea, "withdraw")


def can_approve(user, idea: Idea) -> Verdict:
    """Managers approve reviewed ideas until the final list is published."""
    move = IDEA_MOVES["approve"]
    return first(
        can_change_final_list(user, idea.program),
        check(idea.state in move.sources, refuse(move.refusal)),
    )


def can_unapprove(user, idea: Idea) -> Verdict:
    move = IDEA_MOVES["unapprove"]
    return first(
        can_change_final_list(user, idea.program),
        check(idea.state in move.sources, refuse(move.refusal)),
    )


# Sign-offs


def can_sign_off(user, idea: Idea, mine: SignOff | None = None) -> Verdict:
    """Committers who don't mentor the idea, on submitted ideas of a live program, unless
    their sign-off of the current revision stands (``mine``: their sign-off, if any)."""
    return first(
        check(is_committer(user), forbid("Only committers can sign off ideas.")),
        check(
            not is_mentor_of(user, idea),
            forbid("You mentor this idea, so another committer must sign it off."),
        ),
        check(not idea.program.is_archived, refuse("This program is archived.")),
        check(
            idea.state in SUBMITTED_STATES,
            refuse("Only submitted ideas can be signed off, not drafts or withdrawn ones."),
        ),
        check(
            mine is None or not mine.is_current_for(idea),
            refuse(f"You have already signed off revision {getattr(mine, 'version', '')}."),
        ),
    )


def can_withdraw_sign_off(user, idea: Idea, mine: SignOff | None) -> Verdict:
    """The committer who signed, while the program is not archived."""
    return first(
        check(not idea.program.is_archived, refuse("This program is archived.")),
        check(
            mine is not None and mine.committer_id == user.pk and mine.withdrawn_at is None,
            refuse("You have no sign-off on this idea to withdraw."),
        ),
    )


# Co-mentoring


def can_offer_to_mentor(user, idea: Idea, *, has_pending: bool = False) -> Verdict:
    """Signed-in people who don't mentor it yet, on visible ideas of a live program."""
    return first(
        _signed_in(user),
        check(
            idea.program.phase in EDITABLE_PHASES and idea.state in PUBLIC_STATES,
            refuse("This idea takes no offers to co-mentor now."),
        ),
        check(not is_mentor_of(user, idea), forbid("You mentor this idea already.")),
        check(not has_pending, refuse("Your offer is already waiting for the mentors.")),
    )


def can_invite_co_mentors(user, idea: Idea) -> Verdict:
    """Those who change the idea invite co-mentors; the invited person accepts."""
    return can_edit_idea(user, idea)


def mentor_room(mentor_count: int, adding: int = 1) -> Verdict:
    """Room for ``adding`` more mentors, counting invitations waiting for an answer."""
    return check(
        mentor_count + adding <= MAX_MENTORS,
        refuse(f"An idea has at most {MAX_MENTORS} mentors, invitations included."),
    )


def can_answer_offer(user, offer: MentorOffer, *, holds_link: bool = False) -> Verdict:
    """A volunteer's offer is answered by the idea's mentors or a manager; an invitation
    by the invited person: the account it names, or, for an address with no account yet,
    whoever signs in with the link emailed to it (``holds_link``)."""
    idea = offer.idea
    if offer.is_invitation:
        who = first(
            check(user.is_authenticated, forbid("Sign in to answer the invitation.")),
            check(
                offer.user_id == user.pk or (offer.user_id is None and holds_link),
                forbid("This invitation is for someone else."),
            ),
            check(not is_mentor_of(user, idea), refuse("You mentor this idea already.")),
        )
    else:
        who = check(
            is_manager(user) or is_mentor_of(user, idea),
            forbid("Only the idea's mentors and managers answer offers."),
        )
    return first(
        who,
        _not_archived(idea.program),
        check(offer.is_pending, refuse("This offer has been answered already.")),
    )


def can_accept_offer(
    user, offer: MentorOffer, *, mentor_count: int, holds_link: bool = False
) -> Verdict:
    """Answering, plus room under the limit (``mentor_count``: mentors and other pending
    invitations)."""
    return first(can_answer_offer(user, offer, holds_link=holds_link), mentor_room(mentor_count))
