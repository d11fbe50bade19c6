"""Helpers the views of every app share: fetch-and-authorise, and running a workflow call
behind a button. Imports no views, so any app's views may use it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from gsoc import permissions
from gsoc.models import Idea, IdeaMentor, MentorOffer, Program


def require(verdict: permissions.Verdict) -> None:
    """A view's gate: any refusal is a 403 with the verdict's reason."""
    if not verdict:
        raise PermissionDenied(verdict.reason)


def get_program_for_user(request, program_slug: str, *, manage: bool = False) -> Program:
    """The program, or 404 if the user may not see it; 403 if ``manage`` and not a manager."""
    program = get_object_or_404(Program, slug=program_slug)
    if not permissions.can_view_program(request.user, program):
        raise Http404("No such program.")
    if manage:
        require(permissions.can_manage_programs(request.user))
    return program


def with_invitees(idea: Idea, user) -> Idea:
    """Set ``idea.pending_invitee_ids`` (the viewer, if invited) for the visibility rule."""
    invited = MentorOffer.objects.invitations_for(user).filter(idea=idea).exists()
    idea.pending_invitee_ids = {user.pk} if invited else set()
    return idea


def get_idea_for_user(request, program_slug: str, idea_slug: str, *, write: bool = False) -> Idea:
    """The idea, or 404 to those who may not see it and 403 to those who may not change it
    (``write``), with its program, origin and mentors loaded."""
    idea = get_object_or_404(
        Idea.objects.select_related("program", "origin__program").prefetch_related(
            Prefetch("mentor_links", queryset=IdeaMentor.objects.select_related("user"))
        ),
        program__slug=program_slug,
        slug=idea_slug,
    )
    user = request.user
    if not permissions.can_view_idea(user, idea) and user.is_authenticated:
        with_invitees(idea, user)
    if not permissions.can_view_idea(user, idea):
        raise Http404("No such idea.")
    if write:
        require(permissions.can_edit_idea(user, idea))
    return idea


def run_action(
    request, action: Callable[[], object], done: str, *, refused_level: int = messages.ERROR
) -> bool:
    """Run a workflow call behind a button: ``done`` on success, the workflow's own words
    when it refuses (a ValidationError). PermissionDenied passes through as a 403."""
    try:
        action()
    except ValidationError as exc:
        messages.add_message(request, refused_level, " ".join(exc.messages))
        return False
    messages.success(request, done)
    return True


def idea_button(action: Callable[..., object], done: str, *, refused_level: int = messages.INFO):
    """A POST-only view behind a button of the idea page: ``action(idea, by=user)`` runs
    through the workflow, which checks its rule (403, or the reason as a message)."""

    @require_POST
    @login_required
    def view(request, program_slug: str, idea_slug: str):
        idea = get_idea_for_user(request, program_slug, idea_slug)
        run_action(
            request, lambda: action(idea, by=request.user), done, refused_level=refused_level
        )
        return redirect(idea)

    view.__doc__ = action.__doc__
    return view


def add_model_errors(form, exc: ValidationError) -> None:
    """Show a workflow's ValidationError next to the form's fields it names."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def keep_for_resave(form, current_version: int, message: str) -> None:
    """An edit conflict: the form keeps what the user typed, says why it wasn't saved, and
    carries the newer version so that saving again deliberately replaces it."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data["version"] = current_version
