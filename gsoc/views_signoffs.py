"""Sign-offs and the final list, from the idea page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gsoc import history, permissions, workflow
from gsoc.diff import diff_revisions
from gsoc.forms import SignOffForm
from gsoc.models import SignOff
from gsoc.shortcuts import get_idea_for_user, idea_button, run_action


def _idea_action(request, program_slug, idea_slug, action, done):
    idea = get_idea_for_user(request, program_slug, idea_slug)
    run_action(request, lambda: action(idea), done, refused_level=messages.INFO)
    return redirect(idea)


@require_POST
@login_required
def sign_off(request, program_slug, idea_slug):
    form = SignOffForm(request.POST)
    if not form.is_valid():
        # Never sign without the note the committer wrote; say what is wrong with it.
        idea = get_idea_for_user(request, program_slug, idea_slug)
        messages.error(request, "Not signed off: " + " ".join(form.errors["note"]))
        return redirect(idea)
    note = form.cleaned_data["note"]
    return _idea_action(
        request,
        program_slug,
        idea_slug,
        lambda idea: workflow.sign_off(idea, by=request.user, note=note),
        "Signed off. Thank you for reviewing.",
    )


sign_off_withdraw = idea_button(workflow.withdraw_sign_off, "Your sign-off is withdrawn.")
approve = idea_button(workflow.approve, "Approved: the idea is on the final list.")
unapprove = idea_button(
    workflow.unapprove, "Taken off the final list; it stays community reviewed."
)


@login_required
def changes_since_sign_off(request, program_slug, idea_slug):
    """What changed in the idea since this committer's sign-off, with a one-click re-sign."""
    idea = get_idea_for_user(request, program_slug, idea_slug)
    signed = get_object_or_404(SignOff.objects.active(), idea=idea, committer=request.user)
    revisions = history.revisions_by_version(idea, (signed.version, idea.version))
    old, new = revisions.get(signed.version), revisions.get(idea.version)
    diffs = diff_revisions(old.data, new.data) if old and new else []
    return render(
        request,
        "gsoc/changes_since_sign_off.html",
        {
            "idea": idea,
            "program": idea.program,
            "signed": signed,
            "diffs": diffs,
            "is_current": signed.is_current_for(idea),
            "can_sign_off": permissions.can_sign_off(request.user, idea, signed),
        },
    )
