"""Saving an idea's content: the revision it makes and what a change of reviewed content
sets off. Shared by the content and mentoring modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from gsoc.models import Activity, Idea, IdeaMentor, IdeaRevision, Skill
from gsoc.schema import CONTENT_FIELDS, REVIEWED_FIELDS
from gsoc.workflow.base import record
from gsoc.workflow.transitions import update_review_state


@dataclass
class IdeaContent:
    """What a mentor typed into the idea form, cleaned."""

    fields: dict[str, Any]
    skills: list[str]
    mentors: list  # users who mentor it, in order (on an edit: among the current ones)
    summary: str = ""  # the optional edit summary
    # People to invite as co-mentors (users, or email addresses): they join on accepting.
    invite: list = field(default_factory=list)

    @classmethod
    def of(cls, idea: Idea, **changes) -> IdeaContent:
        """The idea's current content, with ``changes`` (fields, mentors, summary...)."""
        content = cls(
            fields={name: getattr(idea, name) for name in CONTENT_FIELDS},
            skills=[skill.name for skill in idea.skills.all()],
            mentors=[link.user for link in idea.mentor_links.all()],
        )
        for name, value in changes.items():
            setattr(content, name, value)
        return content


def snapshot(idea: Idea) -> dict:
    """The idea's content as plain data, as a revision stores it."""
    data = {name: getattr(idea, name) for name in CONTENT_FIELDS}
    data["skills"] = sorted(skill.name for skill in idea.skills.all())
    data["mentors"] = [link.user.username for link in idea.mentor_links.select_related("user")]
    return data


def save_revision(idea: Idea, *, by, summary: str = "") -> IdeaRevision:
    return IdeaRevision.objects.create(
        idea=idea, version=idea.version, author=by, summary=summary[:200], data=snapshot(idea)
    )


def set_mentors(idea: Idea, mentors: list) -> None:
    idea.mentor_links.all().delete()
    IdeaMentor.objects.bulk_create(
        IdeaMentor(idea=idea, user=user, position=i) for i, user in enumerate(mentors)
    )


def save_content(locked: Idea, content: IdeaContent, *, by, new_mentors: bool = False) -> list:
    """Apply ``content`` to a locked idea; returns the names of what changed (nothing
    saved when empty). Mentors not among the current ones are refused unless
    ``new_mentors`` (an accepted offer or invitation): nobody is made a mentor unasked."""
    if not content.mentors:
        raise ValidationError({"mentors": "An idea needs at least one mentor."})
    old_mentors = [link.user for link in locked.mentor_links.all()]
    strangers = [user for user in content.mentors if user not in old_mentors]
    if strangers and not new_mentors:
        names = ", ".join(user.get_display_name() for user in strangers)
        raise ValidationError({"mentors": f"{names} must accept an invitation first."})
    changed = [name for name, value in content.fields.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, content.fields[name])
    if [user.pk for user in old_mentors] != [user.pk for user in content.mentors]:
        set_mentors(locked, content.mentors)
        changed.append("mentors")
    new_skills = Skill.get_or_create_many(content.skills)
    if {s.pk for s in locked.skills.all()} != {s.pk for s in new_skills}:
        locked.skills.set(new_skills)
        changed.append("skills")
    if not changed:
        return changed
    locked.full_clean(exclude=["slug"])
    locked.version += 1
    locked.verified_at = timezone.localdate()
    locked.edited_at = timezone.now()
    if set(changed) & set(REVIEWED_FIELDS):
        locked.reviewed_version = locked.version
    locked.save()
    save_revision(locked, by=by, summary=content.summary)
    record(
        Activity.Verb.EDITED,
        by=by,
        program=locked.program,
        idea=locked,
        fields=changed,
        version=locked.version,
    )
    # A fresh list of mentors for whatever runs next in this transaction.
    getattr(locked, "_prefetched_objects_cache", {}).pop("mentor_links", None)
    update_review_state(locked, by=by)
    return changed
