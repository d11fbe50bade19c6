"""Reads for an idea's history and the site's recent changes, with their joins set once.

Privacy of the activity log lives here, next to the reads (DOMAIN.md, "Who sees what"):
activities about drafts and withdrawn ideas are for their mentors and managers, role
changes for managers, and a student's interest is shown without their name except to
the idea's mentors and managers. No email address is ever part of a row.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, replace
from datetime import datetime
from functools import reduce

from django.db.models import Q, QuerySet

from gsoc import permissions
from gsoc.diff import FIELD_LABELS
from gsoc.enums import PUBLIC_PHASES, PUBLIC_STATES
from gsoc.models import Activity, Idea, IdeaMentor, IdeaRevision, Program

Verb = Activity.Verb

INTEREST_VERBS = (Verb.INTEREST_REGISTERED, Verb.INTEREST_WITHDRAWN)
ROLE_VERBS = (Verb.ROLE_GRANTED, Verb.ROLE_REVOKED)
PAGE_SIZE = 50

# What the "kind" filter calls each verb; a verb added later falls back to its label.
KIND_LABELS = {
    Verb.CREATED: "Idea created",
    Verb.EDITED: "Idea edited",
    Verb.RESTORED: "Revision restored",
    Verb.SUBMITTED: "Submitted for review",
    Verb.WITHDRAWN: "Idea withdrawn",
    Verb.REOPENED: "Idea reopened",
    Verb.VERIFIED: "Idea verified",
    Verb.SIGNED_OFF: "Signed off",
    Verb.SIGN_OFF_WITHDRAWN: "Sign-off withdrawn",
    Verb.REVIEWED: "Became community reviewed",
    Verb.BACK_TO_REVIEW: "Back to review (stale sign-offs)",
    Verb.APPROVED: "Approved",
    Verb.UNAPPROVED: "Taken off the final list",
    Verb.COMMENTED: "Review comment",
    Verb.COMMENT_EDITED: "Review comment edited",
    Verb.ADDRESSED: "Comment addressed",
    Verb.UNADDRESSED: "Comment reopened",
    Verb.COMMENT_HIDDEN: "Comment hidden",
    Verb.COMMENT_UNHIDDEN: "Comment unhidden",
    Verb.INTEREST_REGISTERED: "Interest registered",
    Verb.INTEREST_WITHDRAWN: "Interest withdrawn",
    Verb.PROGRAM_CREATED: "Program created",
    Verb.PROGRAM_OPENED: "Program opened",
    Verb.PROGRAM_PUBLISHED: "Final list published",
    Verb.PROGRAM_ARCHIVED: "Program archived",
    Verb.PROGRAM_EDITED: "Program settings edited",
    Verb.CARRIED_FORWARD: "Carried forward",
    Verb.MENTOR_OFFERED: "Co-mentor offer",
    Verb.MENTOR_ACCEPTED: "Co-mentor accepted",
    Verb.MENTOR_DECLINED: "Co-mentor declined",
    Verb.ROLE_GRANTED: "Role granted",
    Verb.ROLE_REVOKED: "Role revoked",
}

# Verbs whose sentence doesn't read as "<who> <label> <target>".
_PHRASES = {
    Verb.SUBMITTED: ("submitted", "for review"),
    Verb.PROGRAM_CREATED: ("created the program", ""),
    Verb.PROGRAM_OPENED: ("opened", "for ideas"),
    Verb.PROGRAM_EDITED: ("edited the settings of", ""),
    Verb.PROGRAM_ARCHIVED: ("archived", ""),
    Verb.BACK_TO_REVIEW: ("", "went back to review: its sign-offs are stale or withdrawn"),
    Verb.REVIEWED: ("", "became community reviewed"),
}


def kind_choices(user) -> list[tuple[str, str]]:
    """The verbs offered by the recent changes filter; role changes only for managers."""
    return [
        (verb.value, KIND_LABELS.get(verb, verb.label.capitalize()))
        for verb in Verb
        if verb not in ROLE_VERBS or permissions.is_manager(user)
    ]


@dataclass(frozen=True)
class Row:
    """One activity as a person may see it: "<who> <before> <target> <after>. <note>"."""

    pk: int
    verb: str
    when: datetime
    who: str
    before: str
    target: str
    after: str
    url: str
    note: str
    program: Program | None
    idea: Idea | None

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.who, self.before, self.target, self.after) if part)


# Reads


def idea_revisions(idea: Idea) -> QuerySet[IdeaRevision]:
    """The idea's revisions newest first, with authors, without their snapshots."""
    return (
        IdeaRevision.objects.filter(idea=idea)
        .select_related("author")
        .defer("data")
        .order_by("-version")
    )


