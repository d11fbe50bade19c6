"""An idea's history (revisions, diffs, restore) and the site's recent changes."""

from itertools import groupby

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gsoc import history, permissions, workflow
from gsoc.diff import diff_revisions
from gsoc.models import IdeaRevision, Program
from gsoc.shortcuts import get_idea_for_user


def _history_url(idea) -> str:
    return reverse("gsoc:idea_history", args=[idea.program.slug, idea.slug])


def idea_history(request, program_slug, idea_slug):
    """Every revision of the idea, to compare or restore, and the idea's activity timeline."""
    idea = get_idea_for_user(request, program_slug, idea_slug)
    revisions = list(history.idea_revisions(idea))
    can_restore = permissions.can_edit_idea(request.user, idea)
    return render(
        request,
        "gsoc/history/idea_history.html",
        {
            "idea": idea,
            "program": idea.program,
            "revisions": revisions,
            "timeline": history.idea_timeline(idea, request.user, revisions=revisions),
            "can_restore": can_restore,
            "stale_warning": workflow.stale_edit_warning(idea) if can_restore else "",
        },
    )


def _version(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404("Pick two revisions to compare.") from None
    if not 1 <= number < 2**31:
        raise Http404("No such revision.")
    return number


def idea_diff(request, program_slug, idea_slug):
    """Two revisions of the idea field by field, the older one first."""
    idea = get_idea_for_user(request, program_slug, idea_slug)
    old, new = sorted((_version(request.GET.get("old")), _version(request.GET.get("new"))))
    found = history.revisions_by_version(idea, (old, new))
    if old not in found or new not in found:
        raise Http404("No such revision of this idea.")
    old_revision, new_revision = found[old], found[new]
    return render(
        request,
        "gsoc/history/idea_diff.html",
        {
            "idea": idea,
            "program": idea.program,
            "old": old_revision,
            "new": new_revision,
            "diffs": diff_revisions(old_revision.data, new_revision.data),
            "previous_change": (old - 1, old) if old > 1 else None,
            "next_change": (new, new + 1) if new < idea.version else None,
            "can_restore": (permissions.can_edit_idea(request.user, idea) and old != idea.version),
        },
    )


@require_POST
@login_required
def idea_restore(request, program_slug, idea_slug, version):
    """Save an old revision's content again as a new revision (mentors and managers)."""
    idea = get_idea_for_user(request, program_slug, idea_slug, write=True)
    revision = get_object_or_404(IdeaRevision, idea=idea, version=version)
    try:
        expected = int(request.POST.get("expected_version", ""))
    except ValueError:
        # A post that can't say which version it saw can't prove it is not overwriting.
        expected = 0
    try:
        restored = workflow.restore_revision(
            idea, revision, by=request.user, expected_version=expected
        )
    except workflow.EditConflict as exc:
        messages.error(
            request,
            f"Nothing was restored: someone saved revision {exc.current.version} after you "
            "opened this page. Look at the newest revision, then restore again if you still "
            "want to.",
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if restored.version == idea.version:
            messages.info(
                request, f"Revision {version} is the same as the current text: nothing changed."
            )
        else:
            messages.success(
                request, f"Restored revision {version}; it is now revision {restored.version}."
            )
    return redirect(_history_url(idea))


def _by_day(rows) -> list[tuple]:
    """[(local date, rows of that day)], keeping the order."""
    return [
        (day, list(group))
        for day, group in groupby(rows, key=lambda row: timezone.localdate(row.when))
    ]


class RecentChangesFilterForm(forms.Form):
    """The recent changes filters, shared by the page and its Atom feed."""

    program = forms.ChoiceField(required=False, widget=forms.Select(attrs={"class": "form-select"}))
    kind = forms.ChoiceField(required=False, widget=forms.Select(attrs={"class": "form-select"}))
    person = forms.CharField(
        required=False,
        max_length=150,
        label="Person (username)",
        widget=forms.TextInput(attrs={"class": "form-control", "autocapitalize": "none"}),
    )

    def __init__(self, data, *, user, programs):
        super().__init__(data)
        self.fields["program"].choices = [("", "All programs")] + [
            (program.slug, program.name) for program in programs
        ]
        self.fields["kind"].choices = [("", "All kinds")] + history.kind_choices(user)

    def filters(self) -> dict:
        data = self.cleaned_data
        return {"program": data["program"], "kind": data["kind"], "person": data["person"]}


def filter_form(request, user) -> RecentChangesFilterForm:
    """The filter form bound to the query string; ``user`` decides the program choices."""
    programs = Program.objects.visible_to(user)
    return RecentChangesFilterForm(
        request.GET, user=user, programs=programs.only("slug", "name").order_by("-created_at")
    )


def recent_changes(request):
    """Everything that happened on the site that the viewer may see, newest first."""
    user = request.user
    form = filter_form(request, user)
    # An invalid filter (a program that doesn't exist) shows its error and no rows,
    # rather than silently showing everything.
    activities = (
        history.recent_changes(user, **form.filters())
        if form.is_valid()
        else history.visible_activities(user).none()
    )
    page = Paginator(activities, history.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    feed_url = reverse("gsoc:recent_changes_feed")
    if query:
        feed_url += "?" + query.urlencode()
    return render(
        request,
        "gsoc/history/recent_changes.html",
        {
            "form": form,
            "page": page,
            "days": _by_day(history.describe_many(page.object_list, user)),
            "feed_url": feed_url,
            "is_filtered": any(form.cleaned_data.values()) if form.is_valid() else True,
        },
    )
