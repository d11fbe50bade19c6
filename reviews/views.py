from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gsoc import permissions as idea_permissions
from gsoc import queries as idea_queries
from gsoc.shortcuts import get_idea_for_user, keep_for_resave, require, run_action
from gsoc.views import render_idea_page
from reviews import permissions, queries, workflow
from reviews.forms import CommentEditForm, CommentForm, HideForm
from reviews.models import ReviewComment


def _get_comment(request, pk) -> ReviewComment:
    """The comment, or 404 if the user may not see its idea."""
    comment = get_object_or_404(
        ReviewComment.objects.select_related("idea__program", "author"), pk=pk
    )
    idea = get_idea_for_user(request, comment.idea.program.slug, comment.idea.slug)
    comment.idea = idea
    return comment


def _back_to(comment: ReviewComment):
    return redirect(f"{comment.idea.get_absolute_url()}#comment-{comment.pk}")


@require_POST
@login_required
def comment_create(request, program_slug, idea_slug):
    idea = get_idea_for_user(request, program_slug, idea_slug)
    require(permissions.can_comment(request.user, idea))
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
    require(permissions.can_edit_comment(request.user, comment))
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
    require(permissions.can_moderate_comments(request.user))
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
            "awaiting_sign_off": list(idea_queries.ideas_awaiting_sign_off(user)[:50])
            if is_committer
            else [],
            "stale_sign_offs": list(idea_queries.stale_sign_offs_of(user)) if is_committer else [],
            "invitations": list(idea_queries.invitations_for(user)),
            "needing_reviews": list(queries.ideas_needing_reviews(user)),
        },
    )
