from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_POST

from gsoc import extensions, permissions, queries, workflow
from gsoc.diff import diff_revisions
from gsoc.enums import IdeaState, Phase
from gsoc.filters import IdeaFilter
from gsoc.forms import IdeaForm, ProgramForm
from gsoc.models import Program
from gsoc.shortcuts import (
    add_model_errors,
    get_idea_for_user,
    get_program_for_user,
    idea_button,
    keep_for_resave,
    require,
)


def home(request):
    """The current program's ideas page; a welcome page when there is none yet."""
    program = Program.objects.current()
    preparing = list(
        Program.objects.visible_to(request.user).filter(phase=Phase.PREPARING).order_by("name")
    )
    if program is None:
        return render(
            request,
            "gsoc/home_empty.html",
            {
                "programs": Program.objects.public(),
                "preparing": preparing,
                "can_manage_programs": permissions.can_manage_programs(request.user),
            },
        )
    return _program_page(request, program, preparing=preparing)


def program_list(request):
    """All programs: the current ones and the archive."""
    programs = list(Program.objects.visible_to(request.user))
    return render(
        request,
        "gsoc/program_list.html",
        {
            "active": [p for p in programs if p.phase != Phase.ARCHIVED],
            "archived": [p for p in programs if p.phase == Phase.ARCHIVED],
            "can_manage_programs": permissions.can_manage_programs(request.user),
        },
    )


def program_detail(request, program_slug):
    program = get_program_for_user(request, program_slug)
    return _program_page(request, program)


def _program_page(request, program, *, preparing=()):
    user = request.user
    filterset = IdeaFilter(
        request.GET,
        queryset=queries.visible_ideas(user, program),
        program=program,
        skills=queries.program_skills(program, user),
        mentors=queries.program_mentors(program, user),
    )
    # An invalid filter (a skill that no longer exists, say) shows its error beside the
    # field and no ideas, rather than silently ignoring it.
    ideas = list(filterset.qs) if filterset.is_valid() else []
    by_state = {state: [] for state in IdeaState}
    for idea in ideas:
        by_state[idea.state].append(idea)
    sections = [
        ("final-list", "Final list", by_state[IdeaState.APPROVED]),
        ("community-reviewed", "Community reviewed", by_state[IdeaState.REVIEWED]),
        ("needs-review", "Ideas that need review", by_state[IdeaState.NEEDS_REVIEW]),
        ("drafts", "Drafts", by_state[IdeaState.DRAFT]),
        ("withdrawn", "Withdrawn", by_state[IdeaState.WITHDRAWN]),
    ]
    if program.phase != Phase.PUBLISHED:
        # Before publishing, approved ideas are simply community reviewed ones that a
        # manager has picked; they sit at the top as the final list in the making.
        sections[0] = (
            "final-list",
            "Approved for the final list (not yet published)",
            sections[0][2],
        )
    return render(
        request,
        "gsoc/program_detail.html",
        {
            "program": program,
            "preparing": [p for p in preparing if p.pk != program.pk],
            "filter": filterset,
            "sections": sections,
            "idea_count": len(ideas),
            "can_submit_idea": permissions.can_submit_idea(user, program),
            "can_manage_programs": permissions.can_manage_programs(user),
            "can_see_email_addresses": permissions.can_see_email_addresses(user),
        },
    )


def idea_detail(request, program_slug, idea_slug):
    idea = get_idea_for_user(request, program_slug, idea_slug)
    return render_idea_page(request, idea)


def render_idea_page(request, idea, *, status=200, **extra):
    """The idea page: the idea, then every registered panel (gsoc.extensions). Views that
    re-show it after an error pass what they bound in ``extra`` (a comment form, say)."""
    user = request.user
    templates, panel_context = extensions.panel_context(request, idea, extra)
    context = {
        "idea": idea,
        "program": idea.program,
        "mentors": idea.ordered_mentors(),
        "skills": list(idea.skills.all()),
        "can_edit": permissions.can_edit_idea(user, idea),
        "can_submit": permissions.can_submit_draft(user, idea),
        "can_withdraw": permissions.can_withdraw_idea(user, idea),
        "can_reopen": permissions.can_reopen_idea(user, idea),
        "can_see_email_addresses": permissions.can_see_email_addresses(user),
        "needs_verification": idea.needs_verification,
        "panels": templates,
        **panel_context,
    }
    return render(request, "gsoc/idea_detail.html", context, status=status)


