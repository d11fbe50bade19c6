import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gsoc.shortcuts import get_idea_for_user, require, run_action
from students import permissions, queries, workflow
from students.forms import InterestForm


@require_POST
@login_required
def interest_register(request, program_slug, idea_slug):
    idea = get_idea_for_user(request, program_slug, idea_slug)
    form = InterestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("note", ["Check the note."])))
        return redirect(f"{idea.get_absolute_url()}#interest")
    run_action(
        request,
        lambda: workflow.register_interest(idea, by=request.user, note=form.cleaned_data["note"]),
        "Your interest is registered. The mentors are told and can reach you by email.",
        refused_level=messages.INFO,
    )
    return redirect(f"{idea.get_absolute_url()}#interest")


@require_POST
@login_required
def interest_withdraw(request, program_slug, idea_slug):
    idea = get_idea_for_user(request, program_slug, idea_slug)
    run_action(
        request,
        lambda: workflow.withdraw_interest(idea, by=request.user),
        "Your interest is withdrawn. You can register again any time.",
        refused_level=messages.INFO,
    )
    return redirect(f"{idea.get_absolute_url()}#interest")


@login_required
def interested_students(request, program_slug, idea_slug):
    """Who is interested: for the idea's mentors and managers, as a page or CSV."""
    idea = get_idea_for_user(request, program_slug, idea_slug)
    require(permissions.can_see_interested_students(request.user, idea))
    interests = list(queries.interested_students(idea))
    if request.GET.get("format") == "csv":
        return _csv_response(idea, interests)
    return render(
        request,
        "students/interested_students.html",
        {"idea": idea, "program": idea.program, "interests": interests},
    )


def _cell(value: str) -> str:
    # Spreadsheets run cells starting with these as formulas (CSV injection).
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_response(idea, interests) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="interest-{idea.program.slug}-{idea.slug}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["name", "username", "email", "note", "registered_at"])
    for interest in interests:
        student = interest.student
        writer.writerow(
            [
                _cell(student.get_display_name()),
                _cell(student.username),
                _cell(student.email),
                _cell(interest.note),
                interest.created_at.isoformat(),
            ]
        )
    return response


@login_required
def my_interests(request):
    return render(
        request,
        "students/my_interests.html",
        {"interests": list(queries.interests_of(request.user))},
    )
