"""Co-mentoring: offers from volunteers, invitations from the idea's mentors, answers.

Nobody becomes a mentor without saying yes: a volunteer offers and the mentors accept,
or the mentors invite and the invited person accepts. An invitation by email goes to the
address whether or not it belongs to an account, and the inviter is told the same either
way, so the form can't be used to learn who is registered. Accepting adds the mentor like
an edit of the mentors would: within the mentor limit, and making sign-offs stale.
"""

from __future__ import annotations

import secrets
from functools import partial

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone

from gsoc import permissions
from gsoc.models import Activity, Idea, MentorOffer
from gsoc.tasks import send_invitation_email
from gsoc.workflow.base import lock_idea, name_of, record, tell_mentors
from gsoc.workflow.revisions import IdeaContent, save_content
from notifications.models import Kind
from notifications.services import notify

Status = MentorOffer.Status


def _clean_message(message: str) -> str:
    return " ".join((message or "").split())[:500]


def mentor_count(idea: Idea) -> int:
    """Mentors plus invitations waiting for an answer: what the limit counts."""
    pending = MentorOffer.objects.pending().filter(idea=idea, kind=MentorOffer.Kind.INVITATION)
    return len(idea.mentor_links.all()) + pending.count()


def offer_to_mentor(idea: Idea, *, by, message: str = "") -> MentorOffer:
    """Any signed-in user offers to co-mentor; the idea's mentors are told."""
    with transaction.atomic():
        locked = lock_idea(idea)
        pending = MentorOffer.objects.pending().filter(idea=locked, user=by).exists()
        permissions.can_offer_to_mentor(by, locked, has_pending=pending).enforce()
        offer = MentorOffer.objects.create(idea=locked, user=by, message=_clean_message(message))
        activity = record(Activity.Verb.MENTOR_OFFERED, by=by, program=locked.program, idea=locked)
        tell_mentors(
            locked, activity, Kind.MENTORING, f"{name_of(by)} offers to co-mentor “{locked.title}”."
        )
    return offer


def _account_for(email: str):
    """The active account that confirmed this address, if any."""
    address = (
        EmailAddress.objects.filter(email__iexact=email, verified=True, user__is_active=True)
        .select_related("user")
        .first()
    )
    return address.user if address else None


def invite_co_mentors(locked: Idea, invitees: list, *, by, message: str = "") -> list[MentorOffer]:
    """Invite users or email addresses to co-mentor a locked idea (in the caller's
    transaction). People who mentor it or are invited already are skipped. People invited
    by username are notified; addresses get an email with a link to answer, whether or not
    they belong to an account (an account that confirmed the address sees it in the app
    too)."""
    permissions.can_invite_co_mentors(by, locked).enforce()
    mentors = {link.user_id for link in locked.mentor_links.all()}
    pending = list(
        MentorOffer.objects.pending().filter(idea=locked, kind=MentorOffer.Kind.INVITATION)
    )
    created: list[MentorOffer] = []
    for invitee in invitees:
        user = _account_for(invitee) if isinstance(invitee, str) else invitee
        email = invitee if isinstance(invitee, str) else ""
        if user is not None and user.pk in mentors:
            continue
        if any(
            (user and o.user_id == user.pk) or (email and o.email.lower() == email.lower())
            for o in pending
        ):
            continue
        permissions.mentor_room(len(mentors) + len(pending) + len(created)).enforce()
        try:
            with transaction.atomic():
                offer = MentorOffer.objects.create(
                    idea=locked,
                    kind=MentorOffer.Kind.INVITATION,
                    user=user,
                    email=email,
                    token=secrets.token_urlsafe(32),
                    invited_by=by,
                    message=_clean_message(message),
                )
        except IntegrityError:
            continue  # invited by someone else at the same moment
        created.append(offer)
        activity = record(Activity.Verb.MENTOR_INVITED, by=by, program=locked.program, idea=locked)
        if not email:  # by username: told in the app (an address gets the email below)
            notify(
                Kind.MENTORING,
                recipients=[user],
                event=f"activity:{activity.pk}",
                message=f"{name_of(by)} invites you to co-mentor “{locked.title}”.",
                url=f"{locked.get_absolute_url()}#mentoring",
                actor=by,
            )
        if offer.email:
            transaction.on_commit(partial(send_invitation_email.enqueue, offer.pk))
    return created


def invite(idea: Idea, invitees: list, *, by, message: str = "") -> list[MentorOffer]:
    """Invite users or email addresses to co-mentor the idea (see invite_co_mentors)."""
    with transaction.atomic():
        return invite_co_mentors(lock_idea(idea), invitees, by=by, message=message)


def answer_offer(offer: MentorOffer, *, by, accept: bool, holds_link: bool = False) -> MentorOffer:
    """Answer an offer (the idea's mentors or a manager) or an invitation (the invited
    person; ``holds_link``: answered from the link emailed to the address). Accepting adds
    the co-mentor as an edit of the mentors would."""
    with transaction.atomic():
        locked = lock_idea(offer.idea)
        offer = MentorOffer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
        offer.idea = locked
        if accept:
            others = mentor_count(locked) - (1 if offer.is_invitation and offer.is_pending else 0)
            permissions.can_accept_offer(
                by, offer, mentor_count=others, holds_link=holds_link
            ).enforce()
        else:
            permissions.can_answer_offer(by, offer, holds_link=holds_link).enforce()
        if offer.user_id is None:
            offer.user = by  # an email invitation, answered by whoever holds its link
        offer.status = Status.ACCEPTED if accept else Status.DECLINED
        offer.decided_by, offer.decided_at = by, timezone.now()
        offer.save(update_fields=["user", "status", "decided_by", "decided_at"])
        newcomer = offer.user
        assert newcomer is not None  # bound above
        if accept and all(link.user_id != newcomer.pk for link in locked.mentor_links.all()):
            content = IdeaContent.of(
                locked,
                summary=f"Added co-mentor {newcomer.get_display_name()}",
            )
            content.mentors = [*content.mentors, newcomer]
            save_content(locked, content, by=by, new_mentors=True)
        _tell_answer(locked, offer, by=by, accept=accept)
    return offer


def _tell_answer(locked: Idea, offer: MentorOffer, *, by, accept: bool) -> None:
    verb = Activity.Verb.MENTOR_ACCEPTED if accept else Activity.Verb.MENTOR_DECLINED
    activity = record(verb, by=by, program=locked.program, idea=locked)
    title = locked.title
    if offer.is_invitation:
        answer = "accepted" if accept else "declined"
        tell_mentors(
            locked,
            activity,
            Kind.MENTORING,
            f"{name_of(by)} {answer} the invitation to co-mentor “{title}”.",
        )
        return
    notify(
        Kind.MENTORING,
        recipients=[offer.user],
        event=f"activity:{activity.pk}",
        message=(
            f"You are now a co-mentor of “{title}”."
            if accept
            else f"Your offer to co-mentor “{title}” was declined, with thanks."
        ),
        url=locked.get_absolute_url(),
        actor=by,
    )


def decide_offer(offer: MentorOffer, *, by, accept: bool) -> MentorOffer:
    """The idea's mentors (or a manager) accept a volunteer as co-mentor, or decline."""
    return answer_offer(offer, by=by, accept=accept)