@login_required
def idea_create(request, program_slug):
    program = get_program_for_user(request, program_slug)
    require(permissions.can_submit_idea(request.user, program))
    form = IdeaForm(request.POST or None, program=program, creating=True, submitter=request.user)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            idea = workflow.create_idea(program, form.content(), by=request.user, submit=submit)
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            if form.invited:
                messages.info(request, form.invitation_message())
            if submit:
                messages.success(request, "Your idea is submitted and now needs review.")
            else:
                messages.success(
                    request,
                    "Your idea is saved as a draft. Only you and co-mentors "
                    "(and managers) can see it until you submit it.",
                )
            return redirect(idea)
    return render(
        request,
        "gsoc/idea_form.html",
        {
            "form": form,
            "program": program,
            "creating": True,
            "skill_suggestions": queries.skill_suggestions(),
        },
    )


@login_required
def idea_edit(request, program_slug, idea_slug):
    idea = get_idea_for_user(request, program_slug, idea_slug, write=True)
    form = IdeaForm(request.POST or None, instance=idea, program=idea.program, creating=False)
    conflict, conflict_diffs = None, []
    if request.method == "POST" and form.is_valid():
        # A post without the version the editor loaded (a hand-made one) can't prove it saw
        # the current text: treat it as a conflict rather than silently overwrite.
        expected = form.cleaned_data.get("version") or 0
        try:
            idea = workflow.update_idea(
                idea, form.content(), by=request.user, expected_version=expected
            )
        except workflow.EditConflict as exc:
            conflict = exc.current
            content = form.content()
            mine = {
                **content.fields,
                "skills": sorted(content.skills),
                "mentors": [user.username for user in content.mentors],
            }
            conflict_diffs = diff_revisions(workflow.snapshot(conflict), mine)
            keep_for_resave(
                form,
                conflict.version,
                "Someone else saved this idea while you were editing it. Your text is kept "
                "below; compare it with the saved version, then save again to replace it.",
            )
        except ValidationError as exc:
            add_model_errors(form, exc)
        else:
            if form.invited:
                messages.info(request, form.invitation_message())
            messages.success(request, "Your changes are saved.")
            return redirect(idea)
    return render(
        request,
        "gsoc/idea_form.html",
        {
            "form": form,
            "program": idea.program,
            "idea": idea,
            "creating": False,
            "conflict": conflict,
            "conflict_diffs": conflict_diffs,
            "stale_warning": workflow.stale_edit_warning(idea),
            "skill_suggestions": queries.skill_suggestions(),
        },
    )


idea_submit = idea_button(workflow.submit, "Submitted: the idea now needs review.")
idea_withdraw = idea_button(
    workflow.withdraw, "Withdrawn: the idea is hidden from the public list. You can reopen it."
)
idea_reopen = idea_button(workflow.reopen, "Reopened as a draft. Submit it again when it is ready.")


@login_required
def program_create(request):
    require(permissions.can_manage_programs(request.user))
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = workflow.save_program(form.save(commit=False), by=request.user)
        messages.success(request, f"Program “{program.name}” created.")
        return redirect(program)
    return render(request, "gsoc/program_form.html", {"form": form, "program": None})


@login_required
def program_edit(request, program_slug):
    program = get_program_for_user(request, program_slug, manage=True)
    if program.is_archived:
        raise PermissionDenied("This program is archived and read-only.")
    original_slug = program.slug
    form = ProgramForm(request.POST or None, instance=program)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            program = workflow.save_program(
                form.save(commit=False),
                by=request.user,
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except workflow.EditConflict as exc:
            conflict = exc.current
            program.slug = original_slug
            keep_for_resave(
                form,
                conflict.version,
                "Someone else changed these settings while you were editing. Your values are "
                "kept below; save again to replace theirs.",
            )
        else:
            messages.success(request, "Program settings saved.")
            return redirect(program)
    return render(
        request,
        "gsoc/program_form.html",
        {"form": form, "program": get_object_or_404(Program, pk=program.pk), "conflict": conflict},
    )


@require_POST
def image_upload_disabled(request):
    """markdownx's image upload endpoint, switched off for everyone (no point in asking a
    visitor to log in first): ideas link to images instead."""
    raise PermissionDenied("Image upload is switched off; link to an image instead.")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real one."""
    return redirect(static("favicon.svg"), permanent=True)
