"""The core's panels of the idea page: co-mentoring, sign-offs, latest activity.

Registered in ``GsocConfig.ready()``; apps on top register theirs the same way
(``gsoc.extensions``).
"""

from __future__ import annotations

from gsoc import history, permissions, queries
from gsoc.extensions import Panel, register_panel
from gsoc.workflow import mentor_count, stale_edit_warning

TIMELINE_ON_IDEA_PAGE = 8


def mentoring_context(request, idea, extra: dict) -> dict:
    """Offers to co-mentor and invitations, each with what the viewer may do about it."""
    user = request.user
    offers = queries.pending_offers(idea) if user.is_authenticated else []
    count = mentor_count(idea) if offers else 0
    for offer in offers:
        others = count - (1 if offer.is_invitation else 0)
        offer.can_accept = permissions.can_accept_offer(user, offer, mentor_count=others)
        offer.can_decline = permissions.can_answer_offer(user, offer)
    mine = next((o for o in offers if o.user_id == user.pk and not o.is_invitation), None)
    can_edit = permissions.can_edit_idea(user, idea)
    answerable = [o for o in offers if o.can_decline]
    return {
        "volunteer_offers": [
            o for o in offers if not o.is_invitation and (o.can_decline or can_edit)
        ],
        "invitations": [o for o in offers if o.is_invitation and (can_edit or o.can_decline)],
        "my_offer": mine,
        "can_offer_to_mentor": permissions.can_offer_to_mentor(
            user, idea, has_pending=mine is not None
        ),
        # Accepting a co-mentor changes the mentors, a reviewed field.
        "accept_warning": stale_edit_warning(idea) if answerable else "",
        "mentor_limit_reached": not permissions.mentor_room(count) if answerable else False,
    }


def sign_off_context(request, idea, extra: dict) -> dict:
    user = request.user
    sign_offs = queries.sign_offs_of(idea)
    mine = next((s for s in sign_offs if s.committer_id == user.pk), None)
    current = sum(1 for s in sign_offs if s.is_current)
    return {
        "sign_offs": sign_offs,
        "current_sign_off_count": current,
        "awaits_re_sign_off": idea.awaits_re_sign_off(current),
        "my_sign_off": mine,
        "can_sign_off": permissions.can_sign_off(user, idea, mine),
        "can_withdraw_sign_off": permissions.can_withdraw_sign_off(user, idea, mine),
        "can_approve": permissions.can_approve(user, idea),
        "can_unapprove": permissions.can_unapprove(user, idea),
    }


def timeline_context(request, idea, extra: dict) -> dict:
    return {"timeline": history.idea_timeline(idea, request.user, limit=TIMELINE_ON_IDEA_PAGE)}


def register() -> None:
    register_panel(Panel("mentoring", "gsoc/_mentoring_panel.html", mentoring_context, 10))
    register_panel(Panel("sign-offs", "gsoc/_sign_off_panel.html", sign_off_context, 30))
    register_panel(Panel("timeline", "gsoc/_timeline_panel.html", timeline_context, 90))
