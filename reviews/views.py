from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gsoc import permissions as idea_permissions
from gsoc import workflow as idea_workflow
from gsoc.diff import diff_revisions
from gsoc.models import IdeaRevision
from gsoc.views import keep_for_resave, render_idea_page, run_action
from reviews import permissions, queries, workflow
from reviews.forms import CommentEditForm, CommentForm, HideForm, SignOffForm
from reviews.models import ReviewComment, SignOff


def _get_comment(request, pk) -> ReviewComment:
    """The comment, or 404 if the user may not see its idea."""
    comment = get_object_or_404(
        ReviewComment.objects.select_related("idea__program", "author"), pk=pk
    )
    idea = idea_permissions.get_idea_for_user(request, comment.idea.program.slug, comment.idea.slug)
    comment.idea = idea
    return comment


def _back_to(comment: ReviewComment):
    return redirect(f"{comment.idea.get_absolute_url()}#comment-{comment.pk}")


@require_POST
@login_required
def comment_create(request, program_slug, idea_slug):
    idea = idea_permissions.get_idea_for_user(request, program_slug, idea_slug)
    if not permissions.can_comment(request.user, idea):
        raise PermissionDenied("You can't comment on this idea.")
    form = CommentForm(request.POST)
    parent = None
    if form.is_valid() and form.cleaned_data.get("parent"):
        parent = ReviewComment.objects.filter(pk=form.cleaned_data["parent"], idea=idea).first()
        if parent is None:
            form.add_error(None, "The comment you replied to no longer exists.")
    if form.is_valid():
        try:
            comment = workflow.add_comment(
                idea,
                by=request.user,
                body=form.cleaned_data["body"],
                rubric=form.rubric(),
                parent=parent,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Your comment is posted.")
            return _back_to(comment)
    # Re-show the idea page with the typed text and the errors next to the fields.
    return render_idea_page(request, idea, comment_form=form, status=400)


@login_required
def comment_edit(request, pk):
    comment = _get_comment(request, pk)
    if not permissions.can_edit_comment(request.user, comment):
        raise PermissionDenied("Only the author can edit this comment.")
    form = CommentEditForm(
        request.POST or None, initial={"body": comment.body, "version": comment.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            comment = workflow.edit_comment(
                comment,
                by=request.user,
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data["version"],
            )
        except workflow.CommentConflict as exc:
            conflict = exc.current
            keep_for_resave(
                form,
                conflict.version,
                "This comment was changed in another window while you were editing. Your "
                "text is kept below; save again to replace the newer text.",
            )
        else:
            messages.success(request, "Your comment is updated; the earlier text stays visible.")
            return _back_to(comment)
    return render(
        request,
        "reviews/comment_edit.html",
        {"form": form, "comment": comment, "idea": comment.idea, "conflict": conflict},
    )


def comment_history(request, pk):
    comment = _get_comment(request, pk)
    if comment.is_hidden and not permissions.can_see_hidden_comment(request.user, comment):
        raise Http404("No such comment.")
    return render(
        request,
        "reviews/comment_history.html",
        {"comment": comment, "idea": comment.idea, "revisions": comment.revisions.all()},
    )


def _comment_action(request, pk, action, done):
    comment = _get_comment(request, pk)
    run_action(request, lambda: action(comment), done, refused_level=messages.INFO)
    return _back_to(comment)


@require_POST
@login_required
def comment_address(request, pk):
    return _comment_action(
        request,
        pk,
        lambda c: workflow.set_addressed(c, by=request.user, addressed=True),
        "Marked addressed. It is folded away under “addressed comments”.",
    )


@require_POST
@login_required
def comment_reopen(request, pk):
    return _comment_action(
        request,
        pk,
        lambda c: workflow.set_addressed(c, by=request.user, addressed=False),
        "The comment is open again.",
    )


@login_required
def comment_hide(request, pk):
    comment = _get_comment(request, pk)
    if not permissions.can_moderate_comments(request.user):
        raise PermissionDenied("Only community managers can hide comments.")
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run_action(
            request,
            lambda: workflow.hide_comment(
                comment, by=request.user, reason=form.cleaned_data["reason"]
            ),
            "The comment is hidden. Its author and managers still see it.",
            refused_level=messages.INFO,
        )
        return _back_to(comment)
    return render(
        request,
        "reviews/comment_hide.html",
        {"form": form, "comment": comment, "idea": comment.idea},
    )


@require_POST
@login_required
def comment_unhide(request, pk):
    return _comment_action(
        request,
        pk,
        lambda c: workflow.unhide_comment(c, by=request.user),
        "The comment is shown again.",
    )


def _idea_action(request, program_slug, idea_slug, action, done):
    idea = idea_permissions.get_idea_for_user(request, program_slug, idea_slug)
    run_action(request, lambda: action(idea), done, refused_level=messages.INFO)
    return redirect(idea)


@require_POST
@login_required
def sign_off(request, program_slug, idea_slug):
    form = SignOffForm(request.POST)
    if not form.is_valid():
        # Never sign without the note the committer wrote; say what is wrong with it.
        idea = idea_permissions.get_idea_for_user(request, program_slug, idea_slug)
        messages.error(request, "Not signed off: " + " ".join(form.errors["note"]))
        return redirect(idea)
    note = form.cleaned_data["note"]
    return _idea_action(
        request,
        program_slug,
        idea_slug,
        lambda idea: idea_workflow.sign_off(idea, by=request.user, note=note),
        "Signed off. Thank you for reviewing.",
    )


@require_POST
@login_required
def sign_off_withdraw(request, program_slug, idea_slug):
    return _idea_action(
        request,
        program_slug,
        idea_slug,
        lambda idea: idea_workflow.withdraw_sign_off(idea, by=request.user),
        "Your sign-off is withdrawn.",
    )


@require_POST
@login_required
def approve(request, program_slug, idea_slug):
    return _idea_action(
        request,
        program_slug,
        idea_slug,
        lambda idea: idea_workflow.approve(idea, by=request.user),
        "Approved: the idea is on the final list.",
    )


@require_POST
@login_required
def unapprove(request, program_slug, idea_slug):
    return _idea_action(
        request,
        program_slug,
        idea_slug,
        lambda idea: idea_workflow.unapprove(idea, by=request.user),
        "Taken off the final list; it stays community reviewed.",
    )


@login_required
def changes_since_sign_off(request, program_slug, idea_slug):
    """What changed in the idea since this committer's sign-off, with a one-click re-sign."""
    idea = idea_permissions.get_idea_for_user(request, program_slug, idea_slug)
    signed = get_object_or_404(SignOff.objects.active(), idea=idea, committer=request.user)
    revisions = {
        r.version: r
        for r in IdeaRevision.objects.filter(idea=idea, version__in=[signed.version, idea.version])
    }
    old, new = revisions.get(signed.version), revisions.get(idea.version)
    diffs = diff_revisions(old.data, new.data) if old and new else []
    return render(
        request,
        "reviews/changes_since_sign_off.html",
        {
            "idea": idea,
            "program": idea.program,
            "signed": signed,
            "diffs": diffs,
            "is_current": signed.is_current_for(idea),
            "can_sign_off": permissions.can_sign_off(request.user, idea),
        },
    )


@login_required
def my_work(request):
    """One page per person: what waits for them as mentor, committer and reviewer."""
    user = request.user
    is_committer = idea_permissions.is_committer(user)
    return render(
        request,
        "reviews/my_work.html",
        {
            "mentor_ideas": list(queries.mentor_ideas(user)),
            "is_committer": is_committer,
            "awaiting_sign_off": list(queries.ideas_awaiting_sign_off(user)[:50])
            if is_committer
            else [],
            "stale_sign_offs": list(queries.stale_sign_offs_of(user)) if is_committer else [],
            "needing_reviews": list(queries.ideas_needing_reviews(user)),
        },
    )