def revisions_by_version(idea: Idea, versions) -> dict[int, IdeaRevision]:
    """Revisions of this idea with these numbers, snapshots included, keyed by number.

    Numbers are per idea, so a revision of another idea can never be addressed."""
    return {
        revision.version: revision
        for revision in IdeaRevision.objects.filter(
            idea=idea, version__in=set(versions)
        ).select_related("author")
    }


def idea_timeline(idea: Idea, user, *, revisions=(), limit: int | None = None) -> list[Row]:
    """The idea's activities newest first, as rows ``user`` may see.

    ``user`` must be allowed to view the idea. Edit summaries come from ``revisions``
    (the history page has them loaded already), so this runs one query.
    """
    can_name = permissions.is_manager(user) or permissions.is_mentor_of(user, idea)
    summaries = {revision.version: revision.summary for revision in revisions}
    activities = Activity.objects.filter(idea=idea).select_related("actor")
    if limit is not None:
        activities = activities[:limit]
    rows = []
    for activity in activities:
        # The idea and program are the ones on the page: reuse them, no query per row.
        activity.idea, activity.program = idea, idea.program
        row = describe(activity, can_name_student=can_name, summaries=summaries)
        # On the idea's own page its title in every row is noise.
        this = "This idea" if not (row.who or row.before) else "this idea"
        rows.append(replace(row, target=this, url=""))
    return rows


def visible_activities(user) -> QuerySet[Activity]:
    """Every activity ``user`` may see, newest first, with what a row shows joined in.

    Managers see all. Others: no role changes; activities of ideas only while the idea is
    public or ``user`` mentors it; programs in preparation only when signed in.
    """
    activities = Activity.objects.select_related("actor", "program", "idea__program")
    if permissions.is_manager(user):
        return activities
    idea_visible = Q(idea__isnull=True) | Q(idea__state__in=PUBLIC_STATES)
    visible = Q(program__isnull=False)
    if user.is_authenticated:
        idea_visible |= Q(idea__in=_mentored_idea_ids(user))
    else:
        visible &= Q(program__phase__in=PUBLIC_PHASES)
    return activities.filter(visible & idea_visible)


def _mentored_idea_ids(user) -> QuerySet:
    return IdeaMentor.objects.filter(user=user).values("idea_id")


def recent_changes(
    user, *, program: str = "", kind: str = "", person: str = ""
) -> QuerySet[Activity]:
    """``visible_activities`` narrowed by program slug, verb and actor username.

    Filtering by person never reveals whose interest an anonymous row is: interest rows
    only match a person where ``user`` may see the student's name.
    """
    activities = visible_activities(user)
    if program:
        activities = activities.filter(program__slug=program)
    if kind:
        activities = activities.filter(verb=kind)
    if person:
        activities = activities.filter(actor__username=person)
        if not permissions.is_manager(user):
            named = Q(verb__in=INTEREST_VERBS)
            if user.is_authenticated:
                named &= ~Q(idea__in=_mentored_idea_ids(user))
            activities = activities.exclude(named)
    return activities


