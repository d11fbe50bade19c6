"""Co-mentoring from the idea page (offers, invitations, answers) and verifying ideas."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gsoc import permissions, workflow
from gsoc.models import MentorOffer
from gsoc.shortcuts import get_idea_for_user, run_action


def _to_panel(idea):
    return redirect(f"{idea.get_absolute_url()}#mentoring")


@require_POST
@login_required
def idea_verify(request, program_slug, idea_slug):
    idea = get_idea_for_user(request, program_slug, idea_slug)
    run_action(
        request,
        lambda: workflow.verify(idea, by=request.user),
        "Marked as verified for this program today.",
    )
    return redirect(idea)


@require_POST
@login_required
def mentor_offer(request, program_slug, idea_slug):
    idea = get_idea_for_user(request, program_slug, idea_slug)
    message = request.POST.get("message", "")
    if len(message) > 500 or "\x00" in message:
        # Refused with a message rather than cut short (or, NUL, failing in PostgreSQL).
        messages.error(request, "Not sent: keep the message under 500 characters of text.")
        return _to_panel(idea)
    run_action(
        request,
        lambda: workflow.offer_to_mentor(idea, by=request.user, message=message),
        "Thank you! The idea's mentors are told and will answer.",
        refused_level=messages.INFO,
    )
    return _to_panel(idea)


def _done(offer: MentorOffer, accept: bool) -> str:
    if offer.is_invitation:
        return (
            "Welcome aboard: you are now a co-mentor of this idea."
            if accept
            else "You declined the invitation; the mentors are told."
        )
    name = offer.user.get_display_name()
    return (
        f"{name} is now a co-mentor." if accept else "The offer is declined; the volunteer is told."
    )


@require_POST
@login_required
def mentor_offer_decide(request, program_slug, idea_slug, pk):
    """Accept or decline an offer (the idea's mentors) or an invitation (the invitee)."""
    idea = get_idea_for_user(request, program_slug, idea_slug)
    offer = get_object_or_404(MentorOffer, pk=pk, idea=idea)
    accept = request.POST.get("accept") == "1"
    run_action(
        request,
        lambda: workflow.answer_offer(offer, by=request.user, accept=accept),
        _done(offer, accept),
        refused_level=messages.INFO,
    )
    return _to_panel(idea)


@login_required
def mentor_invitation(request, token):
    """The page an invitation email links to: who invites, to what; accept or decline."""
    offer = (
        MentorOffer.objects.filter(token=token[:64], kind=MentorOffer.Kind.INVITATION)
        .select_related("idea__program", "invited_by", "user")
        .first()
    )
    if offer is None:
        raise Http404("No such invitation.")
    if request.method == "POST":
        accept = request.POST.get("accept") == "1"
        if (
            run_action(
                request,
                lambda: workflow.answer_offer(
                    offer, by=request.user, accept=accept, holds_link=True
                ),
                _done(offer, accept),
                refused_level=messages.INFO,
            )
            and accept
        ):
            return redirect(offer.idea)
        return redirect("gsoc:mentor_invitation", token)
    return render(
        request,
        "gsoc/mentor_invitation.html",
        {
            "offer": offer,
            "idea": offer.idea,
            "can_answer": permissions.can_answer_offer(request.user, offer, holds_link=True),
        },
    )
