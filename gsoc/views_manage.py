"""The community manager's pages and the program-level actions."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gsoc import permissions, workflow
from gsoc.dashboard import readiness
from gsoc.models import Idea, Program
from gsoc.shortcuts import get_program_for_user, require, run_action


def program_actions(user, program) -> dict:
    """The program-level buttons of the dashboard, as verdicts."""
    return {
        "can_change_final_list": permissions.can_change_final_list(user, program),
        "can_open": permissions.can_open_program(user, program),
        "can_publish": permissions.can_publish_program(user, program),
        "can_archive": permissions.can_archive_program(user, program),
        "can_carry_forward": permissions.can_carry_forward_into(user, program),
    }


def _ids(values: list[str]) -> list[int]:
    """Idea ids from ticked boxes; anything else (or out of range) is ignored."""
    return [int(v) for v in values if v.isdecimal() and len(v) < 10 and v.isascii()]


@login_required
def dashboard(request, program_slug):
    program = get_program_for_user(request, program_slug, manage=True)
    context = readiness(program)
    context.update(
        {
            "program": program,
            **program_actions(request.user, program),
        }
    )
    return render(request, "gsoc/manage/dashboard.html", context)


@require_POST
@login_required
def final_list(request, program_slug):
    """Approve several reviewed ideas, or take several off the final list, at once."""
    program = get_program_for_user(request, program_slug, manage=True)
    ids = _ids(request.POST.getlist("ideas"))
    ideas = list(Idea.objects.filter(program=program, pk__in=ids).order_by("title"))
    if not ideas:
        messages.info(request, "Tick at least one idea first.")
        return redirect("gsoc:dashboard", program.slug)
    if request.POST.get("action") == "unapprove":
        done, problems = workflow.unapprove_many(ideas, by=request.user)
        verb = "taken off the final list"
    else:
        done, problems = workflow.approve_many(ideas, by=request.user)
        verb = "approved"
    if done:
        messages.success(request, f"{len(done)} idea{'s' if len(done) != 1 else ''} {verb}.")
    for problem in problems:
        messages.warning(request, problem)
    return redirect("gsoc:dashboard", program.slug)


def _program_button(action, done: str):
    """A POST-only manager's button of the program: the workflow checks the move."""

    @require_POST
    @login_required
    def view(request, program_slug):
        program = get_program_for_user(request, program_slug, manage=True)
        run_action(request, lambda: action(program, by=request.user), done)
        return redirect(program)

    return view


program_open = _program_button(
    workflow.open_program, "The program is open: ideas are public and reviews start."
)
program_publish = _program_button(
    workflow.publish_program, "The final list is published. Its mentors are told."
)


@login_required
def program_archive(request, program_slug):
    """Ask first (how many ideas are unfinished), then archive on POST."""
    program = get_program_for_user(request, program_slug, manage=True)
    unfinished = workflow.unpublished_idea_count(program)
    if request.method == "POST":
        archived = run_action(
            request,
            lambda: workflow.archive_program(
                program, by=request.user, confirm_unfinished=request.POST.get("confirm") == "yes"
            ),
            "The program is archived and read-only.",
        )
        return redirect(program) if archived else redirect("gsoc:program_archive", program.slug)
    return render(
        request,
        "gsoc/manage/program_archive.html",
        {"program": program, "unfinished": unfinished, "is_archived": program.is_archived},
    )


@login_required
def carry_forward(request, program_slug):
    """Pick ideas of an earlier program to start this one with."""
    target = get_program_for_user(request, program_slug, manage=True)
    sources = Program.objects.exclude(pk=target.pk)
    wanted = request.GET.get("from") or request.POST.get("from") or ""
    # No slug holds NUL, which PostgreSQL refuses in a query.
    source = sources.filter(slug=wanted.replace("\x00", "")).first()
    if source is None:
        source = sources.first()
    if request.method == "POST":
        ids = _ids(request.POST.getlist("ideas"))
        chosen = list(workflow.carryable_ideas(source, target).filter(pk__in=ids)) if source else []
        try:
            created = workflow.carry_forward(chosen, target, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if created:
                messages.success(
                    request,
                    f"{len(created)} idea{'s' if len(created) != 1 else ''} carried forward as "
                    "drafts. Their mentors verify or edit them before submitting.",
                )
                return redirect(target)
            messages.info(request, "Nothing new to carry forward: tick ideas not carried yet.")
    ideas = []
    already = set()
    if source:
        ideas = list(workflow.carryable_ideas(source, target))
        already = set(
            Idea.objects.filter(program=target, origin__program=source).values_list(
                "origin_id", flat=True
            )
        )
    return render(
        request,
        "gsoc/manage/carry_forward.html",
        {
            "program": target,
            "sources": sources,
            "source": source,
            "ideas": ideas,
            "already": already,
            "can_carry": permissions.can_carry_forward_into(request.user, target),
        },
    )


@login_required
def roles(request):
    """Grant and revoke the committer and manager roles."""
    require(permissions.can_manage_roles(request.user))
    if request.method == "POST":
        user_id = request.POST.get("user", "")
        # Not a number: no such user (rather than a ValueError from the lookup).
        user = get_object_or_404(get_user_model(), pk=user_id if user_id.isdecimal() else None)
        role = request.POST.get("role", "")
        granted = request.POST.get("grant") == "1"
        run_action(
            request,
            lambda: workflow.set_role(user, role, granted=granted, by=request.user),
            f"{user.get_display_name()} {'is now' if granted else 'is no longer'} "
            f"in the {role} group.",
        )
        return redirect(f"{request.path}?{urlencode({'q': request.POST.get('q', '')})}")
    # NUL can't be sent to PostgreSQL in a query; it matches nothing anyway.
    query = request.GET.get("q", "").replace("\x00", "").strip()
    users = get_user_model().objects.filter(is_active=True).prefetch_related("groups")
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(display_name__icontains=query)
            | Q(email__icontains=query)
        )
    page = Paginator(users.order_by("username"), 50).get_page(request.GET.get("page"))
    for user in page.object_list:
        names = {group.name for group in user.groups.all()}
        user.is_committer_role = permissions.COMMITTERS_GROUP in names
        user.is_manager_role = permissions.MANAGERS_GROUP in names
    return render(request, "gsoc/manage/roles.html", {"page": page, "q": query})