def describe_many(activities, user) -> list[Row]:
    """Rows for a page of activities (from ``visible_activities``), in two queries at most:
    the ideas ``user`` mentors and the edit summaries of the edits among them."""
    activities = list(activities)
    if permissions.is_manager(user):
        named_ideas = None
    elif user.is_authenticated:
        named_ideas = set(
            IdeaMentor.objects.filter(
                user=user, idea_id__in={a.idea_id for a in activities if a.idea_id}
            ).values_list("idea_id", flat=True)
        )
    else:
        named_ideas = set()
    summaries = _edit_summaries(activities)
    return [
        describe(
            activity,
            can_name_student=named_ideas is None or activity.idea_id in named_ideas,
            summaries=summaries.get(activity.idea_id, {}),
        )
        for activity in activities
    ]


def _edit_summaries(activities) -> dict[int, dict[int, str]]:
    wanted = {
        (activity.idea_id, activity.detail.get("version"))
        for activity in activities
        if activity.verb == Verb.EDITED and activity.idea_id and activity.detail.get("version")
    }
    if not wanted:
        return {}
    condition = reduce(operator.or_, (Q(idea_id=i, version=v) for i, v in wanted))
    summaries: dict[int, dict[int, str]] = {}
    for idea_id, version, summary in IdeaRevision.objects.filter(condition).values_list(
        "idea_id", "version", "summary"
    ):
        summaries.setdefault(idea_id, {})[version] = summary
    return summaries


# Presentation shared by the pages and the feed


def describe(activity: Activity, *, can_name_student: bool, summaries=None) -> Row:
    """One activity as a sentence. Interest rows say "A student" unless
    ``can_name_student``; role changes name the user by username, never by email."""
    verb = activity.verb
    if verb in INTEREST_VERBS and not can_name_student:
        who = "A student"
    elif activity.actor is None:
        who = "Someone"
    else:
        who = activity.actor.get_display_name()
    idea, program = activity.idea, activity.program
    target, url = "", ""
    if idea is not None:
        target, url = idea.title, idea.get_absolute_url()
    elif program is not None:
        target, url = program.name, program.get_absolute_url()
    try:
        label = Verb(verb).label
    except ValueError:
        label = verb.replace("_", " ")
    before, after = _PHRASES.get(verb, (label, ""))
    if verb in (Verb.REVIEWED, Verb.BACK_TO_REVIEW):
        # These happen to the idea; the actor only set them off.
        who, before = "", ""
    if verb in ROLE_VERBS:
        role = activity.detail.get("role", "a")
        username = activity.detail.get("user", "someone")
        if verb == Verb.ROLE_GRANTED:
            before, after = f"gave {username} the {role} role", ""
        else:
            before, after = f"took the {role} role from {username}", ""
    return Row(
        pk=activity.pk,
        verb=verb,
        when=activity.created_at,
        who=who,
        before=before,
        target=target,
        after=after,
        url=url,
        note=_note(activity, summaries or {}),
        program=program,
        idea=idea,
    )


def _note(activity: Activity, summaries: dict[int, str]) -> str:
    detail = activity.detail or {}
    verb = activity.verb
    if verb == Verb.EDITED:
        version = detail.get("version")
        parts = [f"revision {version}"] if version else []
        fields = [FIELD_LABELS.get(name, name).lower() for name in detail.get("fields", [])]
        if fields:
            parts.append("changed " + ", ".join(fields))
        summary = summaries.get(version, "")
        note = "; ".join(parts)
        return f"{note}: “{summary}”" if summary else note
    if verb == Verb.SIGNED_OFF and detail.get("version"):
        return f"revision {detail['version']}"
    if verb == Verb.RESTORED and detail.get("from_version"):
        return f"revision {detail['from_version']}, saved as revision {detail.get('version')}"
    if verb == Verb.COMMENTED and detail.get("reply"):
        return "a reply"
    if verb == Verb.PROGRAM_PUBLISHED and "approved" in detail:
        count = detail["approved"]
        return f"{count} approved idea{'s' if count != 1 else ''}"
    return ""
